import { formatDate, localDate, parsePeriod, type Period } from '../core/dates.js';
import { UserError } from '../core/errors.js';
import { EARLIEST, LATEST } from '../core/periods.js';
import type { Reply } from '../core/reply.js';
import type { ActorRef } from '../store/commitments-repo.js';
import { actorNames } from '../search/actors.js';
import { isFiller, tokenize } from '../search/tokens.js';
import { itemOf, listReply, plural, todayOf } from './present.js';
import type { Command, Deps } from './types.js';

const EXAMPLES = '`due in September 2014`, `due before 2015`, `due between May and August 2014`, `due next 30 days` or `overdue`';

/** Where the catalog's dates lie, so an empty answer can say where to look. */
function dateSpan(deps: Deps): string {
  const dated = deps.commitments.dueBetween(EARLIEST, LATEST);
  if (dated.length === 0) return '';
  const first = dated[0]!.due!.start;
  const last = dated.reduce((m, c) => (c.due!.end > m ? c.due!.end : m), first);
  return ` The catalog's due dates run from ${formatDate(first)} to ${formatDate(last)}.`;
}

function rangeText(p: Period): string {
  if (p.start === EARLIEST) return `on or before ${formatDate(p.end)}`;
  if (p.end === LATEST) return `on or after ${formatDate(p.start)}`;
  return p.start === p.end ? `on ${formatDate(p.start)}` : `between ${formatDate(p.start)} and ${formatDate(p.end)}`;
}

const DAY_MS = 86_400_000;
const span = (start: string, end: string): number => (Date.parse(end) - Date.parse(start)) / DAY_MS;

/**
 * The items a period really holds. The store finds those whose date ends in it; but a date known
 * only to the year ("in 2014") is not "due in December 2014", nor in the next 30 days of
 * December: an item counts when its own window fits in the period, or is no longer than it.
 * Dates that are only approximate guesses from outside the report are kept apart: alone, they
 * do not make "something is due in June".
 */
export function inWindow<C extends { due?: { start: string; end: string; precision: string; basis: string } | undefined }>(
  candidates: readonly C[],
  period: Period,
): { items: C[]; guesses: C[] } {
  const long = period.start === EARLIEST || period.end === LATEST ? Infinity : span(period.start, period.end);
  const fits = candidates.filter((c) => !c.due || c.due.start >= period.start || span(c.due.start, c.due.end) <= long);
  const guess = (c: C): boolean => c.due?.precision === 'approximate' && c.due.basis === 'inferred';
  return { items: fits.filter((c) => !guess(c)), guesses: fits.filter(guess) };
}

/** Words that only frame a date question: "is there anything", "what needs to be", "which items are". */
const FRAME = new Set(
  ('what which is are was were there anything something any items item things thing commitments commitment actions action ' +
    'needs need to be must should has have will the that do we i you of all events event else still')
    .split(' '),
);
const DUE_WORD = /^(?<frame>.*?)\b(?:due|deadlines?|coming up|upcoming|happening|happened|happens|going on|goes on|went on|lined up|on the (?:calendar|cards)|scheduled|planned|expected|taking place|took place|takes place|take place|held|to be (?:done|completed|delivered|finished)|done|finished|completed|delivered|ending|falls? due)\b\s*(?<args>.*)$/;

/**
 * A question about dates no pattern spells out: a bare period ("June", "Q3 2014", "this year",
 * "by the end of 2014") or a period after a due word with only framing words before it ("is
 * anything due in June", "what needs to be done by the end of 2014", "anything happening in Q3").
 */
export function dueQuestion(text: string): string | undefined {
  const t = text.toLowerCase();
  const now = new Date();
  if (/\d|\b(?:next|this|last|coming|past|end|before|after|between|since|until|by)\b/.test(t) || tokenize(t).length <= 2) {
    if (parsePeriod(t, now, 'UTC')) return t;
  }
  const m = DUE_WORD.exec(t);
  if (m && tokenize(m.groups!.frame!).every((w) => FRAME.has(w))) {
    const args = m.groups!.args!.trim();
    if (!args || parsePeriod(args, now, 'UTC')) return args;
  }
  return trailingPeriod(t, now);
}

