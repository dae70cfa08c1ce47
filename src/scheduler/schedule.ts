import { DateTime } from 'luxon';

/**
 * A stored schedule. Recurring ones are kept as a small RFC 5545 RRULE subset, always with the
 * IANA zone beside them (in the subscription row); one-off ones as an instant.
 *
 *   ONCE=2014-09-01T07:00:00.000Z
 *   FREQ=MINUTELY;INTERVAL=30;DTSTART=2014-09-01T07:00:00.000Z
 *   FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30            (every weekday 8:30)
 *   FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0;DTSTART=2014-03-03
 *   FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0                    (-1: the last day)
 *   LADDER=30,7,1;OVERDUE=1;BYHOUR=9;BYMINUTE=0                      (before each deadline)
 */
export type Schedule =
  | { type: 'once'; at: string }
  | { type: 'interval'; minutes: number; start: string }
  | { type: 'weekly'; weekdays: number[]; hour: number; minute: number; every: number; start?: string }
  | { type: 'monthly'; day: number; hour: number; minute: number }
  | { type: 'ladder'; offsets: number[]; overdue: boolean; hour: number; minute: number };

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function formatSchedule(s: Schedule): string {
  const at = (h: number, m: number): string => `BYHOUR=${h};BYMINUTE=${m}`;
  switch (s.type) {
    case 'once':
      return `ONCE=${s.at}`;
    case 'interval':
      return `FREQ=MINUTELY;INTERVAL=${s.minutes};DTSTART=${s.start}`;
    case 'weekly':
      return `FREQ=WEEKLY;${s.every > 1 ? `INTERVAL=${s.every};` : ''}BYDAY=${s.weekdays.map((d) => DAYS[d - 1]).join(',')};${at(s.hour, s.minute)}${s.start ? `;DTSTART=${s.start}` : ''}`;
    case 'monthly':
      return `FREQ=MONTHLY;BYMONTHDAY=${s.day};${at(s.hour, s.minute)}`;
    case 'ladder':
      return `LADDER=${s.offsets.join(',')};OVERDUE=${s.overdue ? 1 : 0};${at(s.hour, s.minute)}`;
  }
}

export function parseSchedule(text: string): Schedule {
  const parts = new Map(text.split(';').map((kv) => kv.split('=') as [string, string]));
  const num = (k: string, d?: number): number => {
    const v = parts.get(k);
    if (v === undefined) {
      if (d !== undefined) return d;
      throw new Error(`schedule "${text}" has no ${k}`);
    }
    return Number(v);
  };
  if (parts.has('ONCE')) return { type: 'once', at: parts.get('ONCE')! };
  if (parts.has('LADDER'))
    return { type: 'ladder', offsets: parts.get('LADDER')!.split(',').filter(Boolean).map(Number), overdue: parts.get('OVERDUE') === '1', hour: num('BYHOUR'), minute: num('BYMINUTE') };
  switch (parts.get('FREQ')) {
    case 'MINUTELY':
      return { type: 'interval', minutes: num('INTERVAL'), start: parts.get('DTSTART')! };
    case 'WEEKLY': {
      const s: Schedule = {
        type: 'weekly',
        weekdays: parts.get('BYDAY')!.split(',').map((d) => DAYS.indexOf(d) + 1),
        hour: num('BYHOUR'),
        minute: num('BYMINUTE'),
        every: num('INTERVAL', 1),
      };
      if (parts.has('DTSTART')) s.start = parts.get('DTSTART')!;
      return s;
    }
    case 'MONTHLY':
      return { type: 'monthly', day: num('BYMONTHDAY'), hour: num('BYHOUR'), minute: num('BYMINUTE') };
    default:
      throw new Error(`unknown schedule "${text}"`);
  }
}

const hhmm = (h: number, m: number): string => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/** The schedule in words: "every Monday at 09:00", "every weekday at 08:30". */
export function describeSchedule(s: Schedule, zone: string): string {
  switch (s.type) {
    case 'once':
      return `once, ${DateTime.fromISO(s.at, { zone }).toFormat("ccc d LLL yyyy 'at' HH:mm")}`;
    case 'interval':
      return s.minutes % 60 === 0 ? `every ${s.minutes / 60 === 1 ? 'hour' : `${s.minutes / 60} hours`}` : `every ${s.minutes} minutes`;
    case 'weekly': {
      const days =
        s.weekdays.length === 7
          ? 'day'
          : s.weekdays.join() === '1,2,3,4,5'
            ? 'weekday'
            : s.weekdays.map((d) => DAY_NAMES[d - 1]).join(' and ');
      return `every ${s.every > 1 ? `${s.every} weeks on ` : ''}${days} at ${hhmm(s.hour, s.minute)}`;
    }
    case 'monthly':
      return `every month on the ${s.day === -1 ? 'last day' : ordinal(s.day)} at ${hhmm(s.hour, s.minute)}`;
    case 'ladder':
      return `${s.offsets.join(', ')} day${s.offsets.length === 1 && s.offsets[0] === 1 ? '' : 's'} before each deadline${s.overdue ? ', and once when overdue' : ''}, at ${hhmm(s.hour, s.minute)}`;
  }
}

