import { describe, expect, it } from 'vitest';
import { dueWindow, formatDue, localDate, parsePeriod } from '../../src/core/dates.js';

const NOW = new Date('2014-06-15T12:00:00Z');
const p = (t: string, zone = 'UTC') => parsePeriod(t, NOW, zone);

describe('parsePeriod', () => {
  it('months and years', () => {
    expect(p('September 2014')).toMatchObject({ start: '2014-09-01', end: '2014-09-30', label: 'September 2014' });
    expect(p('in sept 2014')).toMatchObject({ start: '2014-09-01', end: '2014-09-30' });
    expect(p('2014')).toMatchObject({ start: '2014-01-01', end: '2014-12-31' });
    expect(p('in 2013')).toMatchObject({ start: '2013-01-01', end: '2013-12-31' });
    expect(p('2014-02')).toMatchObject({ start: '2014-02-01', end: '2014-02-28' });
    expect(p('Q3 2014')).toMatchObject({ start: '2014-07-01', end: '2014-09-30' });
  });
  it('relative periods count from now', () => {
    expect(p('next 30 days')).toMatchObject({ start: '2014-06-15', end: '2014-07-15', label: 'the next 30 days' });
    expect(p('the next 2 weeks')).toMatchObject({ start: '2014-06-15', end: '2014-06-29' });
    expect(p('past 3 months')).toMatchObject({ start: '2014-03-15', end: '2014-06-15' });
    expect(p('this month')).toMatchObject({ start: '2014-06-01', end: '2014-06-30' });
    expect(p('next month')).toMatchObject({ start: '2014-07-01', end: '2014-07-31' });
    expect(p('next year')).toMatchObject({ start: '2015-01-01', end: '2015-12-31' });
    expect(p('today')).toMatchObject({ start: '2014-06-15', end: '2014-06-15' });
  });
  it('days', () => {
    expect(p('30 September 2014')).toMatchObject({ start: '2014-09-30', end: '2014-09-30' });
    expect(p('September 30, 2014')).toMatchObject({ start: '2014-09-30', end: '2014-09-30' });
  });
  it('today depends on the zone', () => {
    const late = new Date('2014-06-15T23:30:00Z');
    expect(parsePeriod('today', late, 'UTC')!.start).toBe('2014-06-15');
    expect(parsePeriod('today', late, 'Asia/Tokyo')!.start).toBe('2014-06-16');
    expect(localDate(late, 'America/New_York')).toBe('2014-06-15');
  });
  it('returns undefined for what is not a period', () => {
    for (const t of ['', 'banana', 'next 0 days', '2014-13', 'soonish', 'recruitment costs']) expect(p(t), t).toBeUndefined();
  });
});

describe('due windows and labels', () => {
  it('a month-precision date covers its month; a year one its year', () => {
    expect(dueWindow('2014-09-30', 'month')).toEqual({ start: '2014-09-01', end: '2014-09-30' });
    expect(dueWindow('2014-12-31', 'year')).toEqual({ start: '2014-01-01', end: '2014-12-31' });
    expect(dueWindow('2014-03-31', 'approximate')).toEqual({ start: '2014-03-31', end: '2014-03-31' });
  });
  it('says the precision in words', () => {
    expect(formatDue('2014-09-30', 'month')).toBe('by September 2014');
    expect(formatDue('2014-12-31', 'year')).toBe('in 2014');
    expect(formatDue('2014-03-31', 'approximate')).toBe('around 31 March 2014');
    expect(formatDue('2014-03-31', 'day')).toBe('by 31 March 2014');
  });
});
