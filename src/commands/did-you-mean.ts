import type { Reply } from '../core/reply.js';
import { find } from './find.js';
import { normaliseText } from './phrasing.js';
import type { Command } from './types.js';

/**
 * The answer to a misspelt command word ("remnid me tomorow about gfmd", "sumary"): the corrected
 * command offered as a button, never run and never searched for. The router sends it here with
 * the corrected words; a word the catalog holds (a name, a topic) is searched as typed instead.
 */
export const didYouMean: Command = {
  spec: {
    name: 'did-you-mean',
    aliases: [],
    // Not cached: the answer quotes what was typed, and two slips can mean the same command.
    summary: 'Offers the command a misspelt command word most likely meant.',
    usage: '(internal)',
    examples: [],
  },
  async handle({ args, message }, deps): Promise<Reply> {
    const typed = normaliseText(message.text);
    const first = typed.split(' ')[0]!.toLowerCase();
    if (deps.search.correct(first) === first) return find.handle({ args: typed, message }, deps);
    return {
      title: `Did you mean \`${args}\`?`,
      text: `I read “${typed.slice(0, 80)}” as a command with a slip in it; nothing was done.`,
      actions: [
        { id: 'did-you-mean', label: args.slice(0, 75), command: args },
        { id: 'search-instead', label: 'Search the report instead', command: `find ${typed.slice(0, 200)}` },
      ],
      tone: 'info',
    };
  },
};
