import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseTimeOfDay, parseWhen } from '../../src/scheduler/parse.js';
import { describeSchedule, formatSchedule, ladderRungs, nextOccurrence, parseSchedule, type Schedule } from '../../src/scheduler/schedule.js';
import { UserError } from '../../src/core/errors.js';

const local = (d: Date | undefined, zone: string): string => DateTime.fromJSDate(d!, { zone }).toFormat("yyyy-MM-dd HH:mm ZZ");
const daily = (hour: number, minute: number): Schedule => ({ type: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7], hour, minute, every: 1 });

/** Every occurrence from `from` for `n` steps. */
function occurrences(s: Schedule, from: string, n: number, zone: string): string[] {
  const out: string[] = [];
  let at: Date | undefined = new Date(from);
  for (let i = 0; i < n && at; i++) {
    at = nextOccurrence(s, at, zone);
    out.push(local(at, zone));
  }
  return out;
}

describe('schedules: stored form', () => {
  it('round-trips through its RRULE text', () => {
    const cases: Schedule[] = [
      { type: 'once', at: '2014-09-01T07:00:00.000Z' },
      { type: 'interval', minutes: 30, start: '2014-09-01T07:00:00.000Z' },
      { type: 'weekly', weekdays: [1, 2, 3, 4, 5], hour: 8, minute: 30, every: 1 },
      { type: 'weekly', weekdays: [1], hour: 9, minute: 0, every: 2, start: '2014-03-03' },
      { type: 'monthly', day: -1, hour: 9, minute: 0 },
      { type: 'ladder', offsets: [30, 7, 1], overdue: true, hour: 9, minute: 0 },
    ];
    for (const s of cases) expect(parseSchedule(formatSchedule(s))).toEqual(s);
    expect(formatSchedule(cases[2]!)).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30');
  });

  it('describes itself in words', () => {
    expect(describeSchedule({ type: 'weekly', weekdays: [1, 2, 3, 4, 5], hour: 8, minute: 30, every: 1 }, 'UTC')).toBe('every weekday at 08:30');
    expect(describeSchedule({ type: 'monthly', day: 1, hour: 9, minute: 0 }, 'UTC')).toBe('every month on the 1st at 09:00');
    expect(describeSchedule({ type: 'weekly', weekdays: [1, 4], hour: 9, minute: 0, every: 1 }, 'UTC')).toBe('every Monday and Thursday at 09:00');
  });
});

describe('recurrences over weeks', () => {
  it('weekly, weekday, every 2 weeks, monthly (last day), interval', () => {
    const z = 'Europe/Rome';
    expect(occurrences({ type: 'weekly', weekdays: [1], hour: 9, minute: 0, every: 1 }, '2014-03-01T00:00:00Z', 3, z)).toEqual([
      '2014-03-03 09:00 +01:00', '2014-03-10 09:00 +01:00', '2014-03-17 09:00 +01:00',
    ]);
    expect(occurrences({ type: 'weekly', weekdays: [1, 2, 3, 4, 5], hour: 8, minute: 30, every: 1 }, '2014-03-07T12:00:00Z', 3, z)).toEqual([
      '2014-03-10 08:30 +01:00', '2014-03-11 08:30 +01:00', '2014-03-12 08:30 +01:00',
    ]);
    expect(occurrences({ type: 'weekly', weekdays: [1], hour: 9, minute: 0, every: 2, start: '2014-03-03' }, '2014-03-01T00:00:00Z', 3, z)).toEqual([
      '2014-03-03 09:00 +01:00', '2014-03-17 09:00 +01:00', '2014-03-31 09:00 +02:00',
    ]);
    expect(occurrences({ type: 'monthly', day: -1, hour: 9, minute: 0 }, '2014-01-15T00:00:00Z', 3, z)).toEqual([
      '2014-01-31 09:00 +01:00', '2014-02-28 09:00 +01:00', '2014-03-31 09:00 +02:00',
    ]);
    expect(occurrences({ type: 'monthly', day: 31, hour: 9, minute: 0 }, '2014-04-01T00:00:00Z', 2, z)).toEqual(['2014-04-30 09:00 +02:00', '2014-05-31 09:00 +02:00']);
    expect(occurrences({ type: 'interval', minutes: 90, start: '2014-03-01T00:00:00.000Z' }, '2014-03-01T01:00:00Z', 2, 'UTC')).toEqual(['2014-03-01 01:30 +00:00', '2014-03-01 03:00 +00:00']);
  });
});

