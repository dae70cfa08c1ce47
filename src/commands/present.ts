import { canBeDone, STATUS_LABELS } from '../catalog/schema.js';
import { localDate } from '../core/dates.js';
import { describeDate } from '../core/due-text.js';
import { messageCitation } from '../core/provenance.js';
import type { Citation, Highlighted, Reply, ReplyAction, ReplyField, ReplyItem } from '../core/reply.js';
import type { ActorRef, CommitmentView } from '../store/commitments-repo.js';
import { whoLabel } from './kinds.js';
import { LIST_LIMIT } from './types.js';
import type { Deps } from './types.js';

export function actorLabel(a: ActorRef): string {
  if (a.kind === 'person') return a.name;
  return a.acronym && !a.acronym.includes(' ') ? `${a.acronym} (${a.name})` : a.name;
}

/** Today's date where the bot runs (its clock, its zone): what "passed" is measured against. */
export function todayOf(deps: Pick<Deps, 'clock' | 'zone'>): string {
  return localDate(deps.clock.now(), deps.zone);
}

/** The item's date as its nature reads: "Due: by September 2014", "Date: held October 2013", "Date: hoped for by July 2014 — passed". */
export function dateField(c: CommitmentView, today?: string): ReplyField | undefined {
  if (!c.due) return undefined;
  const { label, text } = describeDate(c.due, { done: c.status === 'done', today });
  return { label, value: text };
}

/** Where the extracted report text breaks off at the quote (a lost page, glyph noise). */
function cutNote(c: CommitmentView): string | undefined {
  const { start, end } = c.quoteCut;
  if (start && end) return 'the report’s text is cut at both ends of the quote';
  if (start) return 'the report’s text starts mid-sentence where the quote starts';
  if (end) return 'the report’s text breaks off where the quote ends';
  return undefined;
}

/**
 * Where the quote is, so a reader can find it: the paragraph as the loader counts it, its opening
 * words, whether the text breaks off at the quote, and the section's note (why "¶14" alone would
 * name nothing in the published report).
 */
export function citationOf(c: CommitmentView): Citation {
  const where = { meetingId: c.meetingId, meeting: c.meetingName, sectionId: c.sectionId, section: c.sectionTitle, paragraph: c.paragraph };
  if (c.message) {
    // Captured from chat: "message by Ana in #migration, 3 Mar 2014", a link to the message.
    return { ...where, label: messageCitation(c.message), ...(c.message.permalink ? { url: c.message.permalink } : {}) };
  }
  const opening = c.paragraphOpening ? ` “${c.paragraphOpening}”` : '';
  const cut = cutNote(c);
  return {
    ...where,
    ...(c.paragraphOpening ? { opening: c.paragraphOpening } : {}),
    label: `${c.meetingShortName} report · ${c.sectionTitle}, ¶${c.paragraph}${opening}${cut ? ` · ${cut}` : ''}`,
    ...(c.sectionNote ? { note: c.sectionNote } : {}),
  };
}

/** The quote as shown: "…" where the extracted text breaks off; highlights moved with it. */
export function quoteOf(c: CommitmentView, quote?: Highlighted): Highlighted {
  const q = quote ?? { text: c.quote, highlights: [] };
  const lead = c.quoteCut.start ? '…' : '';
  return {
    text: `${lead}${q.text}${c.quoteCut.end ? '…' : ''}`,
    highlights: q.highlights.map(([s, e]) => [s + lead.length, e + lead.length]),
  };
}

export function itemActions(c: CommitmentView): ReplyAction[] {
  const actions: ReplyAction[] = [];
  if (canBeDone(c.kind) && c.status !== 'done' && c.status !== 'dropped') actions.push({ id: 'done', label: 'Mark done', command: `done ${c.id}` });
  actions.push(
    { id: 'source', label: 'Show source', command: `source ${c.id}` },
    { id: 'remind', label: 'Remind me', command: `remind me about ${c.id} tomorrow at 9` },
    { id: 'show', label: 'Details', command: `show ${c.id}` },
  );
  return actions;
}

/**
 * One item as a reply item: summary; who, worded by the kind ("Who committed", "Who said it");
 * its date by its nature (a promise without one says so); a status only for what can be done;
 * the quote ("…" where the extracted text breaks off) and where it is.
 * `today` (ISO) lets a hoped-for or scheduled date say it has passed.
 */
export function itemOf(c: CommitmentView, quote?: Highlighted, today?: string): ReplyItem {
  const doable = canBeDone(c.kind);
  const fields: ReplyField[] = [{ label: whoLabel(c), value: c.actors.map(actorLabel).join('; ') }];
  const date = dateField(c, today);
  if (date) fields.push(date);
  else if (doable && c.kind !== 'activity') fields.push({ label: 'Due', value: 'no date in the report' }); // an activity is under way, not due
  if (doable) fields.push({ label: 'Status', value: STATUS_LABELS[c.status] });
  if (c.owner) fields.push({ label: 'Owner', value: `@${c.owner}` });
  if (c.recurrence) fields.push({ label: 'Recurs', value: c.recurrence.description });
  return {
    id: c.id,
    title: c.summary,
    fields,
    quote: quoteOf(c, quote),
    citation: citationOf(c),
    actions: itemActions(c),
  };
}

/** A list reply: at most LIST_LIMIT items, then "N more" with a hint on narrowing the question. */
export function listReply(title: string, items: ReplyItem[], hint: string, text?: string): Reply {
  const reply: Reply = { title, items: items.slice(0, LIST_LIMIT), tone: items.length ? 'info' : 'empty' };
  if (text) reply.text = text;
  if (items.length > LIST_LIMIT) reply.more = { count: items.length - LIST_LIMIT, hint };
  return reply;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * With a public dashboard address (FOLLOWUP_PUBLIC_URL): each item that is a stored commitment
 * gets a "Page" field linking to its dashboard page (a field, so every adapter shows it as is).
 */
export function withPageLinks(reply: Reply, publicUrl: string | undefined, isItem: (id: string) => boolean): Reply {
  if (!publicUrl || !reply.items?.length) return reply;
  const items = reply.items.map((i) => (i.citation && isItem(i.id) ? { ...i, fields: [...i.fields, { label: 'Page', value: `${publicUrl}/items/${encodeURIComponent(i.id)}` }] } : i));
  return { ...reply, items };
}
