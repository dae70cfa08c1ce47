import type { Platform } from '../../core/message.js';
import { deliveryKey, type ClaimPlan, type FinishOptions, type LeaseOptions, type Leased, type SchedulerStore, type SentMark } from '../contract.js';
import type { Delivery } from '../deliveries-repo.js';
import { fromRow, LIVE_STATES, type NewSubscription, type Row, type Subscription, type SubscriptionState } from '../subscriptions-repo.js';
import { inTransaction, type Pool, type PoolClient } from './pool.js';

const SUB_COLUMNS = `id, kind, platform, team, target_kind AS "targetKind", target_ref AS "targetRef", created_by AS "createdBy", topic,
  topic_kind AS "topicKind", topic_lookup AS "topicLookup", topic_query AS "topicQuery", topic_ids AS "topicIds",
  schedule, zone, state, next_run_at AS "nextRunAt", snoozed_from AS "snoozedFrom", failure_reason AS "failureReason",
  last_run_at AS "lastRunAt", version, created_at AS "createdAt"`;

const DELIVERY_COLUMNS = `id, subscription_id AS "subscriptionId", scheduled_for AS "scheduledFor", recipient, idempotency_key AS "idempotencyKey",
  version, status, late, attempts, retry_at AS "retryAt", detail, created_at AS "createdAt", finished_at AS "finishedAt",
  lease_owner AS "leaseOwner", lease_until AS "leaseUntil"`;

type Queryable = Pool | PoolClient;

const byRetry = (a: Delivery, b: Delivery): number => (a.retryAt! < b.retryAt! ? -1 : a.retryAt! > b.retryAt! ? 1 : a.id - b.id);

/**
 * The scheduler's store on PostgreSQL, for several instances on one database: due subscriptions
 * and ready deliveries are taken with `FOR UPDATE SKIP LOCKED` (an instance never waits on, nor
 * takes, rows another is claiming), the idempotency key is unique in the database (a delivery is
 * recorded once, whichever instance claims it), and a lease that expired (a crashed instance) is
 * taken over by the next instance that leases.
 */
export class PgSchedulerStore implements SchedulerStore {
  readonly engine = 'postgres';

  constructor(
    private readonly pool: Pool,
    private readonly owned = false,
  ) {}

  async createSubscription(s: NewSubscription, now: Date): Promise<Subscription> {
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO subscriptions (kind, platform, team, target_kind, target_ref, created_by, topic, topic_kind, topic_lookup, topic_query, topic_ids,
         schedule, zone, state, next_run_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
       RETURNING ${SUB_COLUMNS}`,
      [
        s.kind, s.platform, s.team, s.targetKind, s.targetRef, s.createdBy, s.topic.text, s.topic.kind, s.topic.lookup ?? null, s.topic.query,
        s.topic.ids?.length ? s.topic.ids.join(',') : null, s.schedule, s.zone, s.nextRunAt ? 'active' : 'finished', s.nextRunAt, now.toISOString(),
      ],
    );
    return fromRow(rows[0])!;
  }

  async subscription(id: number): Promise<Subscription | undefined> {
    const { rows } = await this.pool.query<Row>(`SELECT ${SUB_COLUMNS} FROM subscriptions WHERE id = $1`, [id]);
    return fromRow(rows[0]);
  }

  async setSubscriptionState(id: number, state: SubscriptionState, now: Date, fields: { nextRunAt?: string | null; failureReason?: string | null; snoozedFrom?: string | null } = {}): Promise<void> {
    await setState(this.pool, id, state, now, fields);
  }

  async subscriptionsForTarget(platform: Platform, team: string, targetKind: 'user' | 'channel', targetRef: string): Promise<Subscription[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${SUB_COLUMNS} FROM subscriptions WHERE platform = $1 AND team = $2 AND target_kind = $3 AND target_ref = $4 AND state <> 'stopped' ORDER BY id`,
      [platform, team, targetKind, targetRef],
    );
    return rows.map((r) => fromRow(r)!);
  }

