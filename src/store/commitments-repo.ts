import type { Kind, Nature, Precision, Status } from '../catalog/schema.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

export interface ActorRef {
  id: string;
  kind: string;
  name: string;
  acronym?: string;
  surname?: string;
  role?: string;
  organisationId?: string;
  aliases: string[];
}

/** A row of the actors table. */
export interface ActorRow {
  id: string;
  kind: string;
  name: string;
  acronym: string | null;
  surname: string | null;
  role: string | null;
  organisation_id: string | null;
  aliases: string;
}

export interface DueView {
  date: string;
  start: string;
  end: string;
  precision: Precision;
  basis: 'stated' | 'inferred';
  nature: Nature;
  reasoning?: string;
}

export interface CommitmentView {
  seq: number;
  id: string;
  meetingId: string;
  meetingName: string;
  meetingShortName: string;
  kind: Kind;
  summary: string;
  quote: string;
  sectionId: string;
  sectionTitle: string;
  sectionNote?: string;
  paragraph: number;
  /** The cited paragraph's opening words ("In the second presentation of the…"), when the store has the report. */
  paragraphOpening?: string;
  /** Where the extracted report text breaks off at the quote's start or end (a lost page, glyph noise). */
  quoteCut: { start: boolean; end: boolean };
  due?: DueView;
  recurrence?: { every: number; unit: string; description: string };
  status: Status;
  /** The user who owns the follow-up (a platform user reference such as "@alice"). */
  owner?: string;
  actors: ActorRef[];
  tracks: Array<{ id: string; name: string }>;
  agenda: number[];
  /** For an item captured from chat: the message it came from (instead of a report paragraph). */
  message?: { author: string; channel: string; postedAt: string; permalink?: string };
}

interface Row {
  seq: number;
  id: string;
  meeting_id: string;
  meeting_name: string;
  meeting_short: string;
  kind: Kind;
  summary: string;
  quote: string;
  section_id: string;
  section_title: string | null;
  section_note: string | null;
  paragraph: number;
  para_opening: string | null;
  quote_cut_start: number;
  quote_cut_end: number;
  due_date: string | null;
  due_start: string | null;
  due_end: string | null;
  due_precision: Precision | null;
  due_basis: 'stated' | 'inferred' | null;
  due_nature: Nature | null;
  due_reasoning: string | null;
  recurrence: string | null;
  status: Status;
  owner: string | null;
  actor_ids: string;
  track_ids: string;
  agenda: string;
  msg_author: string | null;
  msg_channel: string | null;
  msg_at: string | null;
  msg_link: string | null;
}

const SELECT = `
  SELECT c.seq, c.id, c.meeting_id, m.name AS meeting_name, m.short_name AS meeting_short, c.kind, c.summary, c.quote,
         c.section_id, s.title AS section_title, s.note AS section_note, c.paragraph, p.opening AS para_opening,
         coalesce(p.cut_start AND instr(p.text, c.quote) = 1, 0) AS quote_cut_start,
         coalesce(p.cut_end AND substr(p.text, -length(c.quote)) = c.quote, 0) AS quote_cut_end,
         c.due_date, c.due_start, c.due_end, c.due_precision, c.due_basis, c.due_nature, c.due_reasoning, c.recurrence, c.status, c.owner,
         (SELECT json_group_array(actor_id) FROM (SELECT actor_id FROM commitment_actors WHERE commitment_id = c.id ORDER BY position)) AS actor_ids,
         (SELECT json_group_array(track_id) FROM commitment_tracks WHERE commitment_id = c.id) AS track_ids,
         (SELECT json_group_array(number) FROM (SELECT number FROM commitment_agenda WHERE commitment_id = c.id ORDER BY number)) AS agenda,
         coalesce(cm.author_name, cm.author_id) AS msg_author, coalesce(cm.channel_name, cm.channel_id) AS msg_channel, cm.posted_at AS msg_at, cm.permalink AS msg_link
  FROM commitments c
  LEFT JOIN commitment_messages cm ON cm.commitment_id = c.id
  JOIN meetings m ON m.id = c.meeting_id
  LEFT JOIN sections s ON s.meeting_id = c.meeting_id AND s.id = c.section_id
  LEFT JOIN report_paragraphs p ON p.meeting_id = c.meeting_id AND p.section_id = c.section_id AND p.number = c.paragraph`;

