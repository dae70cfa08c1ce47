import type { Status } from '../../catalog/schema.js';
import type { Candidate } from '../../extract/extract.js';
import type { ActorRecord, CommitmentRecord, MeetingRecord } from '../import-repo.js';
import type { ChatMeeting, MessageProvenance } from '../messages-repo.js';
import type { AuditEntry } from '../audit-repo.js';
import type { Platform } from '../../core/message.js';
import type { DueReading } from '../../core/due-input.js';
import { recordOf } from '../../import/candidate-record.js';
import type { LocalStore } from './local.js';

/**
 * Every change to the follow-up data, as one named operation with JSON arguments. An operation
 * is applied in ONE SQLite transaction by the function here, on whichever engine: directly
 * (SQLite alone), or — with FOLLOWUP_DATABASE_URL — by every instance, in the shared log's order,
 * to its local replica (see shared/contract.ts). So an apply function reads what it needs at
 * apply time (never a value read by the command earlier, which another instance's entry may
 * have changed since) and depends only on the replica and its arguments: every replica that
 * applies the same entries in the same order holds the same data.
 */

/** Who made a change, as the history records it. */
export interface Who {
  platform: Platform;
  team: string;
  userId: string;
  userName?: string | null;
}

/** A history line: the change's author, its action and values (`at` is the operation's instant). */
export type Change = Omit<AuditEntry, 'id' | 'team' | 'commitmentId' | 'at' | 'platform' | 'userId' | 'userName'>;

export interface CapturePlan {
  id: string;
  summary: string;
  actor: { id: string; kind: string; name: string; isNew?: boolean };
  owner?: string;
  due?: DueReading;
  /** The channel's chat meeting to create when it is not there, or an existing meeting's id. */
  meeting: { existing: string } | ChatMeeting;
}

export interface OpArgs {
  /** A status change and/or a note: `status` null keeps the status. */
  status: { id: string; status: Status | null; old: Status; note: string | null; by: Who; at: string };
  owner: { id: string; owner: string | null; old: string | null; by: Who; at: string };
  /** An organisation's focal point; its items without an owner (at apply time) get that person. */
  focal: { actorId: string; userRef: string; note: string; by: Who; at: string };
  zone: { platform: Platform; team: string; kind: 'user' | 'channel'; ref: string; zone: string };
  capture: { plan: CapturePlan; source: Omit<MessageProvenance, 'commitmentId' | 'capturedBy' | 'capturedAt'> & { quote: string }; capturedBy: string; by: Who; at: string };
  /** Candidates that are still proposed (at apply time) become commitments. */
  accept: { ids: string[]; by: Who; at: string };
  reject: { id: string; by: string; at: string };
  'edit-candidate': { candidate: Candidate };
  'import-report': { meeting: MeetingRecord; sections: Array<{ id: string; title: string }>; abbreviations: Array<{ acronym: string; expansion: string }>; candidates: Candidate[]; at: string };
  'import-records': { meetings: MeetingRecord[]; commitments: CommitmentRecord[]; at: string };
}

export interface OpResults {
  status: void;
  owner: void;
  focal: { assigned: number; items: number };
  zone: void;
  capture: { id: string };
  accept: { accepted: string[] };
  reject: void;
  'edit-candidate': void;
  'import-report': void;
  'import-records': { added: number; updated: number };
}

export type OpName = keyof OpArgs;

/** Raised inside an apply function: the whole operation is rolled back (on every replica alike). */
export class OpRefused extends Error {
  constructor(
    readonly op: OpName,
    readonly reason: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(`${op}: ${reason}`);
  }
}

function audit(s: LocalStore, commitmentId: string, by: Who, at: string, c: Change): void {
  s.audit.record({ commitmentId, at, platform: by.platform, team: by.team, userId: by.userId, userName: by.userName ?? null, ...c });
}

type Apply<K extends OpName> = (s: LocalStore, a: OpArgs[K]) => OpResults[K];

