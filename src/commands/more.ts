import { UserError } from '../core/errors.js';
import type { Command } from './types.js';

/** The next items of the last list answer in this conversation (see Pages). */
export const more: Command = {
  spec: {
    name: 'more',
    aliases: ['continue'],
    summary: 'The next items of the last list I answered here.',
    usage: 'more',
    examples: ['more'],
    patterns: [/^(?:show |give me |(?:and )?(?:some|any) )?(?:more|the rest|next (?:page|ones|items))(?: (?:please|results|items|of (?:those|them|these)))?$/i],
  },
  async handle({ message }, deps) {
    const page = await deps.pages.nextShared(message);
    if (page) return page;
    throw new UserError('not-found', 'There is nothing more to show here.', 'Ask a question first, e.g. `what did KNOMAD commit to?`; when an answer has more items, `more` shows them.');
  },
};
