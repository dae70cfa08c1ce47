import type { Reply } from '../core/reply.js';
import { resolveMeetingIn } from './meeting-scope.js';
import { candidateItem } from './review-helpers.js';
import type { Command } from './types.js';

const PAGE = 10;

export const proposed: Command = {
  spec: {
    name: 'proposed',
    aliases: ['candidates', 'review'],
    summary: 'Commitments an import proposed, waiting for review (accept, reject, edit).',
    usage: 'proposed [meeting] [rejected]',
    examples: ['proposed', 'proposed 13th meeting', 'proposed rejected'],
  },
  async handle(input, deps): Promise<Reply> {
    let args = input.args.trim();
    const rejected = /\brejected\b/i.test(args);
    args = args.replace(/\brejected\b/i, '').trim();
    const meeting = args ? resolveMeetingIn(args, deps) : undefined;
    const list = deps.candidates.list(rejected ? 'rejected' : 'proposed', meeting?.id);
    if (!list.length) {
      return {
        title: rejected ? 'No rejected candidates.' : `Nothing is waiting for review${meeting ? ` in ${meeting.shortName}` : ''}.`,
        text: 'Import a report with `followup import report.pdf --meeting "13th meeting" --date 2015-02-19`; its candidates show here.',
        tone: 'empty',
      };
    }
    const shown = list.slice(0, PAGE);
    return {
      title: `${list.length} candidate${list.length === 1 ? '' : 's'} ${rejected ? 'rejected' : 'waiting for review'}${meeting ? ` · ${meeting.shortName}` : ''}`,
      text: 'Accept what the report really commits to; reject the rest. Fix a detail first with `edit <id> due 2015-09-30` (or summary, kind, actor).',
      items: shown.map((s) => candidateItem(s, deps)),
      ...(list.length > PAGE ? { more: { count: list.length - PAGE, hint: 'Accept or reject these to see the next ones, or `accept all`.' } } : {}),
      tone: 'info',
    };
  },
};
