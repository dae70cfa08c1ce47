import { DateTime } from 'luxon';
import type { Nature, Precision } from '../catalog/schema.js';
import { describeDue, dueWindow } from './dates.js';

export interface DatedLike {
  date: string;
  precision: Precision;
  basis: 'stated' | 'inferred';
  /** A date stored before natures were recorded is a deadline. */
  nature?: Nature;
}

/** The date alone, as a sentence continues it: "October 2013", "4 October 2013", "2018", "around 30 June 2014". */
function bareDate(date: string, precision: Precision): string {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  switch (precision) {
    case 'day':
      return d.toFormat('d LLLL yyyy');
    case 'month':
      return d.toFormat('LLLL yyyy');
    case 'year':
      return d.toFormat('yyyy');
    case 'approximate':
      return `around ${d.toFormat('d LLLL yyyy')}`;
  }
}

/** Whether the whole window of the date lies before `today` (ISO). */
export function datePassed(due: DatedLike, today: string | undefined): boolean {
  return today !== undefined && dueWindow(due.date, due.precision).end < today;
}

/**
 * How an item's date reads, by what the date is: a deadline "by September 2014"; a hope "hoped for
 * by July 2014", and once that date is past "hoped for by July 2014 — passed"; an event "held
 * October 2013" when it took place (`done`), otherwise "scheduled for September 2014"; the end of
 * a period "runs to 2018". An inferred date says so. Without `today` nothing is said to have passed.
 */
export function describeDate(due: DatedLike, opts: { done?: boolean; today?: string } = {}): { label: string; text: string } {
  const nature = due.nature ?? 'deadline';
  if (nature === 'deadline') return { label: 'Due', text: describeDue(due) };
  const inferred = due.basis === 'inferred' ? ' (inferred)' : '';
  const passed = datePassed(due, opts.today);
  const when = bareDate(due.date, due.precision);
  switch (nature) {
    case 'hope':
      return { label: 'Date', text: `hoped for ${describeDue({ ...due, basis: 'stated' })}${inferred}${passed ? ' — passed' : ''}` };
    case 'event':
      if (opts.done) return { label: 'Date', text: `held ${when}${inferred}` };
      return { label: 'Date', text: `scheduled for ${when}${inferred}${passed ? ' — date passed' : ''}` };
    case 'end':
      return { label: 'Date', text: `${passed ? 'ran' : 'runs'} to ${when}${inferred}` };
  }
}
