import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { resolveZone } from '../core/dates.js';
import { UserError } from '../core/errors.js';
import { wallClockInstant, type Schedule } from './schedule.js';

export const WHEN_EXAMPLES =
  'in 3 days · tomorrow at 9 · next monday 10am · every monday at 9am · every weekday 8:30 Europe/Zurich · every month on the 1st · every 2 weeks';

const WEEKDAYS: Record<string, number> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thurs: 4,
  friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
};

/** "9", "9am", "9:30pm", "16:00", "8.30", "noon", "midnight" → hour and minute. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | undefined {
  const t = text.trim().toLowerCase().replace(/^at\s+/, '');
  if (t === 'noon' || t === 'midday') return { hour: 12, minute: 0 };
  if (t === 'midnight') return { hour: 0, minute: 0 };
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(t);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const ampm = m[3]?.replace(/\./g, '');
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    if (ampm === 'pm' && hour !== 12) hour += 12;
    if (ampm === 'am' && hour === 12) hour = 0;
  }
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

export interface When {
  schedule: Schedule;
  /** The zone the schedule runs in (named in the phrase, or the default given). */
  zone: string;
}

function bad(phrase: string, why?: string): never {
  throw new UserError('bad-date', why ?? `I couldn't understand “${phrase.slice(0, 60)}” as a time.`, `Try: ${WHEN_EXAMPLES}.`);
}

/** Splits a trailing zone ("… 8:30 Europe/Zurich", "… at 9 Rome") off a phrase. */
function splitZone(phrase: string): { rest: string; zone?: string } {
  const words = phrase.trim().split(/\s+/);
  for (const n of [1, 2]) {
    if (words.length <= n) continue;
    const candidate = words.slice(-n).join(' ');
    if (!/[a-z]/i.test(candidate) || /^(am|pm|noon|midnight|day|days|week|weeks|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i.test(candidate)) continue;
    if (n === 1 && !candidate.includes('/') && !/^[A-Z]/.test(candidate)) continue;
    const zone = resolveZone(candidate);
    if (zone) return { rest: words.slice(0, -n).join(' '), zone };
    if (n === 1 && candidate.includes('/')) throw new UserError('bad-input', `“${candidate}” is not a time zone I know.`, 'Use an IANA name such as Europe/Zurich, America/New_York or Asia/Tokyo.');
  }
  return { rest: phrase };
}

/**
 * Parses when a reminder fires: a one-off phrase (chrono-node, a maintained natural-language date
 * parser) or a recurrence ("every …") into a stored schedule. Times without a zone are in
 * `defaultZone`; a one-off without a time of day is at 09:00.
 */
export function parseWhen(phrase: string, now: Date, defaultZone: string): When {
  const { rest, zone: named } = splitZone(phrase);
  const zone = named ?? defaultZone;
  const text = rest.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text) bad(phrase);
  if (/^every\b/.test(text)) return { schedule: parseRecurrence(text, now, zone, phrase), zone };

  const local = DateTime.fromJSDate(now, { zone });
  const parsed = chrono.parse(text, { instant: now, timezone: local.offset }, { forwardDate: true });
  const hit = parsed[0];
  if (!hit || hit.text.length < text.replace(/^(on|at)\s+/, '').length * 0.6) bad(phrase);
  const c = hit.start;
  const day = DateTime.fromObject({ year: c.get('year')!, month: c.get('month')!, day: c.get('day')! }, { zone });
  if (!day.isValid) bad(phrase);
  let at: DateTime;
  const relative = /\bin (?:\d+|an?|one) (?:minute|min|hour|day|week|month)s?\b/.test(text) && !c.isCertain('hour');
  if (relative) {
    at = DateTime.fromJSDate(hit.date(), { zone }); // "in 3 days": the same time, 3 days on (as Slack's /remind)
  } else if (c.isCertain('hour')) {
    // chrono computed the instant in the fixed offset of "now"; rebuild it on the wall clock.
    at = DateTime.fromJSDate(wallClockInstant(day, c.get('hour') ?? 9, c.get('minute') ?? 0, zone), { zone });
  } else {
    at = DateTime.fromJSDate(wallClockInstant(day, 9, 0, zone), { zone });
  }
  if (at.toMillis() <= now.getTime()) {
    throw new UserError('bad-date', `${at.toFormat("ccc d LLL yyyy 'at' HH:mm")} (${zone}) is in the past.`, 'Pick a time in the future, e.g. `in 3 days` or `tomorrow at 9`.');
  }
  return { schedule: { type: 'once', at: at.toUTC().toISO()! }, zone };
}

