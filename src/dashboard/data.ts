import { DateTime } from 'luxon';
import type { NameDirectory } from '../core/directory.js';
import type { Platform } from '../core/message.js';
import { ActorDirectory } from '../search/actors.js';
import { SearchIndex } from '../search/search.js';
import { CommitmentRepository, ReferenceRepository, type CommitmentView } from '../store/commitments-repo.js';
import type { Db } from '../store/db.js';
import { ImportRepository, type HistoryRecord } from '../store/import-repo.js';
import type { SchedulerStore } from '../store/contract.js';
import { SqliteSchedulerStore } from '../store/sqlite-scheduler-store.js';
import { Statements } from '../store/statements.js';
import type { Subscription } from '../store/subscriptions-repo.js';
import type { Filter, Known } from './filters.js';
import { LIGHT_SQL, OVERDUE_SQL, type Light } from './light.js';

export const PAGE_SIZE = 50;
/** A search ranks at most this many items (the chat's ranking); facets then narrow them, in rank order. */
export const SEARCH_LIMIT = 200;

export interface Paragraph {
  sectionId: string;
  number: number;
  text: string;
  cutStart: boolean;
  cutEnd: boolean;
}

/** The dashboard's reads: every one narrow (an id, an index range, a page), or a count. */
export class DashboardData {
  readonly commitments: CommitmentRepository;
  readonly reference: ReferenceRepository;
  readonly imports: ImportRepository;
  readonly search: SearchIndex;
  private readonly q: Statements;

  constructor(
    readonly db: Db,
    /** Today's date where the bot runs (YYYY-MM-DD). */
    readonly today: () => string,
    /** The chat's name directory: people by the display names chat has cached (never a platform call from a page). */
    private readonly names?: NameDirectory,
    /** Reminders and ladders: the app's store (PostgreSQL when several instances share it), else this file's. */
    private readonly schedules: SchedulerStore = new SqliteSchedulerStore(db),
  ) {
    this.commitments = new CommitmentRepository(db);
    this.reference = new ReferenceRepository(db);
    this.imports = new ImportRepository(db);
    this.search = new SearchIndex(db);
    this.q = new Statements(db);
  }

  /** A person's or channel's name as the chat has cached it (a page never calls a platform), else undefined. */
  knownName(platform: string, team: string, kind: 'user' | 'channel', id: string): string | undefined {
    return this.names?.known({ platform: platform as Platform, team, kind, id });
  }

  /** Who made a history entry: their display name if chat knows it, else the name stored with it, else the id. */
  personName(h: HistoryRecord): string {
    return this.knownName(h.platform, h.team ?? '', 'user', h.user) ?? (h.userName || h.user);
  }

  /**
   * Each owned item's owner by the name chat knows them by, on the platform and workspace of the
   * change that made them owner (their latest `owner` history entry); else the id as stored.
   */
  ownerNames(items: ReadonlyArray<{ id: string; owner?: string | null }>): Map<string, string> {
    const owned = items.filter((c): c is { id: string; owner: string } => Boolean(c.owner));
    if (!owned.length) return new Map();
    const rows = this.q
      .get("SELECT commitment_id AS id, platform, team, new_value AS owner FROM audit WHERE action = 'owner' AND commitment_id IN (SELECT value FROM json_each(?)) ORDER BY at, id")
      .all(JSON.stringify(owned.map((c) => c.id))) as Array<{ id: string; platform: string; team: string | null; owner: string }>;
    const made = new Map<string, { platform: string; team: string | null }>();
    for (const r of rows) made.set(`${r.id}\u0000${r.owner}`, r);
    return new Map(
      owned.map((c) => {
        const m = made.get(`${c.id}\u0000${c.owner}`);
        return [c.id, (m && this.knownName(m.platform, m.team ?? '', 'user', c.owner)) ?? c.owner];
      }),
    );
  }

  directory(): ActorDirectory {
    return new ActorDirectory(this.commitments.actors(), this.reference.abbreviations());
  }

  known(): Known {
    return {
      meetings: new Set(this.reference.meetings().map((m) => m.id)),
      actors: new Set(this.commitments.actors().map((a) => a.id)),
      tracks: new Set(this.reference.tracks().map((t) => t.id)),
      agenda: new Set(this.reference.agenda().map((a) => a.number)),
    };
  }

  private plus(days: number): string {
    return DateTime.fromISO(this.today(), { zone: 'UTC' }).plus({ days }).toISODate()!;
  }

  /**
   * What the data looks like now: another connection's commit moves data_version, this
   * connection's writes move total_changes(), and the day moves the traffic lights.
   */
  private version(): string {
    return `${this.q.get('PRAGMA data_version').pluck().get() as number}:${this.q.get('SELECT total_changes()').pluck().get() as number}:${this.today()}`;
  }

