import type { Platform } from '../core/message.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

export type SubscriptionKind = 'reminder' | 'digest' | 'ladder';
export type SubscriptionState = 'active' | 'paused' | 'stopped' | 'failed' | 'finished';

/**
 * What a subscription shows, as what it is: an item, a read-only lookup (an actor, a track, an
 * agenda point, a due window, a search: `lookup` names which), words shown as typed, a digest's
 * scope, or a ladder's items. Never a command to run.
 */
export type TopicKind = 'item' | 'lookup' | 'note' | 'summary' | 'deadlines';

export interface Topic {
  kind: TopicKind;
  /** What the person typed, for display. */
  text: string;
  /** item: its id; lookup: the lookup's words; note: the words; summary: the scope ('' for everything). */
  query: string;
  /** lookup: which read-only lookup answers it (unset only on rows from before typed topics). */
  lookup?: string;
  /** deadlines: the items the ladder covers (all open dated items when unset). */
  ids?: readonly string[];
}

export interface Subscription {
  id: number;
  kind: SubscriptionKind;
  platform: Platform;
  team: string;
  targetKind: 'user' | 'channel';
  targetRef: string;
  createdBy: string;
  /** What it shows (see Topic). */
  topic: Topic;
  schedule: string;
  zone: string;
  state: SubscriptionState;
  nextRunAt: string | null;
  snoozedFrom: string | null;
  failureReason: string | null;
  lastRunAt: string | null;
  version: number;
  createdAt: string;
}

export type NewSubscription = Pick<Subscription, 'kind' | 'platform' | 'team' | 'targetKind' | 'targetRef' | 'createdBy' | 'topic' | 'schedule' | 'zone'> & {
  nextRunAt: string | null;
};

const COLUMNS = `id, kind, platform, team, target_kind AS targetKind, target_ref AS targetRef, created_by AS createdBy, topic,
  topic_kind AS topicKind, topic_lookup AS topicLookup, topic_query AS topicQuery, topic_ids AS topicIds,
  schedule, zone, state, next_run_at AS nextRunAt, snoozed_from AS snoozedFrom, failure_reason AS failureReason,
  last_run_at AS lastRunAt, version, created_at AS createdAt`;

export type Row = Omit<Subscription, 'topic'> & { topic: string; topicKind: TopicKind; topicLookup: string | null; topicQuery: string; topicIds: string | null };

export function fromRow(r: Row | undefined): Subscription | undefined {
  if (!r) return undefined;
  const { topic, topicKind, topicLookup, topicQuery, topicIds, ...rest } = r;
  return {
    ...rest,
    topic: { kind: topicKind, text: topic, query: topicQuery, ...(topicLookup ? { lookup: topicLookup } : {}), ...(topicIds ? { ids: topicIds.split(',') } : {}) },
  };
}

const many = (rows: unknown[]): Subscription[] => (rows as Row[]).map((r) => fromRow(r)!);

/** The states that count towards a quota: everything that may still send. */
export const LIVE_STATES = ['active', 'paused', 'failed'] as const;

/** Subscriptions: reminders, digests and deadline ladders. Every change a user makes bumps `version`. */
export class SubscriptionRepository {
  private readonly q: Statements;

  constructor(db: Db) {
    this.q = new Statements(db);
  }

  create(s: NewSubscription, now: Date): Subscription {
    const ts = now.toISOString();
    const r = this.q
      .get(
        `INSERT INTO subscriptions (kind, platform, team, target_kind, target_ref, created_by, topic, topic_kind, topic_lookup, topic_query, topic_ids,
           schedule, zone, state, next_run_at, created_at, updated_at)
         VALUES (@kind, @platform, @team, @targetKind, @targetRef, @createdBy, @topic, @topicKind, @topicLookup, @topicQuery, @topicIds,
           @schedule, @zone, @state, @nextRunAt, @ts, @ts)`,
      )
      .run({
        ...s,
        topic: s.topic.text,
        topicKind: s.topic.kind,
        topicLookup: s.topic.lookup ?? null,
        topicQuery: s.topic.query,
        topicIds: s.topic.ids?.length ? s.topic.ids.join(',') : null,
        state: s.nextRunAt ? 'active' : 'finished',
        ts,
      });
    return this.get(Number(r.lastInsertRowid))!;
  }

  get(id: number): Subscription | undefined {
    return fromRow(this.q.get(`SELECT ${COLUMNS} FROM subscriptions WHERE id = ?`).get(id) as Row | undefined);
  }

