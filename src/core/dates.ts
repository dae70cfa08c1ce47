import * as chrono from 'chrono-node';
import { DateTime, IANAZone } from 'luxon';
import type { Precision } from '../catalog/schema.js';

/** An inclusive range of calendar dates (ISO YYYY-MM-DD) with a label for people. */
export interface Period {
  start: string;
  end: string;
  label: string;
}

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

const UNITS = { day: 'days', week: 'weeks', month: 'months', year: 'years' } as const;

function range(start: DateTime, end: DateTime, label: string): Period {
  return { start: start.toISODate()!, end: end.toISODate()!, label };
}

/**
 * Parses the period in a question such as "due in September 2014", "due next 30 days", "due 2014",
 * "due this month", "due Q3 2014", "due 30 September 2014". Relative periods count from `now` in
 * `zone`. Returns undefined when the text names no period.
 */
export function parsePeriod(text: string, now: Date, zone: string): Period | undefined {
  const t = text
    .toLowerCase()
    .replace(/[?.!]+$/, '')
    .replace(/^(?:in|during|for|within|by|before|on)\s+/, '')
    .trim();
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');

  const rel = /^(?:the\s+)?(next|coming|past|last)\s+(\d{1,4})\s+(day|week|month|year)s?$/.exec(t);
  if (rel) {
    const n = Number(rel[2]);
    const unit = UNITS[rel[3] as keyof typeof UNITS];
    if (n === 0) return undefined;
    return rel[1] === 'next' || rel[1] === 'coming'
      ? range(today, today.plus({ [unit]: n }), `the next ${n} ${n === 1 ? rel[3] : unit}`)
      : range(today.minus({ [unit]: n }), today, `the past ${n} ${n === 1 ? rel[3] : unit}`);
  }
  const rel1 = /^(this|next|last)\s+(week|month|year|quarter)$/.exec(t);
  if (rel1) {
    const unit = rel1[2] as 'week' | 'month' | 'year' | 'quarter';
    const base = rel1[1] === 'next' ? today.plus({ [`${unit}s`]: 1 }) : rel1[1] === 'last' ? today.minus({ [`${unit}s`]: 1 }) : today;
    return range(base.startOf(unit), base.endOf(unit), `${rel1[1]} ${unit}`);
  }
  if (t === 'today') return range(today, today, 'today');
  const year = /^(\d{4})$/.exec(t);
  if (year) {
    const y = DateTime.fromObject({ year: Number(year[1]) }, { zone: 'UTC' });
    return range(y.startOf('year'), y.endOf('year'), year[1]!);
  }
  const ym = /^(\d{4})-(\d{2})$/.exec(t);
  if (ym) {
    const m = DateTime.fromObject({ year: Number(ym[1]), month: Number(ym[2]) }, { zone: 'UTC' });
    if (m.isValid) return range(m.startOf('month'), m.endOf('month'), m.toFormat('LLLL yyyy'));
  }
  const q = /^q([1-4])\s*(\d{4})$/.exec(t);
  if (q) {
    const m = DateTime.fromObject({ year: Number(q[2]), month: (Number(q[1]) - 1) * 3 + 1 }, { zone: 'UTC' });
    return range(m.startOf('quarter'), m.endOf('quarter'), `Q${q[1]} ${q[2]}`);
  }

  // Anything else goes to chrono-node, a maintained natural-language date parser.
  const parsed = chrono.parse(t, { instant: now, timezone: DateTime.fromJSDate(now, { zone }).offset }, { forwardDate: false });
  const hit = parsed[0];
  if (!hit || hit.text.length < t.length * 0.6) return undefined;
  const c = hit.start;
  const d = DateTime.fromObject(
    { year: c.get('year') ?? today.year, month: c.get('month') ?? 1, day: c.get('day') ?? 1 },
    { zone: 'UTC' },
  );
  if (!d.isValid) return undefined;
  if (c.isCertain('day') || c.isCertain('weekday')) {
    if (hit.end) {
      const e = hit.end;
      const ed = DateTime.fromObject({ year: e.get('year')!, month: e.get('month')!, day: e.get('day')! }, { zone: 'UTC' });
      if (ed.isValid && ed >= d) return range(d, ed, `${d.toFormat('d LLL yyyy')} – ${ed.toFormat('d LLL yyyy')}`);
    }
    return range(d, d, d.toFormat('d LLLL yyyy'));
  }
  if (c.isCertain('month')) return range(d.startOf('month'), d.endOf('month'), d.toFormat('LLLL yyyy'));
  if (c.isCertain('year')) return range(d.startOf('year'), d.endOf('year'), d.toFormat('yyyy'));
  return undefined;
}
