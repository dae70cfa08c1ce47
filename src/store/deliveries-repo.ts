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
}

const COLUMNS = `id, subscription_id AS subscriptionId, scheduled_for AS scheduledFor, recipient, idempotency_key AS idempotencyKey,
  version, status, late, attempts, retry_at AS retryAt, detail, created_at AS createdAt, finished_at AS finishedAt`;

/** Deliveries: one row per (subscription, scheduled instant, recipient), written before sending. */
export class DeliveryRepository {
  private readonly q: Statements;

  constructor(db: Db) {
    this.q = new Statements(db);
  }

  /** Records a delivery; returns false when that key was recorded already (never send twice). */
  record(d: { subscriptionId: number; scheduledFor: string; recipient: string; version: number; status: 'pending' | 'skipped'; late: boolean; detail?: string }, now: Date): boolean {
    const key = `${d.subscriptionId}:${d.scheduledFor}:${d.recipient}`;
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

  /** Pending deliveries ready to (re)try: fresh ones and those a crash or a transient failure left. */
  pending(now: Date, limit: number): Delivery[] {
    return this.q.get(`SELECT ${COLUMNS} FROM deliveries WHERE status = 'pending' AND retry_at <= ? ORDER BY retry_at, id LIMIT ?`).all(now.toISOString(), limit) as Delivery[];
  }

  finish(id: number, status: 'sent' | 'failed' | 'skipped', now: Date, detail?: string): void {
    this.q.get('UPDATE deliveries SET status = ?, finished_at = ?, detail = coalesce(?, detail) WHERE id = ?').run(status, now.toISOString(), detail ?? null, id);
  }

  retryLater(id: number, at: Date, detail: string): void {
    this.q.get('UPDATE deliveries SET attempts = attempts + 1, retry_at = ?, detail = ? WHERE id = ?').run(at.toISOString(), detail, id);
  }

  attempt(id: number): void {
    this.q.get('UPDATE deliveries SET attempts = attempts + 1 WHERE id = ?').run(id);
  }

  last(subscriptionId: number): Delivery | undefined {
    return this.q.get(`SELECT ${COLUMNS} FROM deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT 1`).get(subscriptionId) as Delivery | undefined;
  }

  forSubscription(subscriptionId: number): Delivery[] {
    return this.q.get(`SELECT ${COLUMNS} FROM deliveries WHERE subscription_id = ? ORDER BY id`).all(subscriptionId) as Delivery[];
  }
}
