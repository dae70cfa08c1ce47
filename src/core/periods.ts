import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

/** An inclusive range of calendar dates (ISO YYYY-MM-DD) with a label for people. */
export interface Period {
  start: string;
  end: string;
  /** The period itself: "September 2014", "the next 30 days", "1 Jan 2015 – 31 Mar 2015". */
  label: string;
  /** How a title says it: "in September 2014", "before 1 January 2015", "between 1 May and 31 August 2014". */
  phrase: string;
}

/** The first and last dates a window may have when it is open on one side ("before 2015"). */
export const EARLIEST = '0000-01-01';
export const LATEST = '9999-12-31';

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';
const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, couple: 2, 'a couple of': 2, 'couple of': 2, three: 3, few: 3, 'a few': 3, four: 4, five: 5, six: 6,
  seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const ORDINAL_QUARTER: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4 };

/** What relative words count from: the instant, today's date in the asker's zone, that zone's offset (minutes). */
interface Ctx {
  now: Date;
  today: DateTime;
  offset: number;
}

const long = (d: DateTime): string => d.toFormat('d LLLL yyyy');

function span(start: DateTime, end: DateTime, label: string, phrase = `in ${label}`): Period {
  return { start: start.toISODate()!, end: end.toISODate()!, label, phrase };
}

function count(word: string | undefined): number | undefined {
  if (word === undefined || word === '') return 1;
  if (/^\d{1,4}$/.test(word)) return Number(word);
  return WORD_NUMBERS[word.trim()];
}

const RELATIVE = /^(?:the\s+)?(next|coming|following|past|last|previous)\s+(?:(\d{1,4}|(?:a\s+)?(?:couple\s+of|few)|[a-z]+)\s+)?(day|week|month|quarter|year)(s?)$/;

/** "next 2 months", "the coming few weeks", "past 3 days": counted from today. */
function relative(t: string, today: DateTime): Period | undefined {
  const m = RELATIVE.exec(t);
  if (!m) return undefined;
  // "the coming weeks" counts as a few (three), and the label says so.
  const n = m[2] === undefined ? (m[4] ? 3 : undefined) : count(m[2]);
  if (!n) return undefined;
  const unit = m[3] as Unit;
  const units = `${unit}s` as const;
  const label = `${n} ${n === 1 ? unit : units}`;
  return /^(?:next|coming|following)$/.test(m[1]!)
    ? span(today, today.plus({ [units]: n }), `the next ${label}`)
    : span(today.minus({ [units]: n }), today, `the past ${label}`);
}

/** "this month", "next quarter", "last year", "today", "tomorrow", "this week". */
function calendar(t: string, today: DateTime): Period | undefined {
  const m = /^(this|next|last|the current)\s+(week|month|quarter|year)$/.exec(t);
  if (m) {
    const unit = m[2] as Unit;
    const units = `${unit}s` as const;
    const base = m[1] === 'next' ? today.plus({ [units]: 1 }) : m[1] === 'last' ? today.minus({ [units]: 1 }) : today;
    const which = m[1] === 'the current' ? 'this' : m[1];
    const label = `${which} ${unit}`;
    return span(base.startOf(unit), base.endOf(unit), label, label);
  }
  const days: Record<string, number> = { today: 0, now: 0, tomorrow: 1, yesterday: -1 };
  if (t in days) {
    const d = today.plus({ days: days[t]! });
    return span(d, d, t === 'now' ? 'today' : t, t === 'now' ? 'today' : t);
  }
  return undefined;
}

const SEASON_START: Record<string, number> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };

