import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import type { Command } from './types.js';

export const help: Command = {
  spec: {
    name: 'help',
    cache: 'data',
    aliases: ['?', 'commands', 'hi', 'hello', 'start'],
    summary: 'What I can do, with examples.',
    usage: 'help [command]',
    examples: ['help', 'help due'],
    patterns: [/^(?:what can you do|how (?:do i|does this) work)$/i],
  },
  async handle({ args }, deps): Promise<Reply> {
    const specs = deps.specs();
    const word = args.trim().toLowerCase();
    if (word) {
      const spec = specs.find((s) => s.name === word || s.aliases.includes(word));
      if (!spec) throw new UserError('not-found', `There is no command “${word.slice(0, 30)}”.`, `The commands are: ${specs.map((s) => s.name).join(', ')}.`);
      return {
        title: `${spec.name}: ${spec.summary}`,
        text: `Usage: ${spec.usage}${spec.aliases.length ? `\nAlso: ${spec.aliases.join(', ')}` : ''}`,
        items: spec.examples.map((e, i) => ({ id: `${spec.name}-example-${i + 1}`, title: e, fields: [], actions: [{ id: 'try', label: 'Try it', command: e }] })),
        tone: 'info',
      };
    }
    return {
      title: 'followup keeps the meeting’s commitments at hand',
      text:
        'Ask in plain words — “what did KNOMAD commit to?”, “what is due in September 2014?”, “agenda 7”, “gfmd” — ' +
        'or type anything to search. Every answer cites the report’s section and paragraph.',
      items: specs.map((s) => ({
        id: `help-${s.name}`,
        title: s.usage,
        text: s.summary,
        fields: [{ label: 'Example', value: s.examples[0] ?? s.usage }],
      })),
      tone: 'info',
    };
  },
};