/** Words that may come before a period in a date question: "what deadlines or events fall in …". */
const DATED = new Set(['deadlines', 'deadline', 'events', 'event', 'dates', 'milestones', 'fall', 'falls', 'happen', 'happening', 'due', 'held', 'scheduled', 'planned', 'expected', 'going']);
const LEAD = new Set([...FRAME, ...DATED, 'or', 'and', 'coming', 'up']);

/**
 * A question that ends in a period after words that only frame it ("what deadlines or events
 * fall in the second half of 2014", "events in Q3 2014"): the period, from its preposition on.
 */
function trailingPeriod(t: string, now: Date): string | undefined {
  const words = t.replace(/[?!.]+$/, '').split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    if (!/^(?:in|during|for|by|before|after|between|over|from|since|until|through)$/.test(words[i]!)) continue;
    const lead = tokenize(words.slice(0, i).join(' '));
    if (!lead.every((w) => LEAD.has(w)) || !lead.some((w) => DATED.has(w))) return undefined;
    const rest = words.slice(i).join(' ');
    if (parsePeriod(rest, now, 'UTC')) return rest;
  }
  return undefined;
}

/**
 * A period said after other words ("soon after the meeting? next few weeks", "for KNOMAD in
 * September 2014"): a part between punctuation, else the longest ending of two words or more,
 * that reads as a period; `before` is what came before it.
 */
function periodWithin(text: string, now: Date, zone: string): { period: Period; before: string } | undefined {
  const parts = text.split(/[?!;:,]+/).map((p) => p.trim()).filter(Boolean);
  for (let i = parts.length > 1 ? parts.length - 1 : -1; i >= 0; i--) {
    const period = parsePeriod(parts[i]!, now, zone);
    if (period) return { period, before: parts.slice(0, i).join(' ') };
  }
  const words = text.replace(/[?!.]+$/, '').split(/\s+/);
  for (let i = 1; i <= words.length - 2; i++) {
    const period = parsePeriod(words.slice(i).join(' '), now, zone);
    if (period) return { period, before: words.slice(0, i).join(' ') };
  }
  return undefined;
}

/** Words that only join an organisation to a period: "due for KNOMAD in …", "from the World Bank by …". */
const JOINING = new Set([
  ...LEAD, 'for', 'from', 'by', 'with', 'on', 'in', 'at', 'about', 'of', 'soon', 'after', 'meeting',
  'deliver', 'complete', 'finish', 'publish', 'submit', 'produce', 'release', 'present', 'hold', 'organise', 'organize',
]);

/**
 * What came before the period: the organisations or people it names (their items only), and the
 * words neither an organisation nor framing, which the answer says it did not use.
 */
function scopeOf(before: string, deps: Deps): { actors: ActorRef[]; unused: string[] } {
  const dir = deps.directory();
  const actors = dir.mentioned(before);
  const own = new Set(actors.flatMap((a) => tokenize(actorNames(a).join(' '))));
  const unused = tokenize(before).filter((w) => !own.has(w) && !JOINING.has(w) && !isFiller(w));
  return { actors, unused };
}

/**
 * "KNOMAD due in 2014", "what is the World Bank due to deliver in 2014": a due word after the
 * names of organisations or people, and a period — a date question about them (the search would
 * read "2014" as a word). Undefined when any other word comes before the due word (a topic: the
 * search answers it).
 */
export function actorsDueQuestion(text: string, deps: Deps): Reply | undefined {
  const m = DUE_WORD.exec(text.trim().toLowerCase());
  const frame = m?.groups!.frame!.trim();
  if (!m || !frame) return undefined;
  const found = periodWithin(`${frame} ${m.groups!.args!}`, deps.clock.now(), deps.zone);
  if (!found) return undefined;
  const scope = scopeOf(found.before, deps);
  return scope.actors.length > 0 && scope.unused.length === 0 ? dueIn(found.period, scope, deps) : undefined;
}

