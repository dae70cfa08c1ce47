import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { describeUrl, openPool } from '../../src/store/pg/pool.js';
import { migratePg } from '../../src/store/pg/migrate.js';
import { PgSchedulerStore } from '../../src/store/pg/scheduler-store.js';
import { outboxLines } from '../e2e/seed.js';
import { tempDir } from '../helpers.js';
import { freshDatabase } from './db.js';
import { startServe, type ServeProcess } from './serve-process.js';

const REMINDERS = 2_400;
const DIGESTS = 600;
const TOTAL = REMINDERS + DIGESTS;
const LEASE_SECONDS = 4;

interface Line {
  key: string;
  by: string;
}

const started: ServeProcess[] = [];
afterEach(() => {
  for (const s of started.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
});

/** 3,000 console reminders and digests, each to its own channel, all due a minute ago. */
async function seed(url: string): Promise<void> {
  const pool = await openPool(url, { max: 4 });
  try {
    await migratePg(pool, describeUrl(url));
    const store = new PgSchedulerStore(pool);
    const due = new Date(Date.now() - 60_000).toISOString();
    const created = new Date(Date.now() - 86_400_000);
    for (let i = 0; i < TOTAL; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, TOTAL - i) }, (_, j) => {
          const n = i + j;
          const digest = n % 5 === 4; // one in five is a digest
          return store.createSubscription(
            digest
              ? { kind: 'digest', platform: 'console', team: '', targetKind: 'channel', targetRef: `c${n}`, createdBy: 'ana', topic: { kind: 'summary', text: '', query: '' }, schedule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0', zone: 'UTC', nextRunAt: due }
              : { kind: 'reminder', platform: 'console', team: '', targetKind: 'channel', targetRef: `c${n}`, createdBy: 'ana', topic: { kind: 'lookup', text: 'gfmd', query: 'gfmd', lookup: 'gfmd' }, schedule: `ONCE=${due}`, zone: 'UTC', nextRunAt: due },
            created,
          );
        }),
      );
    }
  } finally {
    await pool.end();
  }
}

/** Polls `ready` until it holds (a barrier on what the processes have done, not a sleep for time to pass). */
async function until(what: string, ready: () => Promise<boolean> | boolean, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('three instances, one PostgreSQL database, one of them killed', () => {
  it(`deliver ${TOTAL.toLocaleString('en')} reminders and digests exactly once; the killed one's leases are taken over after they expire`, async () => {
    const url = await freshDatabase('three');
    await seed(url);
    const dir = tempDir();
    const outbox = path.join(dir, 'outbox.jsonl');
    const serve = async (name: string): Promise<ServeProcess> => {
      const s = await startServe({
        FOLLOWUP_DB: path.join(dir, `${name}.db`), // each instance's own catalog
        FOLLOWUP_DATABASE_URL: url,
        FOLLOWUP_OUTBOX_FILE: outbox,
        FOLLOWUP_OUTBOX_DELAY_MS: '20',
        FOLLOWUP_INSTANCE: name,
        FOLLOWUP_LEASE_SECONDS: String(LEASE_SECONDS),
        FOLLOWUP_PASS_SECONDS: '1',
        FOLLOWUP_DASHBOARD: 'off',
      });
      started.push(s);
      return s;
    };
    const lines = (): Line[] => outboxLines(outbox).map((l) => JSON.parse(l) as Line);
    const byInstance = (all: Line[]): Record<string, number> => all.reduce<Record<string, number>>((m, l) => ({ ...m, [l.by]: (m[l.by] ?? 0) + 1 }), {});

    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(serve));
    // Barrier: all three are delivering, and the backlog is far from done.
    await until('each instance has delivered', () => {
      const n = byInstance(lines());
      return ['a', 'b', 'c'].every((x) => (n[x] ?? 0) >= 20);
    });
    b!.child.kill('SIGKILL');
    expect(await b!.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const atKill = lines();
    const writtenByB = new Set(atKill.filter((l) => l.by === 'b').map((l) => l.key));

    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      // What the killed process held: pending deliveries leased by it, some perhaps already written to the outbox.
      const held = (await check.query<{ key: string; until: Date }>("SELECT idempotency_key AS key, lease_until AS until FROM deliveries WHERE status = 'pending' AND lease_owner LIKE 'b/%'")).rows;
      expect(held.length, 'the killed instance held leases (it was mid-batch)').toBeGreaterThan(0);
      expect(atKill.length).toBeLessThan(TOTAL);

      // A replacement machine (another instance name: it cannot know b's process died) joins.
      const b2 = await serve('b2');
      const done = async (): Promise<boolean> => Number((await check.query("SELECT count(*) AS n FROM deliveries WHERE status = 'sent'")).rows[0].n) === TOTAL;
      await until('every delivery is sent', done);
      for (const s of [a!, c!, b2]) s.child.kill('SIGTERM');
      for (const s of [a!, c!, b2]) expect(await s.exited).toEqual({ code: 0, signal: null });

      // Exactly once: every key in the outbox once, and the outbox holds what the database recorded.
      const all = lines();
      const keys = all.map((l) => l.key);
      expect(keys).toHaveLength(TOTAL);
      expect(new Set(keys).size).toBe(TOTAL);
      const recorded = (await check.query<{ key: string; status: string; finished: Date }>('SELECT idempotency_key AS key, status, finished_at AS finished FROM deliveries')).rows;
      expect(recorded).toHaveLength(TOTAL);
      expect(recorded.every((r) => r.status === 'sent')).toBe(true);
      expect(new Set(recorded.map((r) => r.key))).toEqual(new Set(keys));
      expect(Number((await check.query("SELECT count(*) AS n FROM subscriptions WHERE kind = 'reminder' AND state = 'finished'")).rows[0].n)).toBe(REMINDERS);

      // The killed one's leases: those it had not written went out from another instance, only once the lease had run out.
      const finished = new Map(recorded.map((r) => [r.key, r.finished]));
      const sender = new Map(all.map((l) => [l.key, l.by]));
      const takenOver = held.filter((h) => !writtenByB.has(h.key));
      for (const h of takenOver) {
        expect(sender.get(h.key)).not.toBe('b');
        expect(finished.get(h.key)!.getTime()).toBeGreaterThanOrEqual(h.until.getTime());
      }
      const report = {
        deliveries: TOTAL,
        perInstance: byInstance(all),
        killedInstanceHeld: held.length,
        ofWhichWrittenBeforeTheKill: held.length - takenOver.length,
        takenOverAfterExpiryBy: byInstance(takenOver.map((h) => ({ key: h.key, by: sender.get(h.key)! }))),
      };
      console.log(`three instances, one database: ${JSON.stringify(report)}`);
      expect(Object.values(report.perInstance).reduce((x, y) => x + y, 0)).toBe(TOTAL);
    } finally {
      await check.end();
    }
  }, 240_000);
});
