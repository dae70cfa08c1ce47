import type { Candidate } from '../extract/extract.js';
import type { CommitmentRecord } from '../store/import-repo.js';

/** An accepted candidate as the commitment it becomes. */
export function recordOf(c: Candidate, meetingId: string): CommitmentRecord {
  const tracks = c.tracks.map((id) => ({ id, name: id }));
  return {
    meetingId,
    id: c.id,
    kind: c.kind,
    actors: c.actors.map((a) => ({ id: a.id, kind: a.kind, name: a.name, ...(a.acronym ? { acronym: a.acronym } : {}), ...(a.surname ? { surname: a.surname } : {}) })),
    summary: c.summary,
    quote: c.quote,
    section: c.section,
    paragraph: c.paragraph,
    ...(c.due ? { due: { date: c.due.date, precision: c.due.precision, basis: c.due.basis, ...(c.due.reasoning ? { reasoning: c.due.reasoning } : {}) } } : {}),
    ...(c.recurrence ? { recurrence: c.recurrence } : {}),
    tracks,
    agenda: [],
    status: c.status,
    history: [],
  };
}