/** Only a deadline can be missed: a hope passes, an event takes place, a period ends. */
const DEADLINE = "coalesce(c.due_nature, 'deadline') = 'deadline'";

const ORDER = 'ORDER BY c.due_end IS NULL, c.due_end, c.seq';

/** The commitments aggregate: reads of items with their actors, tracks and agenda points. */
export class CommitmentRepository {
  private readonly q: Statements;

  /** Live items (not retired), of one meeting when the repository is scoped to it. */
  private readonly live: string;
  private readonly liveBare: string;

  constructor(
    private readonly db: Db,
    /** Narrows every list (not `get`) to one meeting: "… in 12th meeting". */
    readonly meetingId?: string,
  ) {
    this.q = new Statements(db);
    if (meetingId !== undefined && !/^[a-z0-9-]+$/.test(meetingId)) throw new Error(`not a meeting id: ${meetingId}`);
    this.liveBare = meetingId ? `retired_at IS NULL AND meeting_id = '${meetingId}'` : 'retired_at IS NULL';
    this.live = meetingId ? `c.retired_at IS NULL AND c.meeting_id = '${meetingId}'` : 'c.retired_at IS NULL';
  }

  /** The same repository narrowed to one meeting. */
  scoped(meetingId: string): CommitmentRepository {
    return new CommitmentRepository(this.db, meetingId);
  }

  private cache: { version: string; actors: Map<string, ActorRef>; tracks: Map<string, string> } | undefined;

  /** Actors and track names, read once per catalog version (they change only when the catalog loads). */
  private reference(): { actors: Map<string, ActorRef>; tracks: Map<string, string> } {
    // Imports add actors and tracks without a catalog reload: their counts are part of the version.
    const version = String(
      this.q.get("SELECT (SELECT group_concat(id || ':' || coalesce(catalog_hash, ''), ',') FROM meetings) || '|' || (SELECT count(*) FROM actors) || '|' || (SELECT count(*) FROM tracks)").pluck().get() ?? '',
    );
    if (this.cache?.version !== version) {
      this.cache = {
        version,
        actors: this.readActors(),
        tracks: new Map((this.q.get('SELECT id, name FROM tracks').all() as Array<{ id: string; name: string }>).map((t) => [t.id, t.name])),
      };
    }
    return this.cache;
  }

  private actorMap(): Map<string, ActorRef> {
    return this.reference().actors;
  }