  private cache = { version: '', entries: new Map<string, unknown>() };

  /** Aggregates over every item are computed once per data version (and day), then reused. */
  private cached<T>(key: string, compute: () => T): T {
    const version = this.version();
    if (version !== this.cache.version) this.cache = { version, entries: new Map() };
    if (this.cache.entries.has(key)) return this.cache.entries.get(key) as T;
    const value = compute();
    if (this.cache.entries.size >= 200) this.cache.entries.delete(this.cache.entries.keys().next().value!);
    this.cache.entries.set(key, value);
    return value;
  }

  /** The sum of an axis's tallies over days in [from, to] (inclusive; either end open). */
  private tally(axis: string, from: string | null, to: string | null): number {
    return this.q
      .get('SELECT coalesce(sum(n), 0) FROM dashboard_tallies WHERE axis = @axis AND day >= coalesce(@from, \'\') AND day <= coalesce(@to, \'9999\')')
      .pluck()
      .get({ axis, from, to }) as number;
  }

  /**
   * Counts by status and kind, by traffic light, and the due windows, from the tallies the store
   * keeps (migration 011): a few short index ranges, whatever the number of items. An item turns
   * red on its `red_from` day and amber on its `amber_from` day, so each light is a range sum.
   */
  counts(): { status: Map<string, number>; kind: Map<string, number>; light: Map<Light, number>; overdue: number; next30: number; next90: number; total: number } {
    return this.cached('counts', () => {
      const today = this.today();
      const yesterday = this.plus(-1);
      const groups = this.q.get("SELECT axis, n FROM dashboard_tallies WHERE (axis >= 'kind:' AND axis < 'kind;') OR (axis >= 'status:' AND axis < 'status;')").all() as Array<{ axis: string; n: number }>;
      const status = new Map<string, number>();
      const kind = new Map<string, number>();
      for (const g of groups) {
        if (!g.n) continue;
        const [facet, value] = [g.axis.slice(0, g.axis.indexOf(':')), g.axis.slice(g.axis.indexOf(':') + 1)];
        const into = facet === 'kind' ? kind : status;
        into.set(value, (into.get(value) ?? 0) + g.n);
      }
      const total = [...status.values()].reduce((x, y) => x + y, 0);
      const red = this.tally('red', null, today);
      const amber = this.tally('amber', null, today) - red;
      const light = new Map<Light, number>([
        ['green', total - red - amber],
        ['amber', amber],
        ['red', red],
      ]);
      return {
        status,
        kind,
        light,
        total,
        overdue: this.tally('deadline', null, yesterday),
        next30: this.tally('due', today, this.plus(30)),
        next90: this.tally('due', today, this.plus(90)),
      };
    });
  }

  /** Open deadlines by month (YYYY-MM → count): what can be overdue, so past months add up to the overdue count. */
  timeline(): Array<{ month: string; n: number }> {
    return this.cached('timeline', () => this.q
      .get("SELECT substr(day, 1, 7) AS month, sum(n) AS n FROM dashboard_tallies WHERE axis = 'deadline' AND day <> '' GROUP BY 1 HAVING sum(n) > 0 ORDER BY 1")
      .all() as Array<{ month: string; n: number }>);
  }

  /** Items with history since `since` (YYYY-MM-DD), latest first. */
  changedSince(since: string, limit = 50): Array<{ id: string; changes: number; last: string }> {
    return this.cached(`changed:${since}:${limit}`, () =>
      this.q
        .get('SELECT commitment_id AS id, count(*) AS changes, max(at) AS last FROM audit WHERE at >= ? GROUP BY commitment_id ORDER BY last DESC LIMIT ?')
        .all(since, limit) as Array<{ id: string; changes: number; last: string }>,
    );
  }

  /** The traffic light of each of `ids`. */
  lights(ids: string[]): Map<string, Light> {
    if (!ids.length) return new Map();
    const rows = this.q
      .get(`SELECT d.commitment_id AS id, ${LIGHT_SQL} AS light FROM dashboard_items d WHERE d.commitment_id IN (SELECT value FROM json_each(@ids))`)
      .all({ today: this.today(), ids: JSON.stringify(ids) }) as Array<{ id: string; light: Light }>;
    return new Map(rows.map((r) => [r.id, r.light]));
  }

