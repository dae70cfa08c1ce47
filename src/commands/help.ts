import { UserError } from '../core/errors.js';
import type { Reply, ReplyItem } from '../core/reply.js';
import type { CommandSpec } from './types.js';
import type { Command } from './types.js';

/** How `help` groups the commands; a registered command in none of them is listed under "Other". */
export const HELP_GROUPS: ReadonlyArray<{ title: string; names: readonly string[]; try: readonly string[] }> = [
  {
    title: 'Ask',
    names: ['actor', 'who', 'when', 'due', 'overdue', 'agenda', 'section', 'gfmd', 'tracks', 'find', 'show', 'source', 'more', 'hello', 'help'],
    try: ['what did KNOMAD commit to?', 'due before 2015'],
  },
  {
    title: 'Follow up',
    names: ['remind', 'reminders', 'stop', 'pause', 'resume', 'snooze', 'summary', 'digest', 'done', 'progress', 'status', 'assign', 'focal', 'history', 'mine', 'capture', 'tz'],
    try: ['remind me tomorrow at 9 about gfmd', 'summary'],
  },
  { title: 'Review imports', names: ['proposed', 'accept', 'reject', 'edit'], try: ['proposed'] },
];

function groupItem(title: string, specs: readonly CommandSpec[], examples: readonly string[]): ReplyItem {
  return {
    id: `help-${title.toLowerCase().replace(/\s+/g, '-')}`,
    title,
    text: specs.map((s) => `\`${s.name}\``).join(' · '),
    fields: [],
    actions: examples.map((e) => ({ id: 'try', label: e, command: e })),
  };
}

/** One command in detail: usage, other words for it, examples to try. */
function detail(spec: CommandSpec): Reply {
  return {
    title: `${spec.name}: ${spec.summary}`,
    text: `Usage: ${spec.usage}${spec.aliases.length ? `\nAlso: ${spec.aliases.join(', ')}` : ''}`,
    items: spec.examples.map((e, i) => ({ id: `${spec.name}-example-${i + 1}`, title: e, fields: [], actions: [{ id: 'try', label: 'Try it', command: e }] })),
    tone: 'info',
    whole: true,
  };
}

export const help: Command = {
  spec: {
    name: 'help',
    cache: 'data',
    aliases: ['?', 'commands', 'start', 'manual'],
    summary: 'What I can do, grouped; `help <command>` for one command in detail.',
    usage: 'help [command]',
    examples: ['help', 'help due'],
    patterns: [/^(?:what can you do|how (?:do i|does this|do you) work|what do you do|help me|what are the commands|how do i use (?:this|you))$/i],
  },
  async handle({ args }, deps): Promise<Reply> {
    const specs = deps.specs();
    const word = args.trim().toLowerCase();
    if (word) {
      const spec = specs.find((s) => s.name === word || s.aliases.includes(word));
      if (!spec) throw new UserError('not-found', `There is no command “${word.slice(0, 30)}”.`, `The commands are: ${specs.map((s) => s.name).join(', ')}.`);
      return detail(spec);
    }
    const listed = new Set(HELP_GROUPS.flatMap((g) => g.names));
    const items = HELP_GROUPS.map((g) => groupItem(g.title, g.names.flatMap((n) => specs.filter((s) => s.name === n)), g.try));
    const other = specs.filter((s) => !listed.has(s.name));
    if (other.length) items.push(groupItem('Other', other, []));
    return {
      title: 'followup keeps the meeting’s commitments at hand',
      text: 'Ask in plain words, or type anything to search; every answer quotes the report. `help <command>` shows one command in detail.',
      items: items.filter((i) => i.text),
      tone: 'info',
      whole: true,
    };
  },
};