describe('daylight saving time', () => {
  // Each case: a daily time inside the gap (spring) or the repeated hour (autumn).
  it('America/New_York: 02:30 on the spring-forward day fires at 03:00; 01:30 on the fall-back day fires once', () => {
    const z = 'America/New_York';
    expect(occurrences(daily(2, 30), '2014-03-08T12:00:00Z', 3, z)).toEqual(['2014-03-09 03:00 -04:00', '2014-03-10 02:30 -04:00', '2014-03-11 02:30 -04:00']);
    expect(occurrences(daily(1, 30), '2014-11-01T12:00:00Z', 3, z)).toEqual(['2014-11-02 01:30 -04:00', '2014-11-03 01:30 -05:00', '2014-11-04 01:30 -05:00']);
  });

  it('Europe/Rome: 02:30 on 30 March fires at 03:00; 02:30 on 26 October fires once, at the first', () => {
    const z = 'Europe/Rome';
    expect(occurrences(daily(2, 30), '2014-03-29T12:00:00Z', 2, z)).toEqual(['2014-03-30 03:00 +02:00', '2014-03-31 02:30 +02:00']);
    expect(occurrences(daily(2, 30), '2014-10-25T12:00:00Z', 2, z)).toEqual(['2014-10-26 02:30 +02:00', '2014-10-27 02:30 +01:00']);
  });

  it('Australia/Melbourne: 02:30 on 5 October fires at 03:00; 02:30 on 6 April fires once', () => {
    const z = 'Australia/Melbourne';
    expect(occurrences(daily(2, 30), '2014-10-04T00:00:00Z', 2, z)).toEqual(['2014-10-05 03:00 +11:00', '2014-10-06 02:30 +11:00']);
    expect(occurrences(daily(2, 30), '2014-04-05T00:00:00Z', 2, z)).toEqual(['2014-04-06 02:30 +11:00', '2014-04-07 02:30 +10:00']);
  });

  it('a midnight gap (America/Santiago skips 00:00–01:00 on 7 September 2014): 00:30 fires at 01:00; the repeated 23:30 on 26 April fires once', () => {
    const z = 'America/Santiago';
    expect(occurrences(daily(0, 30), '2014-09-05T12:00:00Z', 3, z)).toEqual(['2014-09-06 00:30 -04:00', '2014-09-07 01:00 -03:00', '2014-09-08 00:30 -03:00']);
    expect(occurrences(daily(0, 0), '2014-09-06T12:00:00Z', 2, z)).toEqual(['2014-09-07 01:00 -03:00', '2014-09-08 00:00 -03:00']);
    expect(occurrences(daily(23, 30), '2014-04-26T12:00:00Z', 2, z)).toEqual(['2014-04-26 23:30 -03:00', '2014-04-27 23:30 -04:00']);
  });

  it('a one-off wall time in a gap resolves to the jump', () => {
    const w = parseWhen('on 9 March 2014 at 2:30am', new Date('2014-03-01T00:00:00Z'), 'America/New_York');
    expect(local(new Date((w.schedule as { at: string }).at), 'America/New_York')).toBe('2014-03-09 03:00 -04:00');
  });
});

describe('deadline ladders', () => {
  it('rungs 30, 7 and 1 days before, then once when overdue, at 09:00 local', () => {
    const rungs = ladderRungs({ type: 'ladder', offsets: [30, 7, 1], overdue: true, hour: 9, minute: 0 }, [{ id: 'x', due: '2014-09-30' }], 'Europe/Rome');
    expect(rungs.map((r) => [local(r.at, 'Europe/Rome'), r.daysBefore])).toEqual([
      ['2014-08-31 09:00 +02:00', 30],
      ['2014-09-23 09:00 +02:00', 7],
      ['2014-09-29 09:00 +02:00', 1],
      ['2014-10-01 09:00 +02:00', -1],
    ]);
  });
});

describe('parsing times people type', () => {
  const now = new Date('2014-03-01T10:00:00Z');
  it('times of day', () => {
    expect(parseTimeOfDay('9am')).toEqual({ hour: 9, minute: 0 });
    expect(parseTimeOfDay('9:30pm')).toEqual({ hour: 21, minute: 30 });
    expect(parseTimeOfDay('16:00')).toEqual({ hour: 16, minute: 0 });
    expect(parseTimeOfDay('12am')).toEqual({ hour: 0, minute: 0 });
    expect(parseTimeOfDay('noon')).toEqual({ hour: 12, minute: 0 });
    for (const t of ['25:00', '13pm', '9:75', 'soon']) expect(parseTimeOfDay(t), t).toBeUndefined();
  });

  it('one-off and recurring phrases, with zones', () => {
    const f = (p: string, zone = 'UTC') => {
      const w = parseWhen(p, now, zone);
      return `${formatSchedule(w.schedule)} ${w.zone}`;
    };
    expect(f('in 3 days')).toBe('ONCE=2014-03-04T10:00:00.000Z UTC');
    expect(f('tomorrow at 9', 'Europe/Rome')).toBe('ONCE=2014-03-02T08:00:00.000Z Europe/Rome');
    expect(f('every monday at 9am')).toBe('FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0 UTC');
    expect(f('every weekday 8:30 Europe/Geneva')).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30 Europe/Zurich');
    expect(f('every month on the 1st')).toBe('FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0 UTC');
    expect(f('every 2 weeks')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=9;BYMINUTE=0;DTSTART=2014-03-01 UTC');
    expect(f('every friday 16:00 America/New_York')).toBe('FREQ=WEEKLY;BYDAY=FR;BYHOUR=16;BYMINUTE=0 America/New_York');
    expect(f('every 30 minutes')).toBe('FREQ=MINUTELY;INTERVAL=30;DTSTART=2014-03-01T10:30:00.000Z UTC');
  });

  it('refuses what cannot be, with a working example', () => {
    const err = (p: string): UserError => {
      try {
        parseWhen(p, now, 'UTC');
      } catch (e) {
        return e as UserError;
      }
      throw new Error(`${p} parsed`);
    };
    expect(err('every 0 minutes').message).toMatch(/too often/);
    expect(err('every 0 weeks').message).toMatch(/never/);
    expect(err('yesterday').message).toMatch(/is in the past/);
    expect(err('every blursday').hint).toMatch(/every monday at 9am/);
    expect(err('at 9 Mars/Olympus').message).toMatch(/not a time zone/);
    expect(err('whenever').hint).toMatch(/in 3 days/);
    expect(err('every month on the 32nd').message).toMatch(/no day 32/);
  });
});