  /** The filter's WHERE clause and parameters. */
  private where(f: Filter): { sql: string; params: Record<string, unknown> } {
    const w = ['c.retired_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (f.meeting) {
      w.push('c.meeting_id = @meeting');
      params.meeting = f.meeting;
    }
    if (f.actor) {
      w.push('c.id IN (SELECT commitment_id FROM commitment_actors WHERE actor_id IN (SELECT value FROM json_each(@actors)))');
      params.actors = JSON.stringify(this.directory().withMembers([f.actor]));
    }
    if (f.track) {
      w.push('c.id IN (SELECT commitment_id FROM commitment_tracks WHERE track_id = @track)');
      params.track = f.track;
    }
    if (f.agenda !== undefined) {
      w.push('c.id IN (SELECT commitment_id FROM commitment_agenda WHERE number = @agenda)');
      params.agenda = f.agenda;
    }
    if (f.kind) {
      w.push('c.kind = @kind');
      params.kind = f.kind;
    }
    if (f.status) {
      w.push('c.status = @status');
      params.status = f.status;
    }
    const needsToday = Boolean(f.light || f.due === 'overdue' || f.due === 'next30' || f.due === 'next90');
    if (needsToday) params.today = this.today();
    if (f.light) {
      const light = this.lightWhere(f.light);
      w.push(light.sql);
      // `+` keeps the planner off the live-items index, so it starts from the few items of the light.
      if (light.few) w[0] = '+c.retired_at IS NULL';
    }
    if (f.due === 'overdue') w.push(OVERDUE_SQL);
    if (f.due === 'next30' || f.due === 'next90') {
      w.push("c.due_end BETWEEN @today AND @until AND c.status NOT IN ('done', 'dropped')");
      params.until = this.plus(f.due === 'next30' ? 30 : 90);
    }
    if (f.due === 'dated') w.push('c.due_end IS NOT NULL');
    if (f.due === 'undated') w.push('c.due_end IS NULL');
    return { sql: w.join(' AND '), params };
  }

  /**
   * The light facet, on the items' first red / amber days (dashboard_items, migration 011). A light
   * most items have is probed by each item's key as the registry walks items in report order (a
   * page stops after its 50); a light few items have is read as a range of its own index instead,
   * so a page never walks every item to find a handful.
   */
  private lightWhere(light: Light): { sql: string; few: boolean } {
    const cond = {
      red: 'd.red_from <= @today',
      amber: 'd.amber_from <= @today AND d.red_from > @today',
      green: '(d.amber_from IS NULL OR d.amber_from > @today)',
    }[light];
    const c = this.counts();
    const few = (c.light.get(light) ?? 0) * 5 < c.total;
    return few
      ? { sql: `c.id IN (SELECT d.commitment_id FROM dashboard_items d WHERE ${cond})`, few }
      : { sql: `EXISTS (SELECT 1 FROM dashboard_items d WHERE d.commitment_id = c.id AND ${cond})`, few };
  }

  /** A filter of one facet the overview already counts (a light, overdue, the next 30 / 90 days): its count from the tallies. */
  private tallied(f: Filter): number | undefined {
    const facets = [f.meeting, f.actor, f.track, f.agenda, f.kind, f.status, f.light, f.due].filter((v) => v !== undefined);
    if (facets.length !== 1) return undefined;
    const c = this.counts();
    if (f.light) return c.light.get(f.light) ?? 0;
    if (f.due === 'overdue') return c.overdue;
    if (f.due === 'next30') return c.next30;
    if (f.due === 'next90') return c.next90;
    return undefined;
  }

  /** One page of the filter's items (report order; search rank with a query) and how many there are. */
  registry(f: Filter, pageSize = PAGE_SIZE): { items: CommitmentView[]; total: number; corrections: Array<{ from: string; to: string }>; unknown: string[] } {
    const { sql, params } = this.where(f);
    const offset = (f.page - 1) * pageSize;
    if (f.q) {
      const result = this.search.search(f.q, { limit: SEARCH_LIMIT, ...(f.meeting ? { meeting: f.meeting } : {}) });
      const ranked = result.hits.map((h) => h.id);
      const keep = new Set(
        this.q.get(`SELECT c.id FROM commitments c WHERE ${sql} AND c.id IN (SELECT value FROM json_each(@ranked))`).pluck().all({ ...params, ranked: JSON.stringify(ranked) }) as string[],
      );
      const ids = ranked.filter((id) => keep.has(id));
      return { items: this.commitments.getMany(ids.slice(offset, offset + pageSize)), total: ids.length, corrections: result.corrections, unknown: result.unknown };
    }
    const total = this.tallied(f) ?? this.cached(`count:${sql}:${JSON.stringify(params)}`, () => this.q.get(`SELECT count(*) FROM commitments c WHERE ${sql}`).pluck().get(params) as number);
    const ids = this.q.get(`SELECT c.id FROM commitments c WHERE ${sql} ORDER BY c.seq LIMIT @limit OFFSET @offset`).pluck().all({ ...params, limit: pageSize, offset }) as string[];
    return { items: this.commitments.getMany(ids), total, corrections: [], unknown: [] };
  }