/** A year with a quarter, half or third: "Q3 2014", "third quarter of 2014", "first half of 2015", "mid-2014". */
function partOfYear(t: string, today: DateTime): Period | undefined {
  let m = /^q([1-4])(?:\s*(?:of\s+)?(\d{4}))?$/.exec(t) ?? /^(first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter(?:\s+(?:of\s+)?(\d{4}))?$/.exec(t);
  if (m) {
    const q = ORDINAL_QUARTER[m[1]!] ?? Number(m[1]);
    let year = m[2] ? Number(m[2]) : today.year;
    // A quarter without a year is this year's, or next year's once this year's has ended.
    if (!m[2] && q < Math.ceil(today.month / 3)) year++;
    const start = DateTime.fromObject({ year, month: (q - 1) * 3 + 1 }, { zone: 'UTC' });
    return span(start, start.endOf('quarter'), `Q${q} ${year}`);
  }
  m = /^(?:the\s+)?(first|second)\s+half\s+(?:of\s+)?(\d{4})$/.exec(t) ?? /^h([12])\s*(\d{4})$/.exec(t);
  if (m) {
    const half = m[1] === 'first' || m[1] === '1' ? 1 : 2;
    const start = DateTime.fromObject({ year: Number(m[2]), month: half === 1 ? 1 : 7 }, { zone: 'UTC' });
    return span(start, start.plus({ months: 5 }).endOf('month'), `the ${half === 1 ? 'first' : 'second'} half of ${m[2]}`);
  }
  // Seasons as New York has them (the meetings' seat; meteorological: spring is March to May, and
  // winter 2014 is December 2014 to February 2015); without a year, the next one (this one while it lasts).
  m = /^(?:the\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?$/.exec(t);
  if (m) {
    const first = SEASON_START[m[1]!]!;
    let year = m[2] ? Number(m[2]) : today.year;
    let start = DateTime.fromObject({ year, month: first }, { zone: 'UTC' });
    if (!m[2]) {
      // Before March, this winter is the one that began last December.
      if (first === 12 && today.month <= 2) start = start.minus({ years: 1 });
      if (start.plus({ months: 2 }).endOf('month') < today) start = start.plus({ years: 1 });
      year = start.year;
    }
    const end = start.plus({ months: 2 }).endOf('month');
    const name = m[1] === 'fall' ? 'autumn' : m[1]!;
    return span(start, end, `${name} ${first === 12 ? `${year}–${String(year + 1).slice(2)}` : year} (${start.toFormat('LLLL')} to ${end.toFormat('LLLL')})`);
  }
  m = /^(early|mid|middle of|late)[\s-]+(\d{4})$/.exec(t);
  if (m) {
    const first = m[1] === 'early' ? 1 : m[1] === 'late' ? 9 : 5;
    const start = DateTime.fromObject({ year: Number(m[2]), month: first }, { zone: 'UTC' });
    const word = m[1] === 'middle of' ? 'mid' : m[1];
    return span(start, start.plus({ months: 3 }).endOf('month'), `${word}-${m[2]} (${start.toFormat('LLLL')} to ${start.plus({ months: 3 }).toFormat('LLLL')})`);
  }
  return undefined;
}

/** One date or period, the way chrono-node reads it; a month without a year is the next such month. */
function natural(t: string, { now, today, offset }: Ctx): Period | undefined {
  const year = /^(\d{4})$/.exec(t);
  if (year) {
    const y = DateTime.fromObject({ year: Number(year[1]) }, { zone: 'UTC' });
    return span(y.startOf('year'), y.endOf('year'), year[1]!);
  }
  const ym = /^(\d{4})-(\d{2})$/.exec(t);
  if (ym) {
    const m = DateTime.fromObject({ year: Number(ym[1]), month: Number(ym[2]) }, { zone: 'UTC' });
    return m.isValid ? span(m.startOf('month'), m.endOf('month'), m.toFormat('LLLL yyyy')) : undefined;
  }
  // chrono-node, a maintained natural-language date parser, reads the rest.
  const parsed = chrono.parse(t, { instant: now, timezone: offset }, { forwardDate: false });
  const hit = parsed[0];
  if (!hit || parsed.length > 1 || hit.text.length < t.replace(/^(?:the|of)\s+/, '').length * 0.8) return undefined;
  const c = hit.start;
  const y = c.get('year') ?? today.year;
  let d = DateTime.fromObject({ year: y, month: c.get('month') ?? 1, day: c.get('day') ?? 1 }, { zone: 'UTC' });
  if (!d.isValid) return undefined;
  // A month (or a day) without a year is the next one: this June while it lasts, else next year's.
  if (!c.isCertain('year') && c.isCertain('month') && (c.isCertain('day') ? d < today : d.endOf('month') < today)) d = d.plus({ years: 1 });
  if (c.isCertain('day') || c.isCertain('weekday')) {
    if (hit.end) {
      const e = hit.end;
      const ed = DateTime.fromObject({ year: e.get('year')!, month: e.get('month')!, day: e.get('day')! }, { zone: 'UTC' });
      if (ed.isValid && ed >= d) return span(d, ed, `${d.toFormat('d LLL yyyy')} – ${ed.toFormat('d LLL yyyy')}`, `between ${long(d)} and ${long(ed)}`);
    }
    return span(d, d, long(d), `on ${long(d)}`);
  }
  if (c.isCertain('month')) return span(d.startOf('month'), d.endOf('month'), d.toFormat('LLLL yyyy'));
  if (c.isCertain('year')) return span(d.startOf('year'), d.endOf('year'), d.toFormat('yyyy'));
  return undefined;
}

/** One period without a window word ("June", "Q3 2014", "next 2 months", "the end of 2014"). */
function single(text: string, ctx: Ctx): Period | undefined {
  const t = text
    .replace(/^(?:in|during|within|over|for|on|of|at)\s+/, '')
    .replace(/^the\s+(?=\d)/, '')
    .replace(/^the\s+(week|month|quarter|year)$/, 'this $1')
    .trim();
  if (!t) return undefined;
  // A relative shape that does not count ("next 0 days") names no period.
  const rel = RELATIVE.exec(t);
  if (rel && (rel[2] !== undefined || rel[4])) return relative(t, ctx.today);
  return calendar(t, ctx.today) ?? partOfYear(t, ctx.today) ?? natural(t, ctx);
}

const day = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'UTC' });
const isoDay = (d: DateTime): string => d.toISODate()!;

