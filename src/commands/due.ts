import { formatDate, localDate, parsePeriod } from '../core/dates.js';
import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { itemOf, listReply, plural } from './present.js';
import type { Command, Deps } from './types.js';

const EXAMPLES = '`due in September 2014`, `due next 30 days`, `due 2014` or `overdue`';

/** Where the catalog's dates lie, so an empty answer can say where to look. */
function dateSpan(deps: Deps): string {
  const dated = deps.commitments.dueBetween('0000-01-01', '9999-12-31');
  if (dated.length === 0) return '';
  const first = dated[0]!.due!.start;
  const last = dated.reduce((m, c) => (c.due!.end > m ? c.due!.end : m), first);
  return ` The catalog's due dates run from ${formatDate(first)} to ${formatDate(last)}.`;
}

export const due: Command = {
  spec: {
    name: 'due',
    cache: 'day',
    aliases: ['deadlines', 'deadline', 'when'],
    summary: 'What is due in a period: a month, a year, the next N days.',
    usage: 'due <period>',
    examples: ['due in September 2014', 'what is due in July 2014?', 'due next 30 days', 'due 2014'],
    patterns: [/^what(?:'s| is| are| was| were)? (?:due|coming up)(?: (?<args>.+))?$/i, /^(?:deadlines|due dates?)(?: (?<args>.+))?$/i],
  },
  async handle({ args }, deps): Promise<Reply> {
    const text = args.trim() || 'next 30 days';
    const now = deps.clock.now();
    const period = parsePeriod(text, now, deps.zone);
    if (!period) throw new UserError('bad-date', `I couldn't read “${text.slice(0, 60)}” as a date or a period.`, `Try ${EXAMPLES}.`);
    const items = deps.commitments.dueBetween(period.start, period.end);
    const range = period.start === period.end ? `on ${formatDate(period.start)}` : `between ${formatDate(period.start)} and ${formatDate(period.end)}`;
    if (items.length === 0) {
      return { title: `Nothing is due in ${period.label}`, text: `No item has a due date ${range}.${dateSpan(deps)}`, tone: 'empty' };
    }
    return listReply(
      `Due in ${period.label}`,
      items.map((c) => itemOf(c)),
      'Ask for a shorter period, e.g. `due in September 2014`.',
      `${plural(items.length, 'item')} with a due date ${range}. An item given only a month or a year is due at the end of it.`,
    );
  },
};

export const overdue: Command = {
  spec: {
    name: 'overdue',
    cache: 'day',
    aliases: ['late', 'past-due'],
    summary: 'Items whose due date has passed and that are not done or dropped.',
    usage: 'overdue',
    examples: ['overdue', 'what is overdue?'],
    patterns: [/^what(?:'s| is| are)? (?:overdue|late|past due)$/i],
  },
  async handle(_input, deps) {
    const today = localDate(deps.clock.now(), deps.zone);
    const items = deps.commitments.overdue(today);
    if (items.length === 0) return { title: 'Nothing is overdue', text: `As of ${formatDate(today)}, every dated item is done, dropped or not yet due.`, tone: 'empty' };
    return listReply(
      `Overdue as of ${formatDate(today)}`,
      items.map((c) => itemOf(c)),
      'Narrow it by actor (`actor UNODC`) or track (`track post-2015`).',
      `${plural(items.length, 'item')} past their due date and not marked done or dropped.`,
    );
  },
};