  private readActors(): Map<string, ActorRef> {
    const rows = this.q.get('SELECT * FROM actors').all() as ActorRow[];
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          kind: r.kind,
          name: r.name,
          ...(r.acronym ? { acronym: r.acronym } : {}),
          ...(r.surname ? { surname: r.surname } : {}),
          ...(r.role ? { role: r.role } : {}),
          ...(r.organisation_id ? { organisationId: r.organisation_id } : {}),
          aliases: JSON.parse(r.aliases) as string[],
        },
      ]),
    );
  }

  private hydrate(rows: Row[]): CommitmentView[] {
    if (rows.length === 0) return [];
    const { actors, tracks } = this.reference();
    return rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      meetingId: r.meeting_id,
      meetingName: r.meeting_name,
      meetingShortName: r.meeting_short,
      kind: r.kind,
      summary: r.summary,
      quote: r.quote,
      sectionId: r.section_id,
      sectionTitle: r.section_title ?? r.section_id,
      ...(r.section_note ? { sectionNote: r.section_note } : {}),
      paragraph: r.paragraph,
      ...(r.para_opening ? { paragraphOpening: r.para_opening } : {}),
      quoteCut: { start: r.quote_cut_start === 1, end: r.quote_cut_end === 1 },
      ...(r.due_date && r.due_precision && r.due_basis && r.due_start && r.due_end
        ? {
            due: {
              date: r.due_date,
              start: r.due_start,
              end: r.due_end,
              precision: r.due_precision,
              basis: r.due_basis,
              nature: r.due_nature ?? 'deadline',
              ...(r.due_reasoning ? { reasoning: r.due_reasoning } : {}),
            },
          }
        : {}),
      ...(r.recurrence ? { recurrence: JSON.parse(r.recurrence) as CommitmentView['recurrence'] } : {}),
      status: r.status,
      ...(r.owner ? { owner: r.owner } : {}),
      actors: (JSON.parse(r.actor_ids) as string[]).map((id) => actors.get(id) ?? { id, kind: 'organisation', name: id, aliases: [] }),
      tracks: (JSON.parse(r.track_ids) as string[]).map((id) => ({ id, name: tracks.get(id) ?? id })),
      agenda: JSON.parse(r.agenda) as number[],
      ...(r.msg_author && r.msg_channel && r.msg_at ? { message: { author: r.msg_author, channel: r.msg_channel, postedAt: r.msg_at, ...(r.msg_link ? { permalink: r.msg_link } : {}) } } : {}),
    }));
  }

  get(id: string): CommitmentView | undefined {
    return this.hydrate(this.q.get(`${SELECT} WHERE c.id = ? AND c.retired_at IS NULL`).all(id) as Row[])[0];
  }

  /** Items by id, in the order given (missing ids are skipped). */
  getMany(ids: string[]): CommitmentView[] {
    if (ids.length === 0) return [];
    const rows = this.q.get(`${SELECT} WHERE c.id IN (SELECT value FROM json_each(?)) AND ${this.live}`).all(JSON.stringify(ids)) as Row[];
    const byId = new Map(this.hydrate(rows).map((v) => [v.id, v]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** A user's change of status; reloading the catalog keeps it. */
  setStatus(id: string, status: Status, now: Date): void {
    this.q.get("UPDATE commitments SET status = ?, status_source = 'user', updated_at = ? WHERE id = ?").run(status, now.toISOString(), id);
  }

  setOwner(id: string, owner: string | null, now: Date): void {
    this.q.get('UPDATE commitments SET owner = ?, updated_at = ? WHERE id = ?').run(owner, now.toISOString(), id);
  }

  byOwner(owner: string): CommitmentView[] {
    return this.hydrate(this.q.get(`${SELECT} WHERE c.owner = ? AND ${this.live} ${ORDER}`).all(owner) as Row[]);
  }

  /** Items with a deadline, for deadline ladders (hoped-for dates, events and period ends are not deadlines). */
  withDeadlines(): Array<{ id: string; due: string; status: Status; owner: string | null }> {
    return this.q
      .get(`SELECT id, due_end AS due, status, owner FROM commitments c WHERE due_end IS NOT NULL AND ${DEADLINE} AND ${this.live} ORDER BY due_end`)
      .all() as Array<{ id: string; due: string; status: Status; owner: string | null }>;
  }

  allIds(): string[] {
    return this.q.get(`SELECT id FROM commitments WHERE ${this.liveBare} ORDER BY seq`).pluck().all() as string[];
  }

  count(): number {
    return this.q.get(`SELECT count(*) FROM commitments WHERE ${this.liveBare}`).pluck().get() as number;
  }

  byActors(actorIds: string[]): CommitmentView[] {
    const rows = this.q
      .get(
        `${SELECT} WHERE c.id IN (SELECT commitment_id FROM commitment_actors WHERE actor_id IN (SELECT value FROM json_each(?)))
         AND ${this.live} ${ORDER}`,
      )
      .all(JSON.stringify(actorIds)) as Row[];
    return this.hydrate(rows);
  }

  byTrack(trackId: string): CommitmentView[] {
    const rows = this.q
      .get(`${SELECT} WHERE c.id IN (SELECT commitment_id FROM commitment_tracks WHERE track_id = ?) AND ${this.live} ${ORDER}`)
      .all(trackId) as Row[];
    return this.hydrate(rows);
  }

  /** The items a section of the report holds, in the report's order (paragraph, then catalog order). */
  bySection(sectionId: string): CommitmentView[] {
    const rows = this.q.get(`${SELECT} WHERE c.section_id = ? AND ${this.live} ORDER BY c.paragraph, c.seq`).all(sectionId) as Row[];
    return this.hydrate(rows);
  }

  byAgenda(point: number): CommitmentView[] {
    const rows = this.q
      .get(`${SELECT} WHERE c.id IN (SELECT commitment_id FROM commitment_agenda WHERE number = ?) AND ${this.live} ${ORDER}`)
      .all(point) as Row[];
    return this.hydrate(rows);
  }

  /**
   * Items whose deadline falls in [start, end] (ISO dates, inclusive). The deadline is the end of
   * the due window: "by September 2014" is due on 30 September, "in 2014" on 31 December.
   */
  dueBetween(start: string, end: string): CommitmentView[] {
    const rows = this.q
      .get(`${SELECT} WHERE c.due_end BETWEEN ? AND ? AND ${this.live} ${ORDER}`)
      .all(start, end) as Row[];
    return this.hydrate(rows);
  }

  /**
   * Items whose deadline (end of the due window) is before `today` and that are not done or
   * dropped: promises not kept on time. A hoped-for date that has passed is not among them (it was
   * never promised: it reads "hoped for by July 2014 (passed)"), nor is a past event or the end of
   * a period; `due <period>` still lists those, with their own wording.
   */
  overdue(today: string): CommitmentView[] {
    const rows = this.q
      .get(
        `${SELECT} WHERE c.due_end < ? AND c.due_end IS NOT NULL AND ${DEADLINE} AND c.status NOT IN ('done', 'dropped') AND ${this.live} ${ORDER}`,
      )
      .all(today) as Row[];
    return this.hydrate(rows);
  }

  countsByTrack(): Map<string, number> {
    const rows = this.q
      .get(
        `SELECT t.track_id AS id, count(*) AS n FROM commitment_tracks t JOIN commitments c ON c.id = t.commitment_id
         WHERE ${this.live} GROUP BY t.track_id`,
      )
      .all() as Array<{ id: string; n: number }>;
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  countsByAgenda(): Map<number, number> {
    const rows = this.q
      .get(
        `SELECT a.number AS id, count(*) AS n FROM commitment_agenda a JOIN commitments c ON c.id = a.commitment_id
         WHERE ${this.live} GROUP BY a.number`,
      )
      .all() as Array<{ id: number; n: number }>;
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  actors(): ActorRef[] {
    return [...this.actorMap().values()];
  }
}

/** Reference tables: tracks, the eight-point agenda, GFMD priorities, abbreviations. */
export class ReferenceRepository {
  private readonly q: Statements;

  constructor(db: Db) {
    this.q = new Statements(db);
  }

  tracks(): Array<{ id: string; name: string; description: string; aliases: string[] }> {
    return (this.q.get('SELECT id, name, description, aliases FROM tracks ORDER BY position').all() as Array<{
      id: string;
      name: string;
      description: string;
      aliases: string;
    }>).map((t) => ({ ...t, aliases: JSON.parse(t.aliases) as string[] }));
  }

  agenda(): Array<{ number: number; title: string }> {
    return this.q.get('SELECT number, title FROM agenda_points ORDER BY number').all() as Array<{ number: number; title: string }>;
  }

  gfmdPriorities(): Array<{ meetingId: string; number: number; title: string; commitmentId: string }> {
    return this.q
      .get('SELECT meeting_id AS meetingId, number, title, commitment_id AS commitmentId FROM gfmd_priorities ORDER BY meeting_id, number')
      .all() as Array<{ meetingId: string; number: number; title: string; commitmentId: string }>;
  }

  abbreviations(): Array<{ acronym: string; expansion: string; source: string }> {
    return this.q.get('SELECT acronym, expansion, source FROM abbreviations ORDER BY acronym').all() as Array<{
      acronym: string;
      expansion: string;
      source: string;
    }>;
  }

  meetings(): Array<{ id: string; name: string; shortName: string; heldFrom: string; heldTo: string; place: string; citation: string }> {
    return this.q
      .get('SELECT id, name, short_name AS shortName, held_from AS heldFrom, held_to AS heldTo, place, citation FROM meetings ORDER BY held_from')
      .all() as Array<{ id: string; name: string; shortName: string; heldFrom: string; heldTo: string; place: string; citation: string }>;
  }
}