export const due: Command = {
  spec: {
    name: 'due',
    cache: 'day',
    paged: true,
    times: true,
    aliases: ['deadlines', 'deadline'],
    summary: 'What is due in a period or a window: a month, a year, a quarter, the next N days, before, after or between dates.',
    usage: 'due <period>',
    examples: ['due in September 2014', 'is anything due in September?', 'due before 2015', 'due between May and August 2014', 'by the end of 2014', 'Q3 2014', 'due next 30 days'],
    patterns: [
      /^what (?:is|are)(?: still)? (?:due|coming up|next|ahead|upcoming)(?: (?<args>.+))?$/i,
      /^(?:(?:the|all|any|all the) )?(?:(?:upcoming|next|coming|key|important|main|future|forthcoming) )?(?:deadlines|due dates?)(?: (?<args>(?!(?:that|i|we|you|to)\b).+?))?(?: (?:that )?(?:(?:i|we|you) (?:should|need to|must|have to|ought to) (?:know|watch|keep in mind)(?: about| of)?|to (?:know|watch) (?:about|for)))?$/i,
      /^(?:(?:the|all|any) )?(?:upcoming|next|coming|key|important|future|forthcoming) dates(?: (?<args>.+))?$/i,
    ],
    matches: dueQuestion,
  },
  async handle({ args }, deps): Promise<Reply> {
    const now = deps.clock.now();
    if (!args.trim()) return upcoming(deps);
    const text = args.trim();
    const whole = parsePeriod(text, now, deps.zone);
    if (whole) return dueIn(whole, NO_SCOPE, deps);
    const within = periodWithin(text, now, deps.zone);
    if (!within) throw new UserError('bad-date', `I couldn't read “${text.slice(0, 60)}” as a date or a period.`, `Try ${EXAMPLES}.`);
    return dueIn(within.period, scopeOf(within.before, deps), deps);
  },
};

type Scope = ReturnType<typeof scopeOf>;
const NO_SCOPE: Scope = { actors: [], unused: [] };

/**
 * What is due in `period`: of the organisations or people `scope` names ("due for KNOMAD in
 * September 2014"), else of everyone; words read as nothing are named in the title.
 */
function dueIn(period: Period, scope: Scope, deps: Deps): Reply {
  const theirs = scope.actors.length ? new Set(deps.commitments.byActors(deps.directory().withMembers(scope.actors.map((a) => a.id))).map((c) => c.id)) : undefined;
  const who = scope.actors.map((a) => a.acronym ?? a.name).join(' or ');
  const unread = scope.unused.length ? ` (not read: “${scope.unused.join(' ')}”)` : '';
  const { items, guesses } = inWindow(deps.commitments.dueBetween(period.start, period.end).filter((c) => !theirs || theirs.has(c.id)), period);
  const range = rangeText(period);
  if (items.length === 0) {
    const reply: Reply = who
      ? { title: `No item of ${who} is due ${period.phrase}${unread}`, text: `No item of ${who} has a due date ${range}; \`${scope.actors[0]!.acronym ?? scope.actors[0]!.name}\` lists all of them.`, tone: 'empty' }
      : { title: `Nothing is due ${period.phrase}${unread}`, text: `No item has a due date ${range}.${dateSpan(deps)}`, tone: 'empty' };
    if (guesses.length) {
      reply.text =
        `The report gives no date ${range}. ${guesses.length === 1 ? 'One item has a date guessed' : `${guesses.length} items have dates guessed`} ` +
        `from outside the report that falls about then (the item says how it was guessed):`;
      reply.actions = guesses.slice(0, 3).map((c) => ({ id: `suggest:${c.id}`, label: c.id, command: `show ${c.id}` }));
    }
    return reply;
  }
  // What is still to do comes before what is done or dropped; dates the report states before
  // dates inferred from outside it; each in date order (the store's order).
  const rank = (c: (typeof items)[number]): number =>
    (c.status === 'done' || c.status === 'dropped' ? 2 : 0) + (c.due?.basis === 'inferred' ? 1 : 0);
  return listReply(
    `${who ? `${who}: due` : 'Due'} ${period.phrase}${unread}`,
    [...items, ...guesses].sort((a, b) => rank(a) - rank(b) || (a.due?.end ?? '').localeCompare(b.due?.end ?? '')).map((c) => itemOf(c, undefined, todayOf(deps))),
    'Ask for a shorter period, e.g. `due in September 2014`.',
    `${plural(items.length + guesses.length, 'item')} with a due date ${range}` +
      (guesses.length ? ` (${guesses.length} of them guessed from outside the report, shown last)` : '') +
      '. An item given only a month or a year is due at the end of it.',
  );
}

