import type { Platform } from '../core/message.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

export type SubscriptionKind = 'reminder' | 'digest' | 'ladder';
export type SubscriptionState = 'active' | 'paused' | 'stopped' | 'failed' | 'finished';

export interface Subscription {
  id: number;
  kind: SubscriptionKind;
  platform: Platform;
  team: string;
  targetKind: 'user' | 'channel';
  targetRef: string;
  createdBy: string;
  /** What to send: a command the bot runs at delivery time ("show <id>", "gfmd", "summary KNOMAD"). */
  topic: string;
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
  schedule, zone, state, next_run_at AS nextRunAt, snoozed_from AS snoozedFrom, failure_reason AS failureReason,
  last_run_at AS lastRunAt, version, created_at AS createdAt`;

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
        `INSERT INTO subscriptions (kind, platform, team, target_kind, target_ref, created_by, topic, schedule, zone, state, next_run_at, created_at, updated_at)
         VALUES (@kind, @platform, @team, @targetKind, @targetRef, @createdBy, @topic, @schedule, @zone, @state, @nextRunAt, @ts, @ts)`,
      )
      .run({ ...s, state: s.nextRunAt ? 'active' : 'finished', ts });
    return this.get(Number(r.lastInsertRowid))!;
  }

  get(id: number): Subscription | undefined {
    return this.q.get(`SELECT ${COLUMNS} FROM subscriptions WHERE id = ?`).get(id) as Subscription | undefined;
  }

  /**
   * Active subscriptions due at `now`, oldest first (uses the partial index on next_run_at); only
   * those of `platforms` when given (a process claims only what it can deliver).
   */
  due(now: Date, limit: number, platforms?: readonly Platform[]): Subscription[] {
    // `+platform`: the filter must not steer SQLite off the due index (the platform index has no order).
    const only = platforms ? ` AND +platform IN (${platforms.map(() => '?').join(', ') || "''"})` : '';
    return this.q
      .get(`SELECT ${COLUMNS} FROM subscriptions WHERE state = 'active' AND next_run_at <= ?${only} ORDER BY next_run_at LIMIT ?`)
      .all(now.toISOString(), ...(platforms ?? []), limit) as Subscription[];
  }

  forTarget(platform: Platform, team: string, targetKind: 'user' | 'channel', targetRef: string): Subscription[] {
    return this.q
      .get(
        `SELECT ${COLUMNS} FROM subscriptions WHERE platform = ? AND team = ? AND target_kind = ? AND target_ref = ?
         AND state != 'stopped' ORDER BY id`,
      )
      .all(platform, team, targetKind, targetRef) as Subscription[];
  }

  createdBy(platform: Platform, team: string, user: string): Subscription[] {
    return this.q
      .get(`SELECT ${COLUMNS} FROM subscriptions WHERE platform = ? AND team = ? AND created_by = ? AND state != 'stopped' ORDER BY id`)
      .all(platform, team, user) as Subscription[];
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
