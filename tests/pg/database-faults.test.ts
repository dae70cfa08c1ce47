import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { FileOutbox, type OutboundMessage, type Outbox } from '../../src/scheduler/outbox.js';
import { migratePg } from '../../src/store/pg/migrate.js';
import { describeUrl, openPool } from '../../src/store/pg/pool.js';
import { PgSchedulerStore } from '../../src/store/pg/scheduler-store.js';
import { outboxLines } from '../e2e/seed.js';
import { tempDir } from '../helpers.js';
import { schedulerOn, setup } from '../scheduler/harness.js';
import { clusterUrl, freshDatabase } from './db.js';

const COUNT = 30;

/** The database goes away for its clients: open connections ended, new ones refused, until `back()`. */
async function outage(url: string): Promise<{ start(): Promise<void>; back(): Promise<void>; close(): Promise<void> }> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: clusterUrl() });
  await admin.connect();
  return {
    async start() {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    },
    async back() {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    },
    close: () => admin.end(),
  };
}

/** The file outbox, with the outage starting as the `at`-th message is sent (after it went out: sent, not yet recorded). */
class FailingAt implements Outbox {
  private n = 0;
  constructor(
    private readonly inner: Outbox,
    private readonly at: number,
    private readonly fault: () => Promise<void>,
  ) {}
  async send(m: OutboundMessage): Promise<void> {
    await this.inner.send(m);
    if (++this.n === this.at) await this.fault();
  }
}

const stores: PgSchedulerStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

describe('PostgreSQL failing during a scheduler pass', () => {
  it('the pass ends with the error; nothing is lost or doubled; the next pass, once the database is back, delivers the rest', async () => {
    const url = await freshDatabase('faults');
    const pool = await openPool(url, { max: 4 });
    await migratePg(pool, describeUrl(url));
    const store = new PgSchedulerStore(pool, true);
    stores.push(store);
    const s = setup('2014-06-15T08:00:00Z', undefined, 6, undefined, store);
    for (let i = 0; i < COUNT; i++) expect((await s.ask(`remind #c${i} tomorrow at 9 about gfmd`, `u${i}`)).tone).toBe('info');
    s.clock.set('2014-06-16T09:01:00Z');
    const file = path.join(tempDir(), 'outbox.jsonl');
    const db = await outage(url);
    try {
      const outbox = new FailingAt(new FileOutbox(file), 10, () => db.start());
      const scheduler = schedulerOn(s, outbox);
      await expect(scheduler.tick()).rejects.toThrow();
      const during = outboxLines(file).length;
      expect(during).toBeGreaterThanOrEqual(10);
      expect(during).toBeLessThan(COUNT);
      // Still down: the next pass fails too, and sends nothing.
      await expect(scheduler.tick()).rejects.toThrow();
      expect(outboxLines(file)).toHaveLength(during);

      await db.back();
      s.clock.advance(60_000);
      const r = await scheduler.tick();
      expect(r.claimed).toBe(0); // the claim was committed before the outage: nothing is claimed twice
      const keys = outboxLines(file).map((l) => (JSON.parse(l) as { key: string }).key);
      expect(keys).toHaveLength(COUNT);
      expect(new Set(keys).size).toBe(COUNT);
      expect((await s.deliveries()).map((d) => d.status)).toEqual(Array(COUNT).fill('sent'));
      // What went out just before the outage without being recorded was retried as a resend, and dropped by key.
      expect((await s.deliveries()).filter((d) => d.attempts > 1).length).toBeGreaterThan(0);
    } finally {
      await db.back();
      await db.close();
    }
  }, 60_000);
});
