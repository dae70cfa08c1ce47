import type { Kind, Nature, Precision, Status } from '../catalog/schema.js';
import { commitmentRow } from './commitment-row.js';
import type { Db } from './db.js';
import type { MessageProvenance } from './messages-repo.js';
import { Statements } from './statements.js';

export interface MeetingRecord {
  id: string;
  name: string;
  shortName: string;
  heldFrom: string;
  heldTo: string;
  place: string;
  citation: string;
}

export interface ActorRecord {
  id: string;
  kind: string;
  name: string;
  acronym?: string;
  surname?: string;
}

export interface HistoryRecord {
  at: string;
  platform: string;
  team?: string;
  user: string;
  userName?: string | null;
  action: string;
  old?: string | null;
  new?: string | null;
  note?: string | null;
}

/** The chat message an item was captured from, as exports carry it (instead of a report paragraph). */
export type MessageRecord = Omit<MessageProvenance, 'commitmentId'>;

/** One commitment with everything needed to recreate it elsewhere (exports and their import). */
export interface CommitmentRecord {
  meetingId: string;
  id: string;
  kind: Kind;
  actors: ActorRecord[];
  summary: string;
  quote: string;
  section: { id: string; title: string };
  paragraph: number;
  due?: { date: string; precision: Precision; basis: 'stated' | 'inferred'; nature?: Nature; reasoning?: string };
  recurrence?: { every: number; unit: string; description: string };
  tracks: Array<{ id: string; name: string }>;
  agenda: number[];
  status: Status;
  owner?: string;
  /** For an item captured from chat: its message (permalink, author, channel, time). */
  message?: MessageRecord;
  history: HistoryRecord[];
}

/**
 * Writes that bring outside data in: imported meetings, their sections and actors, accepted
 * candidates and exported records. Callers run these inside one transaction per import.
 */
export class ImportRepository {
  private readonly q: Statements;

  constructor(private readonly db: Db) {
    this.q = new Statements(db);
  }

  meetingExists(id: string): boolean {
    return this.q.get('SELECT 1 FROM meetings WHERE id = ?').get(id) !== undefined;
  }

  /** Adds a meeting that is not there yet (an existing one, e.g. the catalog's, is left as it is). */
  ensureMeeting(m: MeetingRecord, now: Date): void {
    this.q
      .get(
        `INSERT INTO meetings (id, name, short_name, held_from, held_to, place, citation, catalog_hash, loaded_at, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, 'import') ON CONFLICT(id) DO NOTHING`,
      )
      .run(m.id, m.name, m.shortName, m.heldFrom, m.heldTo, m.place, m.citation, now.toISOString());
  }

  ensureSections(meetingId: string, sections: Array<{ id: string; title: string }>): void {
    const next = (this.q.get('SELECT coalesce(max(position), -1) + 1 FROM sections WHERE meeting_id = ?').pluck().get(meetingId) as number) ?? 0;
    const ins = this.q.get('INSERT INTO sections (meeting_id, id, title, note, position) VALUES (?, ?, ?, NULL, ?) ON CONFLICT DO NOTHING');
    sections.forEach((s, i) => ins.run(meetingId, s.id, s.title, next + i));
  }

  ensureActors(actors: ActorRecord[]): void {
    const ins = this.q.get(`INSERT INTO actors (id, kind, name, acronym, surname, role, organisation_id, aliases) VALUES (?, ?, ?, ?, ?, NULL, NULL, '[]') ON CONFLICT(id) DO NOTHING`);
    for (const a of actors) ins.run(a.id, a.kind, a.name, a.acronym ?? null, a.surname ?? null);
  }

  ensureTracks(tracks: Array<{ id: string; name: string }>): void {
    const ins = this.q.get(
      `INSERT INTO tracks (id, name, description, aliases, position)
       VALUES (?, ?, ?, '[]', (SELECT coalesce(max(position), -1) + 1 FROM tracks)) ON CONFLICT(id) DO NOTHING`,
    );
    for (const t of tracks) ins.run(t.id, t.name, t.name);
  }

  ensureAbbreviations(list: Array<{ acronym: string; expansion: string }>): void {
    const ins = this.q.get(`INSERT INTO abbreviations (acronym, expansion, source) VALUES (?, ?, 'report') ON CONFLICT(acronym) DO NOTHING`);
    for (const a of list) ins.run(a.acronym, a.expansion);
  }