export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${n % 10 > 3 ? 'th' : s}`;
}

/**
 * The instant a wall-clock time has on a date in a zone, with the DST policy:
 * - a time that does not exist that day (clocks jump over it) fires at the next valid instant,
 *   the moment the clocks jump;
 * - a time that happens twice (clocks fall back) fires at the first.
 */
export function wallClockInstant(date: DateTime, hour: number, minute: number, zone: string): DateTime {
  const wanted = { year: date.year, month: date.month, day: date.day, hour, minute };
  const dt = DateTime.fromObject(wanted, { zone });
  const isWanted = (d: DateTime): boolean => d.day === date.day && d.hour === hour && d.minute === minute;
  if (isWanted(dt)) {
    // Ambiguous? An earlier instant with the same wall time (offsets differ by 30 or 60 minutes).
    for (const back of [120, 60, 30]) {
      const earlier = dt.minus({ minutes: back });
      if (isWanted(earlier)) return earlier;
    }
    return dt;
  }
  // In a gap: find the first instant whose wall clock is at or past the wanted time that day.
  const target = hour * 60 + minute;
  const wall = (d: DateTime): number => (d.day !== date.day ? (d < dt ? -1 : 24 * 60) : d.hour * 60 + d.minute);
  let lo = dt.minus({ hours: 3 }).toMillis();
  let hi = dt.toMillis();
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (wall(DateTime.fromMillis(mid, { zone })) >= target) hi = mid;
    else lo = mid;
  }
  return DateTime.fromMillis(hi, { zone }).startOf('minute').plus({ minutes: DateTime.fromMillis(hi, { zone }).second > 0 ? 1 : 0 });
}

/** The first occurrence strictly after `after`, or undefined when there is none (a past one-off). */
export function nextOccurrence(s: Schedule, after: Date, zone: string): Date | undefined {
  const afterMs = after.getTime();
  switch (s.type) {
    case 'once':
      return Date.parse(s.at) > afterMs ? new Date(s.at) : undefined;
    case 'interval': {
      const start = Date.parse(s.start);
      const step = s.minutes * 60_000;
      if (start > afterMs) return new Date(start);
      return new Date(start + (Math.floor((afterMs - start) / step) + 1) * step);
    }
    case 'ladder':
      return undefined; // depends on the items' deadlines: see ladderRungs
    default: {
      // Walk the local calendar from the day of `after`; each matching date has one instant.
      let day = DateTime.fromMillis(afterMs, { zone }).startOf('day');
      for (let i = 0; i < 800; i++, day = day.plus({ days: 1 })) {
        if (!matchesDate(s, day, zone)) continue;
        const at = wallClockInstant(day, s.hour, s.minute, zone);
        if (at.toMillis() > afterMs) return at.toJSDate();
      }
      return undefined;
    }
  }
}

function matchesDate(s: Schedule, day: DateTime, zone: string): boolean {
  if (s.type === 'weekly') {
    if (!s.weekdays.includes(day.weekday)) return false;
    if (s.every <= 1 || !s.start) return true;
    const start = DateTime.fromISO(s.start, { zone }).startOf('week');
    const weeks = Math.round(day.startOf('week').diff(start, 'weeks').weeks);
    return weeks >= 0 && weeks % s.every === 0;
  }
  if (s.type === 'monthly') {
    const last = day.endOf('month').day;
    const wanted = s.day === -1 ? last : Math.min(s.day, last);
    return day.day === wanted;
  }
  return false;
}

export interface Rung {
  at: Date;
  commitmentId: string;
  /** Days before the deadline, or -1 for the overdue notice. */
  daysBefore: number;
}

/** Every rung of a deadline ladder for the given deadlines (ISO dates), in time order. */
export function ladderRungs(s: Extract<Schedule, { type: 'ladder' }>, deadlines: Array<{ id: string; due: string }>, zone: string): Rung[] {
  const rungs: Rung[] = [];
  for (const d of deadlines) {
    const due = DateTime.fromISO(d.due, { zone });
    for (const o of s.offsets) rungs.push({ at: wallClockInstant(due.minus({ days: o }), s.hour, s.minute, zone).toJSDate(), commitmentId: d.id, daysBefore: o });
    if (s.overdue) rungs.push({ at: wallClockInstant(due.plus({ days: 1 }), s.hour, s.minute, zone).toJSDate(), commitmentId: d.id, daysBefore: -1 });
  }
  return rungs.sort((a, b) => a.at.getTime() - b.at.getTime());
}
