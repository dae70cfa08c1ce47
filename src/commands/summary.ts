import { UserError } from '../core/errors.js';
import { buildSummary, resolveScope } from './summary-content.js';
import type { Command } from './types.js';

export const summary: Command = {
  spec: {
    name: 'summary',
    aliases: ['digest-now', 'status-report', 'report'],
    summary: 'A digest now: overdue, due soon, recently changed, counts by track and status; for everything, a track or an organisation.',
    usage: 'summary [track or organisation]',
    examples: ['summary', 'summary gfmd', 'summary KNOMAD'],
  },
  async handle({ args }, deps) {
    const text = args.trim();
    const scope = text ? resolveScope(text, deps) : undefined;
    if (text && !scope) throw new UserError('not-found', `I don't know “${text.slice(0, 60)}” as a track, an organisation or an item.`, 'For example `summary`, `summary gfmd`, `summary post-2015` or `summary KNOMAD`.');
    return { ...(await buildSummary(deps, scope, undefined)), audience: 'channel' };
  },
};