  /**
   * Adds a commitment, or brings an existing one up to the record: follow-up fields (status,
   * owner) always; the descriptive fields only for items that did not come from the catalog
   * (the catalog's data files stay the truth for those).
   */
  upsertCommitment(r: CommitmentRecord, now: Date): 'added' | 'updated' {
    const ts = now.toISOString();
    const row = { ...commitmentRow({ ...r, section: r.section.id }, ts), owner: r.owner ?? null };
    const existing = this.q.get('SELECT origin FROM commitments WHERE id = ?').get(r.id) as { origin: string } | undefined;
    if (existing) {
      this.q
        .get(
          `UPDATE commitments SET status = @status, owner = @owner, updated_at = @ts,
             status_source = CASE WHEN @status = catalog_status THEN status_source ELSE 'user' END
           WHERE id = @id`,
        )
        .run(row);
      if (existing.origin !== 'catalog') {
        this.q
          .get(
            `UPDATE commitments SET kind = @kind, summary = @summary, quote = @quote, section_id = @section, paragraph = @paragraph,
               due_date = @due_date, due_start = @due_start, due_end = @due_end, due_precision = @due_precision, due_basis = @due_basis,
               due_nature = @due_nature, due_reasoning = @due_reasoning, recurrence = @recurrence, catalog_status = @status, retired_at = NULL
             WHERE id = @id`,
          )
          .run(row);
        this.setLinks(r);
      }
      this.addHistory(r.id, r.history);
      return 'updated';
    }
    this.q
      .get(
        `INSERT INTO commitments (id, meeting_id, kind, summary, quote, section_id, paragraph, due_date, due_start, due_end,
           due_precision, due_basis, due_nature, due_reasoning, recurrence, catalog_status, status, status_source, origin, owner, created_at, updated_at)
         VALUES (@id, @meeting, @kind, @summary, @quote, @section, @paragraph, @due_date, @due_start, @due_end,
           @due_precision, @due_basis, @due_nature, @due_reasoning, @recurrence, @status, @status, 'catalog', 'import', @owner, @ts, @ts)`,
      )
      .run(row);
    this.setLinks(r);
    this.addHistory(r.id, r.history);
    return 'added';
  }

  private setLinks(r: CommitmentRecord): void {
    for (const t of ['commitment_actors', 'commitment_tracks', 'commitment_agenda']) this.q.get(`DELETE FROM ${t} WHERE commitment_id = ?`).run(r.id);
    const a = this.q.get('INSERT INTO commitment_actors (commitment_id, actor_id, position) VALUES (?, ?, ?)');
    r.actors.forEach((x, i) => a.run(r.id, x.id, i));
    const t = this.q.get('INSERT INTO commitment_tracks (commitment_id, track_id) VALUES (?, ?)');
    for (const x of r.tracks) t.run(r.id, x.id);
    const g = this.q.get('INSERT INTO commitment_agenda (commitment_id, number) VALUES (?, ?)');
    for (const n of r.agenda) g.run(r.id, n);
  }

  /** Adds the history entries the item does not have yet (same instant, action, user and values). */
  private addHistory(id: string, history: HistoryRecord[]): void {
    const has = this.q.get(
      `SELECT 1 FROM audit WHERE commitment_id = ? AND at = ? AND action = ? AND user_id = ? AND platform = ?
         AND old_value IS ? AND new_value IS ? AND note IS ?`,
    );
    const ins = this.q.get('INSERT INTO audit (commitment_id, at, platform, team, user_id, user_name, action, old_value, new_value, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const h of history) {
      const values = [h.old ?? null, h.new ?? null, h.note ?? null] as const;
      if (has.get(id, h.at, h.action, h.user, h.platform, ...values)) continue;
      ins.run(id, h.at, h.platform, h.team ?? '', h.user, h.userName ?? null, h.action, ...values);
    }
  }

  /** Full records of the stored commitments (for exports). */
  history(id: string): HistoryRecord[] {
    return (
      this.q.get('SELECT at, platform, team, user_id AS user, user_name AS userName, action, old_value AS old, new_value AS new, note FROM audit WHERE commitment_id = ? ORDER BY at, id').all(id) as HistoryRecord[]
    ).map((h) => ({ at: h.at, platform: h.platform, ...(h.team ? { team: h.team } : {}), user: h.user, ...(h.userName ? { userName: h.userName } : {}), action: h.action, old: h.old, new: h.new, note: h.note }));
  }

  meeting(id: string): MeetingRecord | undefined {
    return this.q.get('SELECT id, name, short_name AS shortName, held_from AS heldFrom, held_to AS heldTo, place, citation FROM meetings WHERE id = ?').get(id) as MeetingRecord | undefined;
  }

  get database(): Db {
    return this.db;
  }
}
