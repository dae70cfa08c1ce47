import { DateTime, IANAZone } from 'luxon';
import type { Precision } from '../catalog/schema.js';

export function isValidZone(zone: string): boolean {
  return resolveZone(zone) !== undefined;
}

/**
 * Cities people name that the IANA database folds into another zone (there is no
 * Europe/Geneva: Switzerland is Europe/Zurich), plus a few common city names.
 */
const ZONE_ALIASES: Record<string, string> = {
  'europe/geneva': 'Europe/Zurich',
  geneva: 'Europe/Zurich',
  'new york': 'America/New_York',
  'washington': 'America/New_York',
  'europe/the_hague': 'Europe/Amsterdam',
  'asia/geneva': 'Europe/Zurich',
  'utc': 'UTC',
  'gmt': 'UTC',
};

/**
 * The IANA zone for a name: an exact IANA name ("Europe/Rome"), any casing ("europe/rome"), a
 * city alone ("Rome", "Buenos Aires") or a known alias ("Europe/Geneva"). Undefined otherwise.
 */
export function resolveZone(name: string): string | undefined {
  const n = name.trim();
  if (!n || n.length > 64) return undefined;
  const alias = ZONE_ALIASES[n.toLowerCase()];
  if (alias) return alias;
  const wanted = n.toLowerCase().replace(/\s+/g, '_');
  const zones = Intl.supportedValuesOf('timeZone');
  const exact = zones.find((z) => z.toLowerCase() === wanted);
  if (exact) return exact;
  if (n.includes('/')) return IANAZone.isValidZone(n) ? n : undefined;
  return zones.find((z) => z.toLowerCase().endsWith(`/${wanted}`));
}

/** The calendar date of `instant` in `zone`. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** The window a due date covers given its precision: a month-precision date covers its month. */
export function dueWindow(date: string, precision: Precision): { start: string; end: string } {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  switch (precision) {
    case 'month':
      return { start: d.startOf('month').toISODate()!, end: d.endOf('month').toISODate()! };
    case 'year':
      return { start: d.startOf('year').toISODate()!, end: d.endOf('year').toISODate()! };
    default:
      return { start: date, end: date };
  }
}

/** "by September 2014", "by 31 October 2013", "in 2014", "around 31 March 2014". */
export function formatDue(date: string, precision: Precision): string {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  switch (precision) {
    case 'day':
      return `by ${d.toFormat('d LLLL yyyy')}`;
    case 'month':
      return `by ${d.toFormat('LLLL yyyy')}`;
    case 'year':
      return `in ${d.toFormat('yyyy')}`;
    case 'approximate':
      return `around ${d.toFormat('d LLLL yyyy')}`;
  }
}

/** "by September 2014", with "(inferred)" when the report only implies the date. */
export function describeDue(due: { date: string; precision: Precision; basis: 'stated' | 'inferred' }): string {
  return `${formatDue(due.date, due.precision)}${due.basis === 'inferred' ? ' (inferred)' : ''}`;
}

export function formatDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).toFormat('d LLL yyyy');
}

export { parsePeriod, type Period } from './periods.js';