function parseRecurrence(text: string, now: Date, zone: string, phrase: string): Schedule {
  // "every N minutes|hours"
  const interval = /^every (\d+|an?|one)? ?(minute|min|hour|hr)s?$/.exec(text);
  if (interval) {
    const n = interval[1] === undefined || /^(a|an|one)$/.test(interval[1]) ? 1 : Number(interval[1]);
    const minutes = /^h/.test(interval[2]!) ? n * 60 : n;
    if (minutes < 15) bad(phrase, `Every ${minutes} minute${minutes === 1 ? '' : 's'} is too often: the shortest interval is 15 minutes.`);
    if (minutes > 60 * 24 * 7) bad(phrase, 'That interval is longer than a week: use “every monday” or “every month on the 1st”.');
    const start = DateTime.fromJSDate(now).plus({ minutes }).startOf('minute');
    return { type: 'interval', minutes, start: start.toUTC().toISO()! };
  }

  // Split off "at TIME" / trailing TIME.
  let body = text.replace(/^every /, '');
  let time = { hour: 9, minute: 0 };
  const at = /(?:\s+at)?\s+(\d{1,2}(?:[:.h]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday|midnight)$/.exec(body);
  if (at) {
    const t = parseTimeOfDay(at[1]!);
    if (!t) bad(phrase, `“${at[1]}” is not a time of day (try 9am, 16:00 or 8:30).`);
    time = t;
    body = body.slice(0, at.index).trim();
  }
  const { hour, minute } = time;

  if (/^(day|daily)$/.test(body)) return { type: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7], hour, minute, every: 1 };
  if (/^(weekday|work ?day|business day)s?$/.test(body)) return { type: 'weekly', weekdays: [1, 2, 3, 4, 5], hour, minute, every: 1 };
  if (/^weekends?$/.test(body)) return { type: 'weekly', weekdays: [6, 7], hour, minute, every: 1 };

  const nWeeks = /^(?:(\d+|other) )?weeks?(?: on (.+))?$/.exec(body);
  if (nWeeks) {
    const every = nWeeks[1] === undefined ? 1 : nWeeks[1] === 'other' ? 2 : Number(nWeeks[1]);
    if (every < 1) bad(phrase, 'Every 0 weeks is never: give a number of weeks of 1 or more.');
    if (every > 52) bad(phrase, 'That is more than a year between reminders.');
    const local = DateTime.fromJSDate(now, { zone });
    const days = nWeeks[2] ? weekdaysOf(nWeeks[2], phrase) : [local.weekday];
    return { type: 'weekly', weekdays: days, hour, minute, every, start: local.toISODate()! };
  }
  const monthly = /^month(?: on)?(?: the)? ?(?:(\d{1,2})(?:st|nd|rd|th)?|last(?: day)?|first(?: day)?)?(?: day)?(?: of the month)?$/.exec(body);
  if (monthly) {
    const day = /last/.test(body) ? -1 : /first/.test(body) ? 1 : Number(monthly[1] ?? 1);
    if (day === 0 || day > 31) bad(phrase, `A month has no day ${day}.`);
    return { type: 'monthly', day, hour, minute };
  }
  if (/^\d+ (day|days)$/.test(body)) {
    const n = Number(body.split(' ')[0]);
    if (n < 1) bad(phrase, 'Every 0 days is never: give a number of days of 1 or more.');
    if (n === 1) return { type: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7], hour, minute, every: 1 };
    if (n % 7 === 0) return { type: 'weekly', weekdays: [DateTime.fromJSDate(now, { zone }).weekday], hour, minute, every: n / 7, start: DateTime.fromJSDate(now, { zone }).toISODate()! };
    bad(phrase, 'I can repeat daily, on weekdays, weekly, every N weeks or monthly — not every N days.');
  }
  if (/^\d+ (minutes?|hours?)$/.test(body) || /^0\b/.test(body)) bad(phrase);
  return { type: 'weekly', weekdays: weekdaysOf(body, phrase), hour, minute, every: 1 };
}

function weekdaysOf(text: string, phrase: string): number[] {
  const words = text.split(/\s*(?:,|\band\b|&|\s)\s*/).filter(Boolean);
  const days = words.map((w) => WEEKDAYS[w.replace(/s$/, '')] ?? WEEKDAYS[w]);
  if (days.length === 0 || days.some((d) => d === undefined)) bad(phrase);
  return [...new Set(days as number[])].sort();
}

/** "2h", "30m", "1d", "3 days", "until monday", "until tomorrow 9am" → the new instant. */
/** The longest snooze: past it, stop the reminder and set a new one. */
export const MAX_SNOOZE_DAYS = 366;

function withinSnoozeLimit(until: DateTime, now: Date, text: string): Date {
  if (!until.isValid || until.toMillis() - now.getTime() > MAX_SNOOZE_DAYS * 86_400_000) {
    throw new UserError('bad-input', `“${text.slice(0, 40)}” is too far off: a snooze lasts at most a year.`, 'Snooze for less, e.g. `2w` or `until 1 march`; or stop it and set a new reminder.');
  }
  return until.toJSDate();
}

export function parseSnooze(text: string, now: Date, zone: string): Date {
  const t = text.trim().toLowerCase();
  const m = /^(\d+)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|weeks?)$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    if (n <= 0) throw new UserError('bad-input', 'Snooze for at least a minute.', 'For example `snooze 3 2h`, `snooze 3 1d` or `snooze 3 until monday`.');
    const unit = m[2]!.startsWith('m') ? 'minutes' : m[2]!.startsWith('h') ? 'hours' : m[2]!.startsWith('d') ? 'days' : 'weeks';
    return withinSnoozeLimit(DateTime.fromJSDate(now).plus({ [unit]: Math.min(n, 1e7) }), now, text);
  }
  const until = /^until (.+)$/.exec(t);
  if (until) {
    const w = parseWhen(until[1]!, now, zone);
    if (w.schedule.type === 'once') return withinSnoozeLimit(DateTime.fromISO(w.schedule.at), now, text);
  }
  throw new UserError('bad-input', `I couldn't read “${text.slice(0, 40)}” as a snooze.`, 'Use `2h`, `1d`, `30m` or `until monday`.');
}