/** "May and August 2014": the first side takes the second's year when it names none. */
function between(a: string, b: string, ctx: Ctx): Period | undefined {
  const right = single(b, ctx);
  if (!right) return undefined;
  const rightYear = /\b(\d{4})\b/.exec(b)?.[1];
  const leftText = rightYear && !/\b\d{4}\b/.test(a) ? `${a} ${rightYear}` : a;
  const left0 = single(leftText, ctx) ?? single(a, ctx);
  if (!left0) return undefined;
  let left = left0;
  if (left.start > right.end && !/\b\d{4}\b/.test(a)) {
    // "November and February 2015", "May to August": the first side is the year before the second.
    const back = (iso: string): string => isoDay(day(iso).minus({ years: 1 }));
    left = { ...left, start: back(left.start), end: back(left.end) };
  }
  if (left.start > right.end) return undefined;
  return {
    start: left.start,
    end: right.end,
    label: `${day(left.start).toFormat('d LLL yyyy')} – ${day(right.end).toFormat('d LLL yyyy')}`,
    phrase: `between ${long(day(left.start))} and ${long(day(right.end))}`,
  };
}

/**
 * Reads the period in a question: a period ("September 2014", "June" — the next June, or this
 * one while it lasts —, "2014", "Q3 2014", "this year", "next quarter", "the next 2 months",
 * "30 September 2014") or a window around one ("before 2015", "after July 2014", "between May
 * and August 2014", "by the end of 2014", "since March 2014"). Relative periods count from `now`
 * in `zone`. Undefined when the text names no period.
 */
export function parsePeriod(text: string, now: Date, zone: string): Period | undefined {
  const t = text
    .toLowerCase()
    .replace(/[?.!,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:(?:is|are)\s+)?(?:due|deadlines?|dated)\s+/, '')
    .replace(/\s+(?:or|and)\s+(?:earlier|sooner|before)$/, '')
    .trim();
  if (!t || t.length > 80) return undefined;
  const local = DateTime.fromJSDate(now, { zone });
  // Today's calendar date in the zone, held as a UTC date like every date we compare it with.
  const today = local.startOf('day').setZone('UTC', { keepLocalTime: true });
  const ctx: Ctx = { now, today, offset: local.offset };

  const range = /^(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through|thru|-|–)\s+(.+)$/.exec(t);
  if (range) {
    const p = between(range[1]!, range[2]!, ctx);
    if (p) return p;
  }
  const before = /^(?:before|prior to|earlier than|ahead of)\s+(?:the\s+(?:start|beginning)\s+of\s+)?(.+)$/.exec(t);
  if (before) {
    const p = single(before[1]!, ctx);
    if (!p) return undefined;
    const end = day(p.start).minus({ days: 1 });
    return { start: EARLIEST, end: isoDay(end), label: `before ${long(day(p.start))}`, phrase: `before ${long(day(p.start))}` };
  }
  const upTo = /^(?:by|until|till|up to|no later than|not later than|on or before)\s+(?:the\s+)?(?:end\s+of\s+)?(.+)$/.exec(t) ?? /^(?:the\s+)?end\s+of\s+(.+)$/.exec(t);
  if (upTo) {
    const p = single(upTo[1]!, ctx);
    if (!p) return undefined;
    return { start: EARLIEST, end: p.end, label: `by ${long(day(p.end))}`, phrase: `by ${long(day(p.end))}` };
  }
  const after = /^(after|later than|since|from|starting|beginning|as from|on or after)\s+(?:the\s+)?(?:(?:start|beginning)\s+of\s+)?(.+)$/.exec(t);
  if (after) {
    const p = single(after[2]!, ctx);
    if (!p) return undefined;
    const strict = /^(?:after|later than)$/.test(after[1]!);
    const start = strict ? day(p.end).plus({ days: 1 }) : day(p.start);
    return { start: isoDay(start), end: LATEST, label: `${strict ? 'after' : 'from'} ${long(strict ? day(p.end) : start)}`, phrase: `${strict ? 'after' : 'from'} ${long(strict ? day(p.end) : start)}` };
  }
  const loose = /^(.+?)\s+(?:-|–|to|through|thru|until|till)\s+(.+)$/.exec(t);
  return (loose ? between(loose[1]!, loose[2]!, ctx) : undefined) ?? single(t, ctx);
}
