import { DateTime } from 'luxon';
import type { Precision } from '../catalog/schema.js';
import { EARLIEST, LATEST, parsePeriod } from './periods.js';

/** A due date a person typed or wrote in a message, with how precise it is. */
export interface DueReading {
  /** The last day of what was named (a deadline): 2015-03-15; 2015-03-31 for "March 2015". */
  date: string;
  precision: Precision;
  /** The words it was read from. */
  phrase: string;
}

const LEAD = /^(?:(?:is\s+)?due\s+)?(?:by|before|until|till|on|in|for|no later than|not later than|at the latest by)\s+(?:the\s+)?(?:end\s+of\s+)?/i;

/**
 * A due-date field: "15 March 2015", "2015-03-15", "March 2015" (month), "2015" (year),
 * "Q1 2015" (approximate, its last day), "next friday", "by the end of June". The period's span
 * gives the precision (periods.ts reads it; relative words count from `now` in `zone`).
 * Undefined when it names no date, or only an open window ("after May").
 */
export function readDue(text: string, now: Date, zone: string): DueReading | undefined {
  const phrase = text.trim().replace(/[.!]+$/, '');
  if (!phrase || phrase.length > 80) return undefined;
  const p = parsePeriod(phrase.replace(LEAD, ''), now, zone);
  if (!p || p.start === EARLIEST || p.end === LATEST) return undefined;
  const start = DateTime.fromISO(p.start, { zone: 'UTC' });
  const end = DateTime.fromISO(p.end, { zone: 'UTC' });
  const precision: Precision =
    p.start === p.end ? 'day' : start.hasSame(end, 'month') && start.day === 1 && end.day === end.daysInMonth ? 'month' : start.hasSame(end, 'year') && start.ordinal === 1 && end.month === 12 && end.day === 31 ? 'year' : 'approximate';
  return { date: p.end, precision, phrase };
}
