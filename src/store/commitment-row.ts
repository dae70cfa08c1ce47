import type { Kind, Nature, Precision, Status } from '../catalog/schema.js';
import { dueWindow } from '../core/dates.js';

export interface CommitmentFields {
  id: string;
  meetingId: string;
  kind: Kind;
  summary: string;
  quote: string;
  section: string;
  paragraph: number;
  due?: { date: string; precision: Precision; basis: 'stated' | 'inferred'; nature?: Nature; reasoning?: string };
  recurrence?: object;
  status: Status;
}

/** The named parameters of a commitments row (the due window computed from the date and its precision). */
export function commitmentRow(c: CommitmentFields, ts: string) {
  const window = c.due ? dueWindow(c.due.date, c.due.precision) : undefined;
  return {
    id: c.id,
    meeting: c.meetingId,
    kind: c.kind,
    summary: c.summary,
    quote: c.quote,
    section: c.section,
    paragraph: c.paragraph,
    due_date: c.due?.date ?? null,
    due_start: window?.start ?? null,
    due_end: window?.end ?? null,
    due_precision: c.due?.precision ?? null,
    due_basis: c.due?.basis ?? null,
    due_nature: c.due ? (c.due.nature ?? 'deadline') : null,
    due_reasoning: c.due?.reasoning ?? null,
    recurrence: c.recurrence ? JSON.stringify(c.recurrence) : null,
    status: c.status,
    ts,
  };
}
