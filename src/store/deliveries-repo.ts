import type { Platform } from '../core/message.js';
import { deliveryKey } from './contract.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface Delivery {
  id: number;
  subscriptionId: number;
  scheduledFor: string;
  recipient: string;
  idempotencyKey: string;
  version: number;
  status: DeliveryStatus;
  late: number;
  attempts: number;
  retryAt: string | null;
  detail: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** The pass that holds it (see lease()), and until when. */
  leaseOwner: string | null;
  leaseUntil: string | null;
}

const COLUMNS = `id, subscription_id AS subscriptionId, scheduled_for AS scheduledFor, recipient, idempotency_key AS idempotencyKey,
  version, status, late, attempts, retry_at AS retryAt, detail, created_at AS createdAt, finished_at AS finishedAt,
  lease_owner AS leaseOwner, lease_until AS leaseUntil`;

/** Deliveries: one row per (subscription, scheduled instant, recipient), written before sending. */
export class DeliveryRepository {
  private readonly q: Statements;

  constructor(db: Db) {
    this.q = new Statements(db);
  }

  /** Records a delivery; returns false when that key was recorded already (never send twice). */
  record(d: { subscriptionId: number; scheduledFor: string; recipient: string; version: number; status: 'pending' | 'skipped'; late: boolean; detail?: string }, now: Date): boolean {
    const key = deliveryKey(d.subscriptionId, d.scheduledFor, d.recipient);
    const r = this.q
      .get(
        `INSERT INTO deliveries (subscription_id, scheduled_for, recipient, idempotency_key, version, status, late, retry_at, detail, created_at, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING`,
      )
      .run(d.subscriptionId, d.scheduledFor, d.recipient, key, d.version, d.status, d.late ? 1 : 0, d.status === 'pending' ? now.toISOString() : null, d.detail ?? null, now.toISOString(), d.status === 'skipped' ? now.toISOString() : null);
    return r.changes === 1;
  }

  get(id: number): Delivery | undefined {
    return this.q.get(`SELECT ${COLUMNS} FROM deliveries WHERE id = ?`).get(id) as Delivery | undefined;
  }

  /** Pending deliveries ready to (re)try, leased or not (for reports and tests; passes use lease()). */
  pending(now: Date, limit: number): Delivery[] {
    return this.q.get(`SELECT ${COLUMNS} FROM deliveries WHERE status = 'pending' AND retry_at <= ? ORDER BY retry_at, id LIMIT ?`).all(now.toISOString(), limit) as Delivery[];
  }

  /**
   * Takes up to `limit` pending deliveries that are ready and that no live pass holds, for `owner`
   * until `until`: the read and the lease are one statement, so two passes never take the same row.
   * Call inside an IMMEDIATE transaction. Only deliveries of `platforms` when given.
   */
  lease(owner: string, now: Date, until: Date, limit: number, platforms?: readonly Platform[]): Delivery[] {
    // `+platform`: keep SQLite on the pending index (see SubscriptionRepository.due).
    const only = platforms ? ` AND +s.platform IN (${platforms.map(() => '?').join(', ') || "''"})` : '';
    const ts = now.toISOString();
    const rows = this.q
      .get(
        `UPDATE deliveries SET lease_owner = ?, lease_until = ?
         WHERE id IN (
           SELECT d.id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
           WHERE d.status = 'pending' AND d.retry_at <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)${only}
           ORDER BY d.retry_at, d.id LIMIT ?)
         RETURNING ${COLUMNS}`,
      )
      .all(owner, until.toISOString(), ts, ts, ...(platforms ?? []), limit) as Delivery[];
    return rows.sort((a, b) => (a.retryAt! < b.retryAt! ? -1 : a.retryAt! > b.retryAt! ? 1 : a.id - b.id));
  }

  /** The owners holding leases that have not expired (to find those of processes that died). */
  leaseOwners(now: Date): string[] {
    return this.q.get("SELECT DISTINCT lease_owner FROM deliveries WHERE status = 'pending' AND lease_until > ?").pluck().all(now.toISOString()) as string[];
  }

  /** Frees every lease `owner` holds: a pass that ends, or an owner known to be gone (taken at once). */
  release(owner: string): number {
    return this.q.get("UPDATE deliveries SET lease_owner = NULL, lease_until = NULL WHERE status = 'pending' AND lease_owner = ?").run(owner).changes;
  }

  /**
   * Counts an attempt and renews the lease, only while `owner` still holds the delivery: false
   * when the lease was lost (another pass took it over after it expired) and it must not be sent.
   */
  startAttempt(id: number, owner: string, until: Date): boolean {
    return this.q.get("UPDATE deliveries SET attempts = attempts + 1, lease_until = ? WHERE id = ? AND status = 'pending' AND lease_owner = ?").run(until.toISOString(), id, owner).changes === 1;
  }

  finish(id: number, status: 'sent' | 'failed' | 'skipped', now: Date, detail?: string): void {
    this.q
      .get('UPDATE deliveries SET status = ?, finished_at = ?, detail = coalesce(?, detail), lease_owner = NULL, lease_until = NULL WHERE id = ?')
      .run(status, now.toISOString(), detail ?? null, id);
  }

  /** Back in the queue until `at` (the attempt was counted by startAttempt); the lease is freed. */
  retryLater(id: number, at: Date, detail: string): void {
    this.q.get('UPDATE deliveries SET retry_at = ?, detail = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?').run(at.toISOString(), detail, id);
  }

  /** Recipients that could not be reached for good, with the latest reason each (for `reminders`). */
  failedRecipients(subscriptionId: number): Array<{ recipient: string; detail: string | null; at: string }> {
    return this.q
      .get(
        `SELECT recipient, detail, max(finished_at) AS at FROM deliveries
         WHERE subscription_id = ? AND status = 'failed' GROUP BY recipient ORDER BY recipient`,
      )
      .all(subscriptionId) as Array<{ recipient: string; detail: string | null; at: string }>;
  }

  last(subscriptionId: number): Delivery | undefined {
    return this.q.get(`SELECT ${COLUMNS} FROM deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT 1`).get(subscriptionId) as Delivery | undefined;
  }

  forSubscription(subscriptionId: number): Delivery[] {
    return this.q.get(`SELECT ${COLUMNS} FROM deliveries WHERE subscription_id = ? ORDER BY id`).all(subscriptionId) as Delivery[];
  }
}