export const OPS: { [K in OpName]: Apply<K> } = {
  status(s, a) {
    if (!s.commitments.get(a.id)) throw new OpRefused('status', 'no such item', { id: a.id });
    const changed = a.status !== null && a.status !== a.old;
    if (changed) s.commitments.setStatus(a.id, a.status!, new Date(a.at));
    audit(s, a.id, a.by, a.at, { action: changed ? 'status' : 'note', oldValue: a.old, newValue: a.status ?? a.old, note: a.note });
  },
  owner(s, a) {
    if (!s.commitments.get(a.id)) throw new OpRefused('owner', 'no such item', { id: a.id });
    s.commitments.setOwner(a.id, a.owner, new Date(a.at));
    audit(s, a.id, a.by, a.at, { action: 'owner', oldValue: a.old, newValue: a.owner, note: null });
  },
  focal(s, a) {
    s.prefs.setFocalPoint(a.actorId, a.by.platform, a.by.team, a.userRef, a.by.userId, new Date(a.at));
    const items = s.commitments.byActors([a.actorId]);
    let assigned = 0;
    for (const c of items) {
      if (c.owner) continue;
      s.commitments.setOwner(c.id, a.userRef, new Date(a.at));
      audit(s, c.id, a.by, a.at, { action: 'owner', oldValue: null, newValue: a.userRef, note: a.note });
      assigned++;
    }
    return { assigned, items: items.length };
  },
  zone(s, a) {
    s.prefs.setZone(a.platform, a.team, a.kind, a.ref, a.zone);
  },
  capture(s, { plan, source, capturedBy, by, at }) {
    const now = new Date(at);
    if (source.messageId) {
      const other = s.messages.byMessage(source.platform, source.team, source.channelId, source.messageId);
      if (other) throw new OpRefused('capture', 'the message is tracked already', { id: plan.id, other });
    }
    // Another item took the id since it was planned (the same words, the same day): the next free one.
    let id = plan.id;
    for (let n = 2; s.commitments.get(id) || s.candidates.get(id); n++) id = `${plan.id.replace(/-\d+$/, '')}-${n}`;
    if (plan.actor.isNew) s.imports.ensureActors([{ id: plan.actor.id, kind: 'organisation', name: plan.actor.name }]);
    if ('existing' in plan.meeting) s.imports.ensureSections(plan.meeting.existing, [{ id: 'messages', title: 'Messages' }]);
    else s.messages.ensureChatMeeting(plan.meeting, source.postedAt.slice(0, 10), now);
    const meetingId = 'existing' in plan.meeting ? plan.meeting.existing : plan.meeting.id;
    s.imports.upsertCommitment(
      {
        meetingId,
        id,
        kind: 'action',
        actors: [{ id: plan.actor.id, kind: plan.actor.kind, name: plan.actor.name }],
        summary: plan.summary,
        quote: source.quote,
        section: { id: 'messages', title: 'Messages' },
        paragraph: s.messages.nextParagraph(meetingId),
        ...(plan.due ? { due: { date: plan.due.date, precision: plan.due.precision, basis: 'stated' as const, reasoning: `Read from “${plan.due.phrase}”.` } } : {}),
        tracks: [],
        agenda: [],
        status: 'open',
        ...(plan.owner ? { owner: plan.owner } : {}),
        history: [],
      },
      now,
    );
    const { quote: _quote, ...provenance } = source;
    s.messages.record({ ...provenance, commitmentId: id, capturedBy, capturedAt: at });
    audit(s, id, by, at, { action: 'captured', oldValue: null, newValue: 'open', note: source.permalink ?? `message in #${source.channelId}` });
    s.reindex();
    return { id };
  },
  accept(s, { ids, by, at }) {
    const now = new Date(at);
    const accepted: string[] = [];
    for (const id of ids) {
      const c = s.candidates.get(id);
      if (!c || c.state !== 'proposed') continue;
      s.imports.ensureActors(c.candidate.actors.filter((x) => x.isNew) as ActorRecord[]);
      s.imports.upsertCommitment(recordOf(c.candidate, c.meetingId), now);
      s.candidates.decide(id, 'accepted', by.userName ?? by.userId, now);
      audit(s, id, by, at, { action: 'accepted', oldValue: 'proposed', newValue: 'accepted', note: null });
      accepted.push(id);
    }
    if (accepted.length) s.reindex();
    return { accepted };
  },
  reject(s, a) {
    const c = s.candidates.get(a.id);
    if (!c) throw new OpRefused('reject', 'no such candidate', { id: a.id });
    if (c.state === 'accepted') throw new OpRefused('reject', 'accepted already', { id: a.id });
    s.candidates.decide(a.id, 'rejected', a.by, new Date(a.at));
  },
  'edit-candidate'(s, a) {
    const c = s.candidates.get(a.candidate.id);
    if (!c) throw new OpRefused('edit-candidate', 'no such candidate', { id: a.candidate.id });
    s.candidates.update(a.candidate.id, a.candidate);
  },
  'import-report'(s, a) {
    if (s.imports.meetingExists(a.meeting.id)) throw new OpRefused('import-report', 'the meeting exists', { meeting: a.meeting.id });
    const now = new Date(a.at);
    s.imports.ensureMeeting(a.meeting, now);
    s.imports.ensureSections(a.meeting.id, a.sections);
    s.imports.ensureAbbreviations(a.abbreviations);
    s.candidates.add(a.meeting.id, a.candidates, now);
  },
  'import-records'(s, { meetings, commitments, at }) {
    const now = new Date(at);
    let added = 0;
    let updated = 0;
    const conflicts: Array<{ id: string; other: string }> = [];
    for (const m of meetings) s.imports.ensureMeeting(m, now);
    for (const c of commitments) {
      s.imports.ensureSections(c.meetingId, [c.section]);
      s.imports.ensureActors(c.actors);
      s.imports.ensureTracks(c.tracks);
      if (s.imports.upsertCommitment(c, now) === 'added') added++;
      else updated++;
      // An item captured from chat keeps its message (permalink, author, channel, time).
      if (c.message) {
        const other = s.messages.keep({ ...c.message, commitmentId: c.id });
        if (other) conflicts.push({ id: c.id, other });
      }
    }
    // All or nothing: a record whose message another item holds refuses the whole import.
    if (conflicts.length) throw new OpRefused('import-records', 'a message is tracked by another item', { conflicts });
    s.reindex();
    return { added, updated };
  },
};

/** Applies one operation to the local store (the caller holds the transaction). */
export function applyOp<K extends OpName>(s: LocalStore, op: K, args: OpArgs[K]): OpResults[K] {
  const fn = OPS[op] as Apply<K> | undefined;
  if (!fn) throw new OpRefused(op, 'this version does not know the operation');
  return fn(s, args);
}
