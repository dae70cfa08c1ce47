import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migratePg } from '../../src/store/pg/migrate.js';
import { describeUrl, openPool } from '../../src/store/pg/pool.js';
import { PgSchedulerStore } from '../../src/store/pg/scheduler-store.js';
import { outboxLines } from '../e2e/seed.js';
import { run } from '../e2e/faults.js';
import { tempDir } from '../helpers.js';
import { RecordingOutbox, schedulerOn, setup } from '../scheduler/harness.js';
import { freshDatabase } from './db.js';

const stores: PgSchedulerStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

/** Two instances: each its own bot and SQLite catalog, one PostgreSQL database (each its own pool). */
async function twoInstances(start: string) {
  const url = await freshDatabase('shared');
  const open = async (): Promise<PgSchedulerStore> => {
    const pool = await openPool(url, { max: 4 });
    await migratePg(pool, describeUrl(url));
    const store = new PgSchedulerStore(pool, true);
    stores.push(store);
    return store;
  };
  return [setup(start, undefined, 6, undefined, await open()), setup(start, undefined, 6, undefined, await open())] as const;
}

describe('reminders on PostgreSQL are every instance’s', () => {
  it('set through one instance, listed, paused and resumed through another, delivered once by whichever claims it', async () => {
    const [a, b] = await twoInstances('2014-03-02T10:00:00Z');
    expect((await a.ask('remind #team every monday at 9am about gfmd', 'ana')).title).toMatch(/^OK — I'll remind #team/);
    const listed = await b.ask('reminders #team', 'bob');
    expect(listed.items!.map((i) => i.title)).toEqual(['#1 · About: gfmd']);
    // The same person through the other instance (the load balancer sent her there).
    expect((await b.ask('pause 1', 'ana')).title).toBe('Paused reminder #1');
    expect((await b.ask('stop 1', 'bob')).title).toBe('Reminder #1 is not yours to change: it was set by @ana for #team.');
    for (const s of [a, b]) s.clock.set('2014-03-03T09:00:00Z');
    expect((await a.scheduler.tick()).sent).toEqual([]);
    expect((await a.ask('resume 1', 'ana')).title).toBe('Resumed reminder #1');
    for (const s of [a, b]) s.clock.set('2014-03-10T09:00:00Z');
    // Both instances' passes at the same instant: one delivery.
    const [ra, rb] = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    expect(ra.sent.length + rb.sent.length).toBe(1);
    expect([...a.outbox.sent, ...b.outbox.sent].map((m) => m.scheduledFor)).toEqual(['2014-03-10T09:00:00.000Z']);
    // The last delivery's outcome shows on the other instance too.
    const after = await b.ask('reminders #team', 'bob');
    expect(after.items![0]!.fields.find((f) => f.label === 'Last delivery')!.value).toBe('sent, Mon 10 Mar 2014, 09:00 (UTC)');
    // A second scheduler on the same instance adds nothing either.
    expect((await schedulerOn(b, new RecordingOutbox(b.clock)).tick()).sent).toEqual([]);
  });

  it('followup ask sets a reminder in PostgreSQL and followup tick, from another folder, delivers it once', async () => {
    const url = await freshDatabase('cli');
    const outbox = path.join(tempDir(), 'outbox.jsonl');
    const env = (dir: string) => ({ FOLLOWUP_DATABASE_URL: url, FOLLOWUP_DB: path.join(dir, 'f.db'), FOLLOWUP_OUTBOX_FILE: outbox, FOLLOWUP_NOW: '2014-03-02T10:00:00Z' });
    const set = run(['ask', 'remind #team tomorrow at 9 about gfmd'], env(tempDir()));
    expect(set.out).toMatch(/I'll remind #team on Mon 3 Mar 2014, 09:00/);
    expect(set.code).toBe(0);
    // Another machine's SQLite file: it has never seen the reminder, PostgreSQL has.
    const elsewhere = tempDir();
    const tick = run(['tick', '--now', '2014-03-03T09:01:00Z'], env(elsewhere));
    expect(tick.out).toMatch(/^2014-03-03T09:01:00\.000Z: 1 due, 1 delivered\n {2}delivered 1:2014-03-03T09:00:00\.000Z:channel:team: Reminder: /);
    expect(run(['tick', '--now', '2014-03-03T09:01:00Z'], env(tempDir())).out).toMatch(/: 0 due, 0 delivered\n$/);
    expect(outboxLines(outbox)).toHaveLength(1);
  }, 60_000);
});
