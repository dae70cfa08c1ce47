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

describe('parsePeriod: windows and natural forms', () => {
  const w = (t: string) => {
    const r = p(t);
    return r && [r.start, r.end, r.phrase];
  };
  it('a month without a year is the next such month (this one while it lasts)', () => {
    expect(w('June')).toEqual(['2014-06-01', '2014-06-30', 'in June 2014']);
    expect(w('in july')).toEqual(['2014-07-01', '2014-07-31', 'in July 2014']);
    expect(w('May')).toEqual(['2015-05-01', '2015-05-31', 'in May 2015']);
    expect(parsePeriod('June', new Date('2014-07-02T00:00:00Z'), 'UTC')!.start).toBe('2015-06-01');
  });
  it('before, after, by and since are windows, open on one side', () => {
    expect(w('before 2015')).toEqual(['0000-01-01', '2014-12-31', 'before 1 January 2015']);
    expect(w('after July 2014')).toEqual(['2014-08-01', '9999-12-31', 'after 31 July 2014']);
    expect(w('by the end of 2014')).toEqual(['0000-01-01', '2014-12-31', 'by 31 December 2014']);
    expect(w('end of the year')).toEqual(['0000-01-01', '2014-12-31', 'by 31 December 2014']);
    expect(w('until june')).toEqual(['0000-01-01', '2014-06-30', 'by 30 June 2014']);
    expect(w('since March 2014')).toEqual(['2014-03-01', '9999-12-31', 'from 1 March 2014']);
  });
  it('between two periods, the first taking the second one\'s year', () => {
    expect(w('between May and August 2014')).toEqual(['2014-05-01', '2014-08-31', 'between 1 May 2014 and 31 August 2014']);
    expect(w('from may to august 2014')).toEqual(['2014-05-01', '2014-08-31', 'between 1 May 2014 and 31 August 2014']);
    expect(w('between November and February 2015')?.slice(0, 2)).toEqual(['2014-11-01', '2015-02-28']);
    expect(w('1 May - 31 August 2014')?.slice(0, 2)).toEqual(['2014-05-01', '2014-08-31']);
    expect(w('between August and May 2014')?.slice(0, 2)).toEqual(['2013-08-01', '2014-05-31']); // the August before
    expect(p('between 2016 and 2014')).toBeUndefined();
  });
  it('relative and calendar periods, in words or digits', () => {
    expect(w('the next 2 months')).toEqual(['2014-06-15', '2014-08-15', 'in the next 2 months']);
    expect(w('next two months')).toEqual(['2014-06-15', '2014-08-15', 'in the next 2 months']);
    expect(w('the coming weeks')).toEqual(['2014-06-15', '2014-07-06', 'in the next 3 weeks']);
    expect(w('this year')).toEqual(['2014-01-01', '2014-12-31', 'this year']);
    expect(w('next quarter')).toEqual(['2014-07-01', '2014-09-30', 'next quarter']);
    expect(w('third quarter of 2014')).toEqual(['2014-07-01', '2014-09-30', 'in Q3 2014']);
    expect(w('q1')?.slice(0, 2)).toEqual(['2015-01-01', '2015-03-31']); // Q1 2014 has ended
    expect(w('first half of 2015')?.slice(0, 2)).toEqual(['2015-01-01', '2015-06-30']);
    expect(w('mid-2014')?.slice(0, 2)).toEqual(['2014-05-01', '2014-08-31']);
    expect(w('next monday')).toEqual(['2014-06-16', '2014-06-16', 'on 16 June 2014']);
  });
  it('text that is not a period stays undefined', () => {
    for (const t of ['KNOMAD', 'recruitment costs in 2014', 'before lunch', 'after the meeting', 'x'.repeat(100)]) expect(p(t), t).toBeUndefined();
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