  async subscriptionsAbout(itemId: string): Promise<Subscription[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${SUB_COLUMNS} FROM subscriptions WHERE state IN ('active', 'paused', 'failed')
       AND ((topic_kind = 'item' AND topic_query = $1) OR (topic_kind = 'deadlines' AND (',' || coalesce(topic_ids, '') || ',') LIKE ('%,' || $1 || ',%')))
       ORDER BY next_run_at IS NULL, next_run_at, id`,
      [itemId],
    );
    return rows.map((r) => fromRow(r)!);
  }

  async subscriptionsCreatedBy(platform: Platform, team: string, user: string): Promise<Subscription[]> {
    const { rows } = await this.pool.query<Row>(`SELECT ${SUB_COLUMNS} FROM subscriptions WHERE platform = $1 AND team = $2 AND created_by = $3 AND state <> 'stopped' ORDER BY id`, [platform, team, user]);
    return rows.map((r) => fromRow(r)!);
  }

  async liveCreatedBy(platform: Platform, team: string, user: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM subscriptions WHERE platform = $1 AND team = $2 AND created_by = $3 AND state = ANY($4)', [platform, team, user, [...LIVE_STATES]]);
    return rows[0]!.n;
  }

  async liveForTarget(platform: Platform, team: string, targetKind: 'user' | 'channel', targetRef: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*) AS n FROM subscriptions WHERE platform = $1 AND team = $2 AND target_kind = $3 AND target_ref = $4 AND state = ANY($5)',
      [platform, team, targetKind, targetRef, [...LIVE_STATES]],
    );
    return rows[0]!.n;
  }

  async claimDue(now: Date, limit: number, plan: (sub: Subscription) => ClaimPlan, platforms?: readonly Platform[]): Promise<{ claimed: number; recorded: number }> {
    const ts = now.toISOString();
    return inTransaction(this.pool, async (c) => {
      const { rows } = await c.query<Row>(
        `SELECT ${SUB_COLUMNS} FROM subscriptions
         WHERE state = 'active' AND next_run_at <= $1 AND ($2::text[] IS NULL OR platform = ANY($2))
         ORDER BY next_run_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [ts, platforms ? [...platforms] : null, limit],
      );
      const subs = rows.map((r) => fromRow(r)!);
      const d = { sub: [] as number[], at: [] as string[], rcp: [] as string[], key: [] as string[], ver: [] as number[], status: [] as string[], late: [] as number[], detail: [] as (string | null)[] };
      const adv = { id: [] as number[], claimed: [] as string[], next: [] as (string | null)[] };
      for (const sub of subs) {
        const p = plan(sub);
        for (const x of p.deliveries) {
          d.sub.push(sub.id);
          d.at.push(x.scheduledFor);
          d.rcp.push(x.recipient);
          d.key.push(deliveryKey(sub.id, x.scheduledFor, x.recipient));
          d.ver.push(sub.version);
          d.status.push(x.status);
          d.late.push(x.late ? 1 : 0);
          d.detail.push(x.detail ?? null);
        }
        adv.id.push(sub.id);
        adv.claimed.push(sub.nextRunAt!);
        adv.next.push(p.next);
      }
      let recorded = 0;
      if (d.sub.length) {
        const r = await c.query(
          `INSERT INTO deliveries (subscription_id, scheduled_for, recipient, idempotency_key, version, status, late, retry_at, detail, created_at, finished_at)
           SELECT v.sub, v.at, v.rcp, v.key, v.ver, v.status, v.late,
                  CASE WHEN v.status = 'pending' THEN $9::timestamptz END, v.detail, $9::timestamptz, CASE WHEN v.status = 'skipped' THEN $9::timestamptz END
           FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::text[], $7::smallint[], $8::text[]) AS v(sub, at, rcp, key, ver, status, late, detail)
           ON CONFLICT (idempotency_key) DO NOTHING`,
          [d.sub, d.at, d.rcp, d.key, d.ver, d.status, d.late, d.detail, ts],
        );
        recorded = r.rowCount ?? 0;
      }
      if (adv.id.length) {
        await c.query(
          `UPDATE subscriptions s SET next_run_at = v.next, last_run_at = $4, snoozed_from = NULL,
             state = CASE WHEN v.next IS NULL THEN 'finished' ELSE s.state END, updated_at = $4
           FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[]) AS v(id, claimed, next)
           WHERE s.id = v.id AND s.next_run_at = v.claimed AND s.state = 'active'`,
          [adv.id, adv.claimed, adv.next, ts],
        );
      }
      return { claimed: subs.length, recorded };
    });
  }

  async lease(owner: string, now: Date, until: Date, limit: number, opts: LeaseOptions = {}): Promise<Leased> {
    const ts = now.toISOString();
    return inTransaction(this.pool, async (c) => {
      const tookOver: Leased['tookOver'] = [];
      if (opts.isGone) {
        const { rows } = await c.query<{ owner: string }>("SELECT DISTINCT lease_owner AS owner FROM deliveries WHERE status = 'pending' AND lease_until > $1", [ts]);
        for (const { owner: gone } of rows.filter((r) => opts.isGone!(r.owner))) tookOver.push({ owner: gone, deliveries: await release(c, gone) });
      }
      const { rows } = await c.query<Delivery>(
        `UPDATE deliveries SET lease_owner = $1, lease_until = $2
         WHERE id IN (
           SELECT d.id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
           WHERE d.status = 'pending' AND d.retry_at <= $3 AND (d.lease_until IS NULL OR d.lease_until <= $3)
             AND ($4::text[] IS NULL OR s.platform = ANY($4))
           ORDER BY d.retry_at, d.id LIMIT $5
           FOR UPDATE OF d SKIP LOCKED)
         RETURNING ${DELIVERY_COLUMNS}`,
        [owner, until.toISOString(), ts, opts.platforms ? [...opts.platforms] : null, limit],
      );
      return { deliveries: rows.sort(byRetry), tookOver };
    });
  }

  /** Runs `fn` after marking `sent`, in one transaction when there is anything to mark. */
  private async withSent<T>(sent: readonly SentMark[] | undefined, fn: (q: Queryable) => Promise<T>): Promise<T> {
    if (!sent?.length) return fn(this.pool);
    return inTransaction(this.pool, async (c) => {
      await c.query(`UPDATE deliveries SET ${MARK_SENT}`, sentParams(sent));
      return fn(c);
    });
  }

  async startAttempt(id: number, owner: string, until: Date, sent?: readonly SentMark[]): Promise<boolean> {
    // One statement (one round trip, atomic): the sent marks, then the attempt. The rows differ:
    // a delivery being started is never among those already sent.
    const r = await this.pool.query<{ id: number }>(
      `WITH marked AS (UPDATE deliveries SET ${MARK_SENT} RETURNING deliveries.id)
       UPDATE deliveries SET attempts = attempts + 1, lease_until = $3 WHERE id = $4 AND status = 'pending' AND lease_owner = $5 RETURNING id`,
      [...sentParams(sent ?? []), until.toISOString(), id, owner],
    );
    return r.rowCount === 1;
  }

  async finish(id: number, status: 'sent' | 'failed' | 'skipped', now: Date, opts: FinishOptions = {}): Promise<void> {
    const work = async (q: Queryable): Promise<void> => {
      await q.query('UPDATE deliveries SET status = $1, finished_at = $2, detail = coalesce($3, detail), lease_owner = NULL, lease_until = NULL WHERE id = $4', [status, now.toISOString(), opts.detail ?? null, id]);
      if (opts.failSubscription) await setState(q, opts.failSubscription.id, 'failed', now, { failureReason: opts.failSubscription.reason });
    };
    if (opts.failSubscription && !opts.sent?.length) return inTransaction(this.pool, work);
    return this.withSent(opts.sent, work);
  }

  async retryLater(id: number, at: Date, detail: string, sent?: readonly SentMark[]): Promise<void> {
    await this.withSent(sent, (q) => q.query('UPDATE deliveries SET retry_at = $1, detail = $2, lease_owner = NULL, lease_until = NULL WHERE id = $3', [at.toISOString(), detail, id]));
  }

  async release(owner: string, sent?: readonly SentMark[]): Promise<number> {
    return this.withSent(sent, (q) => release(q, owner));
  }

  async delivery(id: number): Promise<Delivery | undefined> {
    return (await this.pool.query<Delivery>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = $1`, [id])).rows[0];
  }

  async deliveriesOf(subscriptionId: number): Promise<Delivery[]> {
    return (await this.pool.query<Delivery>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE subscription_id = $1 ORDER BY id`, [subscriptionId])).rows;
  }

  async lastDelivery(subscriptionId: number): Promise<Delivery | undefined> {
    return (await this.pool.query<Delivery>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE subscription_id = $1 ORDER BY id DESC LIMIT 1`, [subscriptionId])).rows[0];
  }

  async failedRecipients(subscriptionId: number): Promise<Array<{ recipient: string; detail: string | null; at: string }>> {
    // SQLite's bare column takes its value from the row of max(); here: the latest failure per recipient.
    const { rows } = await this.pool.query<{ recipient: string; detail: string | null; at: string }>(
      `SELECT DISTINCT ON (recipient) recipient, detail, finished_at AS at FROM deliveries
       WHERE subscription_id = $1 AND status = 'failed' ORDER BY recipient, finished_at DESC`,
      [subscriptionId],
    );
    return rows;
  }

  async close(): Promise<void> {
    if (this.owned) await this.pool.end();
  }
}

/** Marks $1 (ids) sent at $2 (instants): the SET … FROM … WHERE of an UPDATE deliveries. */
const MARK_SENT = `status = 'sent', finished_at = v.at, lease_owner = NULL, lease_until = NULL
  FROM unnest($1::bigint[], $2::timestamptz[]) AS v(id, at) WHERE deliveries.id = v.id`;

function sentParams(sent: readonly SentMark[]): [number[], string[]] {
  return [sent.map((s) => s.id), sent.map((s) => s.at.toISOString())];
}

async function release(q: Queryable, owner: string): Promise<number> {
  const r = await q.query("UPDATE deliveries SET lease_owner = NULL, lease_until = NULL WHERE status = 'pending' AND lease_owner = $1", [owner]);
  return r.rowCount ?? 0;
}

async function setState(q: Queryable, id: number, state: SubscriptionState, now: Date, fields: { nextRunAt?: string | null; failureReason?: string | null; snoozedFrom?: string | null }): Promise<void> {
  await q.query(
    `UPDATE subscriptions SET state = $2,
       next_run_at = CASE WHEN $3 THEN $4::timestamptz ELSE next_run_at END,
       failure_reason = CASE WHEN $5 THEN $6 ELSE failure_reason END,
       snoozed_from = CASE WHEN $7 THEN $8::timestamptz ELSE snoozed_from END,
       version = version + 1, updated_at = $9
     WHERE id = $1`,
    [id, state, 'nextRunAt' in fields, fields.nextRunAt ?? null, 'failureReason' in fields, fields.failureReason ?? null, 'snoozedFrom' in fields, fields.snoozedFrom ?? null, now.toISOString()],
  );
}
