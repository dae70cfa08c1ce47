import { DateTime } from 'luxon';
import type { Precision } from '../catalog/schema.js';

export interface FoundDue {
  date: string;
  precision: Precision;
  basis: 'stated' | 'inferred';
  reasoning?: string;
  /** The words the date was read from. */
  phrase: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')})`;

/**
 * The due date a sentence states or implies, relative to the meeting's date: "30 June 2014"
 * (day), "by July 2014", "in September 2014" (month), "by 2015", "by the end of 2014" (year);
 * "in the coming weeks", "shortly", "upcoming" and "later this year" are inferred, with the
 * reasoning spelled out.
 */
export function findDue(sentence: string, meetingDate: string): FoundDue | undefined {
  const meeting = DateTime.fromISO(meetingDate, { zone: 'UTC' });
  const s = sentence.toLowerCase();
  let m = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`).exec(s);
  if (m) {
    const d = DateTime.fromObject({ year: Number(m[3]), month: MONTHS.indexOf(m[2]!) + 1, day: Number(m[1]) }, { zone: 'UTC' });
    if (d.isValid) return { date: d.toISODate()!, precision: 'day', basis: 'stated', phrase: m[0] };
  }
  m = new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`).exec(s);
  if (m) {
    const d = DateTime.fromObject({ year: Number(m[3]), month: MONTHS.indexOf(m[1]!) + 1, day: Number(m[2]) }, { zone: 'UTC' });
    if (d.isValid) return { date: d.toISODate()!, precision: 'day', basis: 'stated', phrase: m[0] };
  }
  m = new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`).exec(s);
  if (m) {
    const d = DateTime.fromObject({ year: Number(m[2]), month: MONTHS.indexOf(m[1]!) + 1 }, { zone: 'UTC' }).endOf('month');
    return { date: d.toISODate()!, precision: 'month', basis: 'stated', phrase: m[0] };
  }
  m = /\b(?:by|in|before|until|during|end of|for)\s+(?:the\s+)?(?:end of\s+)?((?:19|20)\d{2})\b/.exec(s);
  if (m) return { date: `${m[1]}-12-31`, precision: 'year', basis: 'stated', phrase: m[0] };
  const relative: Array<[RegExp, number, string]> = [
    [/\bin the coming weeks\b/, 42, 'about six weeks after the meeting'],
    [/\bin the coming months\b/, 120, 'about four months after the meeting'],
    [/\bshortly\b|\bsoon\b/, 30, 'about a month after the meeting'],
    [/\bupcoming\b|\bforthcoming\b|\bnext session\b/, 120, 'the next session, taken as about four months after the meeting'],
  ];
  for (const [re, days, why] of relative) {
    const hit = re.exec(s);
    if (hit) return { date: meeting.plus({ days }).toISODate()!, precision: 'approximate', basis: 'inferred', reasoning: `The report says "${hit[0]}": ${why} (${meeting.toFormat('d LLLL yyyy')}).`, phrase: hit[0] };
  }
  const later = /\blater (?:this|in the) year\b|\bby the end of the year\b|\bthis year\b/.exec(s);
  if (later) return { date: meeting.endOf('year').toISODate()!, precision: 'year', basis: 'inferred', reasoning: `The report says "${later[0]}", read as the meeting's year (${meeting.year}).`, phrase: later[0] };
  return undefined;
}

/** "every two years" → a recurrence. */
export function findRecurrence(sentence: string): { every: number; unit: 'day' | 'week' | 'month' | 'year'; description: string } | undefined {
  const words: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
  const m = /\bevery\s+(a|an|one|two|three|four|five|six|\d+)?\s*(day|week|month|year)s?\b/i.exec(sentence);
  if (m) return { every: words[(m[1] ?? 'a').toLowerCase()] ?? Number(m[1]), unit: m[2]!.toLowerCase() as 'year', description: m[0] };
  const adverb = /\b(annually|yearly|biennially|monthly|weekly)\b/i.exec(sentence);
  if (!adverb) return undefined;
  const map: Record<string, [number, 'year' | 'month' | 'week']> = { annually: [1, 'year'], yearly: [1, 'year'], biennially: [2, 'year'], monthly: [1, 'month'], weekly: [1, 'week'] };
  const [every, unit] = map[adverb[1]!.toLowerCase()]!;
  return { every, unit, description: adverb[0] };
}
