import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migratePg } from '../../src/store/pg/migrate.js';
import { describeUrl, openPool, type Pool } from '../../src/store/pg/pool.js';
import { PgSchedulerStore } from '../../src/store/pg/scheduler-store.js';
import type { Subscription } from '../../src/store/subscriptions-repo.js';
import { freshDatabase } from './db.js';

const T0 = '2014-09-01T09:00:00.000Z';
const NOW = new Date('2014-09-01T09:01:00.000Z');
const daily = (sub: Subscription) => ({ deliveries: [{ scheduledFor: sub.nextRunAt!, recipient: `channel:${sub.targetRef}`, status: 'pending' as const, late: false }], next: '2014-09-02T09:00:00.000Z' });

/**
 * PostgreSQL only: rows another instance holds are skipped, not waited for. (If the store
 * waited, these tests would hang on the other transaction's lock until their timeout.)
 */
describe('claims on PostgreSQL skip the rows another instance holds', () => {
  const pools: Pool[] = [];
  const others: pg.Client[] = [];
  afterAll(async () => {
    await Promise.all(others.map((c) => c.end()));
    await Promise.all(pools.map((p) => p.end()));
  });

  async function setup(n: number): Promise<{ store: PgSchedulerStore; subs: Subscription[]; other: pg.Client }> {
    const url = await freshDatabase('skip');
    const pool = await openPool(url);
    pools.push(pool);
    await migratePg(pool, describeUrl(url));
    const store = new PgSchedulerStore(pool);
    const subs: Subscription[] = [];
    for (let i = 0; i < n; i++) {
      subs.push(await store.createSubscription({ kind: 'reminder', platform: 'slack', team: '', targetKind: 'channel', targetRef: `C${i}`, createdBy: 'U1', topic: { kind: 'note', text: 'x', query: 'x' }, schedule: 'every day at 09:00', zone: 'UTC', nextRunAt: T0 }, new Date(T0)));
    }
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    others.push(other);
    return { store, subs, other };
  }

  it('a due subscription locked by another transaction is left to it', async () => {
    const { store, subs, other } = await setup(3);
    await other.query('BEGIN');
    await other.query('SELECT id FROM subscriptions WHERE id = $1 FOR UPDATE', [subs[0]!.id]);
    expect(await store.claimDue(NOW, 10, daily)).toEqual({ claimed: 2, recorded: 2 });
    expect(await store.deliveriesOf(subs[0]!.id)).toEqual([]);
    await other.query('ROLLBACK');
    expect(await store.claimDue(NOW, 10, daily)).toEqual({ claimed: 1, recorded: 1 });
  });

  it('a pending delivery locked by another transaction is not leased', async () => {
    const { store, subs, other } = await setup(2);
    await store.claimDue(NOW, 10, daily);
    const [held] = await store.deliveriesOf(subs[0]!.id);
    await other.query('BEGIN');
    await other.query('SELECT id FROM deliveries WHERE id = $1 FOR UPDATE', [held!.id]);
    const leased = await store.lease('o', NOW, new Date(NOW.getTime() + 300_000), 10);
    expect(leased.deliveries.map((d) => d.subscriptionId)).toEqual([subs[1]!.id]);
    await other.query('ROLLBACK');
  });
});