  /**
   * Active subscriptions due at `now`, oldest first (uses the partial index on next_run_at); only
   * those of `platforms` when given (a process claims only what it can deliver).
   */
  due(now: Date, limit: number, platforms?: readonly Platform[]): Subscription[] {
    // `+platform`: the filter must not steer SQLite off the due index (the platform index has no order).
    const only = platforms ? ` AND +platform IN (${platforms.map(() => '?').join(', ') || "''"})` : '';
    return many(
      this.q.get(`SELECT ${COLUMNS} FROM subscriptions WHERE state = 'active' AND next_run_at <= ?${only} ORDER BY next_run_at LIMIT ?`).all(now.toISOString(), ...(platforms ?? []), limit),
    );
  }

  forTarget(platform: Platform, team: string, targetKind: 'user' | 'channel', targetRef: string): Subscription[] {
    return many(
      this.q
        .get(
          `SELECT ${COLUMNS} FROM subscriptions WHERE platform = ? AND team = ? AND target_kind = ? AND target_ref = ?
           AND state != 'stopped' ORDER BY id`,
        )
        .all(platform, team, targetKind, targetRef),
    );
  }

  /** See SchedulerStore.subscriptionsAbout (reminders by the topic index; ladders with ids are few). */
  about(itemId: string): Subscription[] {
    return many(
      this.q
        .get(
          `SELECT ${COLUMNS} FROM subscriptions WHERE state IN ('active', 'paused', 'failed')
           AND ((topic_kind = 'item' AND topic_query = @id) OR (topic_kind = 'deadlines' AND (',' || coalesce(topic_ids, '') || ',') LIKE ('%,' || @id || ',%')))
           ORDER BY next_run_at IS NULL, next_run_at, id`,
        )
        .all({ id: itemId }),
    );
  }

  createdBy(platform: Platform, team: string, user: string): Subscription[] {
    return many(this.q.get(`SELECT ${COLUMNS} FROM subscriptions WHERE platform = ? AND team = ? AND created_by = ? AND state != 'stopped' ORDER BY id`).all(platform, team, user));
  }

  /** How many subscriptions that may still send one person created (for the quota; by index). */
  liveCreatedBy(platform: Platform, team: string, user: string): number {
    return this.q
      .get(`SELECT count(*) FROM subscriptions WHERE platform = ? AND team = ? AND created_by = ? AND state IN ('active', 'paused', 'failed')`)
      .pluck()
      .get(platform, team, user) as number;
  }

  /** How many subscriptions that may still send go to one channel or person (for the quota; by index). */
  liveForTarget(platform: Platform, team: string, targetKind: 'user' | 'channel', targetRef: string): number {
    return this.q
      .get(`SELECT count(*) FROM subscriptions WHERE platform = ? AND team = ? AND target_kind = ? AND target_ref = ? AND state IN ('active', 'paused', 'failed')`)
      .pluck()
      .get(platform, team, targetKind, targetRef) as number;
  }

  /**
   * The scheduler moves a claimed subscription on: compare-and-set on the run it claimed, so two
   * schedulers can never claim the same run. (version is for users' changes and is not bumped.)
   */
  advance(id: number, claimed: string, next: string | null, lastRunAt: string, now: Date): boolean {
    return (
      this.q
        .get(
          `UPDATE subscriptions SET next_run_at = ?, last_run_at = ?, snoozed_from = NULL,
             state = CASE WHEN ? IS NULL THEN 'finished' ELSE state END, updated_at = ?
           WHERE id = ? AND next_run_at = ? AND state = 'active'`,
        )
        .run(next, lastRunAt, next, now.toISOString(), id, claimed).changes === 1
    );
  }

  setState(id: number, state: SubscriptionState, now: Date, fields: { nextRunAt?: string | null; failureReason?: string | null; snoozedFrom?: string | null } = {}): void {
    this.q
      .get(
        `UPDATE subscriptions SET state = @state,
           next_run_at = CASE WHEN @setNext THEN @nextRunAt ELSE next_run_at END,
           failure_reason = CASE WHEN @setReason THEN @failureReason ELSE failure_reason END,
           snoozed_from = CASE WHEN @setSnooze THEN @snoozedFrom ELSE snoozed_from END,
           version = version + 1, updated_at = @ts
         WHERE id = @id`,
      )
      .run({
        id,
        state,
        ts: now.toISOString(),
        setNext: 'nextRunAt' in fields ? 1 : 0,
        nextRunAt: fields.nextRunAt ?? null,
        setReason: 'failureReason' in fields ? 1 : 0,
        failureReason: fields.failureReason ?? null,
        setSnooze: 'snoozedFrom' in fields ? 1 : 0,
        snoozedFrom: fields.snoozedFrom ?? null,
      });
  }
}
