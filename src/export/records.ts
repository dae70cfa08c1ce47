import { findTrack } from '../commands/lookup.js';
import { findMeeting } from '../commands/meeting-scope.js';
import { UserError } from '../core/errors.js';
import { ActorDirectory } from '../search/actors.js';
import { CommitmentRepository, ReferenceRepository, type CommitmentView } from '../store/commitments-repo.js';
import type { Db } from '../store/db.js';
import { ImportRepository, type CommitmentRecord, type MeetingRecord, type MessageRecord } from '../store/import-repo.js';
import { MessageRepository, type MessageProvenance } from '../store/messages-repo.js';

export interface ExportFilter {
  meeting?: string;
  actor?: string;
  track?: string;
}

export interface ExportSet {
  meetings: MeetingRecord[];
  commitments: CommitmentRecord[];
  /** What the filter named, for titles: "KNOMAD", "12th meeting". */
  scope: string[];
}

/** A meeting by id, name or short name ("12th meeting", "cm12-2014"); unknown → a clear error. */
export function resolveMeeting(db: Db, text: string): MeetingRecord {
  const reference = new ReferenceRepository(db);
  const hit = findMeeting(text, { reference });
  if (!hit) {
    throw new UserError('not-found', `No meeting called "${text.slice(0, 60)}".`, `Meetings: ${reference.meetings().map((m) => `${m.shortName} (${m.id})`).join(', ') || 'none yet'}.`);
  }
  return new ImportRepository(db).meeting(hit.id)!;
}

function messageRecord({ commitmentId: _id, ...m }: MessageProvenance): MessageRecord {
  return m;
}

function toRecord(c: CommitmentView, imports: ImportRepository, messages: MessageRepository): CommitmentRecord {
  const provenance = c.message ? messages.get(c.id) : undefined;
  return {
    meetingId: c.meetingId,
    id: c.id,
    kind: c.kind,
    actors: c.actors.map((a) => ({ id: a.id, kind: a.kind, name: a.name, ...(a.acronym ? { acronym: a.acronym } : {}), ...(a.surname ? { surname: a.surname } : {}) })),
    summary: c.summary,
    quote: c.quote,
    section: { id: c.sectionId, title: c.sectionTitle },
    paragraph: c.paragraph,
    ...(c.due ? { due: { date: c.due.date, precision: c.due.precision, basis: c.due.basis, nature: c.due.nature, ...(c.due.reasoning ? { reasoning: c.due.reasoning } : {}) } } : {}),
    ...(c.recurrence ? { recurrence: c.recurrence } : {}),
    tracks: c.tracks,
    agenda: c.agenda,
    status: c.status,
    ...(c.owner ? { owner: c.owner } : {}),
    ...(provenance ? { message: messageRecord(provenance) } : {}),
    history: imports.history(c.id),
  };
}

/** The stored commitments as full records, narrowed by meeting, actor (and its members) and track. */
export function exportSet(db: Db, filter: ExportFilter = {}): ExportSet {
  const commitments = new CommitmentRepository(db);
  const reference = new ReferenceRepository(db);
  const imports = new ImportRepository(db);
  const messages = new MessageRepository(db);
  let items = commitments.getMany(commitments.allIds());
  const scope: string[] = [];
  if (filter.meeting) {
    const m = resolveMeeting(db, filter.meeting);
    items = items.filter((c) => c.meetingId === m.id);
    scope.push(m.shortName);
  }
  if (filter.actor) {
    const directory = new ActorDirectory(commitments.actors(), reference.abbreviations());
    const found = directory.resolve(filter.actor);
    if (!found.length) throw new UserError('not-found', `No organisation or person called "${filter.actor.slice(0, 60)}".`, 'Try its acronym (KNOMAD, ILO) or a surname (Ratha).');
    const ids = new Set(directory.withMembers(found.map((a) => a.id)));
    items = items.filter((c) => c.actors.some((a) => ids.has(a.id)));
    scope.push(directory.displayName(found[0]!));
  }
  if (filter.track) {
    const track = findTrack(filter.track, { reference });
    if (!track) throw new UserError('not-found', `No track called "${filter.track.slice(0, 60)}".`, `Tracks: ${reference.tracks().map((t) => t.id).join(', ')}.`);
    items = items.filter((c) => c.tracks.some((t) => t.id === track.id));
    scope.push(track.name);
  }
  const meetingIds = [...new Set(items.map((c) => c.meetingId))];
  return { meetings: meetingIds.map((id) => imports.meeting(id)!), commitments: items.map((c) => toRecord(c, imports, messages)), scope };
}

/** The given items (in that order) as full records: the dashboard's exports of a filtered view. */
export function exportSetOf(db: Db, ids: string[], scope: string[]): ExportSet {
  const imports = new ImportRepository(db);
  const messages = new MessageRepository(db);
  const items = new CommitmentRepository(db).getMany(ids);
  const meetingIds = [...new Set(items.map((c) => c.meetingId))];
  return { meetings: meetingIds.map((id) => imports.meeting(id)!), commitments: items.map((c) => toRecord(c, imports, messages)), scope };
}
