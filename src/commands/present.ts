import { STATUS_LABELS } from '../catalog/schema.js';
import { describeDue } from '../core/dates.js';
import type { Citation, Highlighted, Reply, ReplyAction, ReplyItem } from '../core/reply.js';
import type { ActorRef, CommitmentView } from '../store/commitments-repo.js';
import { LIST_LIMIT } from './types.js';


export function actorLabel(a: ActorRef): string {
  if (a.kind === 'person') return a.name;
  return a.acronym && !a.acronym.includes(' ') ? `${a.acronym} (${a.name})` : a.name;
}

export function dueLabel(c: CommitmentView): string | undefined {
  if (!c.due) return undefined;
  return describeDue(c.due);
}

export function citationOf(c: CommitmentView): Citation {
  return {
    meetingId: c.meetingId,
    meeting: c.meetingName,
    sectionId: c.sectionId,
    section: c.sectionTitle,
    paragraph: c.paragraph,
    label: `${c.meetingShortName} report · ${c.sectionTitle}, ¶${c.paragraph}`,
  };
}

export function itemActions(c: CommitmentView): ReplyAction[] {
  const actions: ReplyAction[] = [];
  if (c.status !== 'done' && c.status !== 'dropped') actions.push({ id: 'done', label: 'Mark done', command: `done ${c.id}` });
  actions.push(
    { id: 'source', label: 'Show source', command: `source ${c.id}` },
    { id: 'remind', label: 'Remind me', command: `remind me about ${c.id} tomorrow at 9` },
    { id: 'show', label: 'Details', command: `show ${c.id}` },
  );
  return actions;
}

/** One commitment as a reply item: summary, who, when, status, the quote and where it is. */
export function itemOf(c: CommitmentView, quote?: Highlighted): ReplyItem {
  const fields = [
    { label: 'Who', value: c.actors.map(actorLabel).join('; ') },
    { label: 'Due', value: dueLabel(c) ?? 'no date in the report' },
    { label: 'Status', value: STATUS_LABELS[c.status] },
  ];
  if (c.owner) fields.push({ label: 'Owner', value: `@${c.owner}` });
  if (c.recurrence) fields.push({ label: 'Recurs', value: c.recurrence.description });
  return {
    id: c.id,
    title: c.summary,
    fields,
    quote: quote ?? { text: c.quote, highlights: [] },
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