  /** Every id the filter selects (for its exports), in the registry's order. */
  allIds(f: Filter): string[] {
    const all = this.registry({ ...f, page: 1 }, Number.MAX_SAFE_INTEGER);
    return all.items.map((c) => c.id);
  }

  paragraph(meetingId: string, sectionId: string, number: number): Paragraph | undefined {
    const r = this.q
      .get('SELECT section_id AS sectionId, number, text, cut_start AS cutStart, cut_end AS cutEnd FROM report_paragraphs WHERE meeting_id = ? AND section_id = ? AND number = ?')
      .get(meetingId, sectionId, number) as (Omit<Paragraph, 'cutStart' | 'cutEnd'> & { cutStart: number; cutEnd: number }) | undefined;
    return r && { ...r, cutStart: Boolean(r.cutStart), cutEnd: Boolean(r.cutEnd) };
  }

  /** The report of a meeting: sections in order, each with its paragraphs. */
  report(meetingId: string): Array<{ id: string; title: string; note: string | null; paragraphs: Paragraph[] }> {
    const sections = this.q.get('SELECT id, title, note FROM sections WHERE meeting_id = ? ORDER BY position').all(meetingId) as Array<{ id: string; title: string; note: string | null }>;
    const paras = this.q
      .get('SELECT section_id AS sectionId, number, text, cut_start AS cutStart, cut_end AS cutEnd FROM report_paragraphs WHERE meeting_id = ? ORDER BY section_id, number')
      .all(meetingId) as Array<Omit<Paragraph, 'cutStart' | 'cutEnd'> & { cutStart: number; cutEnd: number }>;
    return sections.map((s) => ({ ...s, paragraphs: paras.filter((p) => p.sectionId === s.id).map((p) => ({ ...p, cutStart: Boolean(p.cutStart), cutEnd: Boolean(p.cutEnd) })) }));
  }

  /** Per paragraph ("section:number"), the first `limit` items drawn from it and how many in all. */
  itemsByParagraph(meetingId: string, paragraphs: Array<{ sectionId: string; number: number }>, limit = 20): Map<string, { items: Array<{ id: string; summary: string; kind: string }>; total: number }> {
    const where = 'FROM commitments WHERE meeting_id = ? AND section_id = ? AND paragraph = ? AND retired_at IS NULL';
    const out = new Map<string, { items: Array<{ id: string; summary: string; kind: string }>; total: number }>();
    for (const p of paragraphs) {
      const total = this.q.get(`SELECT count(*) ${where}`).pluck().get(meetingId, p.sectionId, p.number) as number;
      if (!total) continue;
      const items = this.q.get(`SELECT id, summary, kind ${where} ORDER BY seq LIMIT ?`).all(meetingId, p.sectionId, p.number, limit) as Array<{ id: string; summary: string; kind: string }>;
      out.set(`${p.sectionId}:${p.number}`, { items, total });
    }
    return out;
  }

  /** Subscriptions that name the item: reminders about it, and deadline ladders limited to items it is one of. */
  remindersFor(id: string): Promise<Subscription[]> {
    return this.schedules.subscriptionsAbout(id);
  }

  focalPoints(actorId: string): Array<{ platform: string; team: string; userRef: string }> {
    return this.q.get('SELECT platform, team, user_ref AS userRef FROM focal_points WHERE actor_id = ? ORDER BY platform').all(actorId) as Array<{ platform: string; team: string; userRef: string }>;
  }

  /** The ids and kinds of the items of these actors, in the chat's order (by date, undated last). */
  itemsOfActors(actorIds: string[]): Array<{ id: string; kind: string }> {
    return this.q
      .get(
        `SELECT c.id, c.kind FROM commitments c WHERE c.id IN (SELECT commitment_id FROM commitment_actors WHERE actor_id IN (SELECT value FROM json_each(?)))
         AND c.retired_at IS NULL ORDER BY c.due_end IS NULL, c.due_end, c.seq`,
      )
      .all(JSON.stringify(actorIds)) as Array<{ id: string; kind: string }>;
  }

  /** How many of `ids` have a history entry since `since`. */
  updatedSince(ids: string[], since: string): number {
    if (!ids.length) return 0;
    return this.q.get('SELECT count(DISTINCT commitment_id) FROM audit WHERE commitment_id IN (SELECT value FROM json_each(?)) AND at >= ?').pluck().get(JSON.stringify(ids), since) as number;
  }
}
