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

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const BUCKET_MS = 15 * 60_000;

/**
 * The zone's UTC offset, in minutes, at an instant. Offsets change only at whole quarter hours,
 * so they are cached per zone and quarter hour; a miss asks Intl (one formatter per zone).
 */
export function offsetMinutes(ms: number, zone: string): number {
  const key = `${zone}|${Math.floor(ms / BUCKET_MS)}`;
  let o = offsets.get(key);
  if (o === undefined) {
    o = intlOffset(Math.floor(ms / BUCKET_MS) * BUCKET_MS, zone);
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, o);
  }
  return o;
}

function intlOffset(ms: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time has on a date in a zone, with the DST policy:
 * - a time that does not exist that day (clocks jump over it) fires at the next valid instant,
 *   the moment the clocks jump;
 * - a time that happens twice (clocks fall back) fires at the first.
 */
export function wallClockInstant(date: CalendarDate, hour: number, minute: number, zone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // Offsets either side of the day: a zone changes offset at most once around a given time.
  const before = offsetMinutes(wall - 14 * 3_600_000, zone);
  const after = offsetMinutes(wall + 14 * 3_600_000, zone);
  if (before === after && offsetMinutes(wall - before * 60_000, zone) === before) return new Date(wall - before * 60_000);
  const valid = [wall - before * 60_000, wall - after * 60_000].filter((t) => t + offsetMinutes(t, zone) * 60_000 === wall);
  if (valid.length) return new Date(Math.min(...valid)); // twice: the first
  // In a gap: the first instant at or after which the clocks read past the wanted time — the jump.
  let lo = wall - Math.max(before, after) * 60_000;
  let hi = wall - Math.min(before, after) * 60_000;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
    if (mid + offsetMinutes(mid, zone) * 60_000 >= wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
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
      // Walk the local calendar from the day of `after` (plain date arithmetic: cheap); each
      // matching date has exactly one instant, so a repeated wall time can never fire twice.
      const startDays = s.type === 'weekly' && s.every > 1 && s.start ? mondayDayNumber(s.start) : 0;
      let dayNumber = Math.floor((afterMs + offsetMinutes(afterMs, zone) * 60_000) / DAY_MS);
      for (let i = 0; i < 800; i++, dayNumber++) {
        const date = new Date(dayNumber * DAY_MS);
        const cal = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
        if (!matchesDate(s, cal, dayNumber, startDays)) continue;
        const at = wallClockInstant(cal, s.hour, s.minute, zone);
        if (at.getTime() > afterMs) return at;
      }
      return undefined;
    }
  }
}

const DAY_MS = 86_400_000;

/** ISO weekday (1 = Monday) of a day number (days since 1970-01-01, a Thursday). */
function weekdayOf(dayNumber: number): number {
  return ((dayNumber + 3) % 7) + 1;
}

/** The day number of the Monday of the week that contains the ISO date. */
function mondayDayNumber(isoDate: string): number {
  const n = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS;
  return n - (weekdayOf(n) - 1);
}

function matchesDate(s: Schedule, cal: CalendarDate, dayNumber: number, startMonday: number): boolean {
  if (s.type === 'weekly') {
    if (!s.weekdays.includes(weekdayOf(dayNumber))) return false;
    if (s.every <= 1 || !s.start) return true;
    const weeks = (dayNumber - (weekdayOf(dayNumber) - 1) - startMonday) / 7;
    return weeks >= 0 && weeks % s.every === 0;
  }
  if (s.type === 'monthly') {
    const last = new Date(Date.UTC(cal.year, cal.month, 0)).getUTCDate();
    const wanted = s.day === -1 ? last : Math.min(s.day, last);
    return cal.day === wanted;
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
    const due = Date.parse(`${d.due}T00:00:00Z`) / DAY_MS;
    const cal = (n: number): CalendarDate => {
      const x = new Date(n * DAY_MS);
      return { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
    };
    for (const o of s.offsets) rungs.push({ at: wallClockInstant(cal(due - o), s.hour, s.minute, zone), commitmentId: d.id, daysBefore: o });
    if (s.overdue) rungs.push({ at: wallClockInstant(cal(due + 1), s.hour, s.minute, zone), commitmentId: d.id, daysBefore: -1 });
  }
  return rungs.sort((a, b) => a.at.getTime() - b.at.getTime());
}