/** "Upcoming deadlines", with no period: what is still ahead, the nearest first, however far. */
function upcoming(deps: Deps): Reply {
  const today = localDate(deps.clock.now(), deps.zone);
  const ahead = deps.commitments.dueBetween(today, LATEST).filter((c) => c.status !== 'done' && c.status !== 'dropped');
  if (ahead.length === 0) return { title: `Nothing is due after ${formatDate(today)}`, text: `Every dated item is past, done or dropped.${dateSpan(deps)}`, tone: 'empty' };
  return listReply(
    `Coming up after ${formatDate(today)}`,
    ahead.map((c) => itemOf(c, undefined, todayOf(deps))),
    'Ask for a period, e.g. `due in September 2014` or `due next 30 days`.',
    `${plural(ahead.length, 'dated item')} still ahead and not done, the nearest first. A date marked “inferred” is not in the report.`,
  );
}

/** The day "overdue as of …" counts from: today, or the day a period names (the end of a longer one). */
function asOf(text: string, deps: Deps): string {
  const today = localDate(deps.clock.now(), deps.zone);
  const t = text.trim().replace(/^(?:as of|as at|on|at)\s+/i, '');
  if (!t || /^(?:now|today|yet|so far|already|currently)$/i.test(t)) return today;
  const p = parsePeriod(t, deps.clock.now(), deps.zone);
  if (!p || p.start === EARLIEST || p.end === LATEST) {
    throw new UserError('bad-date', `I couldn't read “${t.slice(0, 60)}” as a day to count overdue items from.`, 'Try `overdue`, `overdue as of 1 September 2014` or `what was late as of today`.');
  }
  return p.start === p.end ? p.start : p.end;
}

export const overdue: Command = {
  spec: {
    name: 'overdue',
    cache: 'day',
    paged: true,
    aliases: ['late', 'past-due'],
    summary: 'Items whose due date has passed and that are not done or dropped (today, or as of a day).',
    usage: 'overdue [as of <day>]',
    examples: ['overdue', "what's late as of today", 'overdue as of 1 September 2014'],
    patterns: [
      /^(?:(?:is|are|was|were) )?(?:there )?(?:what|which|anything|something|any(?:thing)?|any items|items|what items|which items)?(?: (?:is|are|was|were|has|have|been|gone|got))* ?(?:overdue|late|past due|behind(?: schedule)?|past (?:the |their )?deadlines?|missed(?: (?:the |their )?deadlines?)?)(?: (?:now|today|yet|so far|already|currently))?(?: (?<args>(?:as (?:of|at)|on) .+))?$/i,
      /^(?:overdue|late|missed) (?:items|deadlines|commitments|actions)(?: (?<args>(?:as (?:of|at)|on) .+))?$/i,
    ],
  },
  async handle({ args }, deps) {
    const day = asOf(args, deps);
    const items = deps.commitments.overdue(day);
    const when = formatDate(day);
    if (items.length === 0) return { title: `Nothing is overdue as of ${when}`, text: `As of ${when}, every dated item is done, dropped or not yet due.`, tone: 'empty' };
    return listReply(
      `Overdue as of ${when}`,
      items.map((c) => itemOf(c, undefined, todayOf(deps))),
      'Narrow it by actor (`actor UNODC`) or track (`track post-2015`).',
      `${plural(items.length, 'item')} past their due date and not marked done or dropped (their status today).`,
    );
  },
};
