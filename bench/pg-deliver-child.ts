// One scheduler instance for the PostgreSQL bench: delivers what is pending on the database until
// nothing is left, to an outbox that answers after a platform's round trip. Usage:
// node pg-deliver-child.js <url> <outbox delay ms>  → prints "ready", waits for "go" on stdin,
// then prints {sent}.
import { Bot } from '../src/bot.js';
import { loadCatalog } from '../src/catalog/load.js';
import { fixedClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/log.js';
import { createScheduledRenderer } from '../src/commands/scheduled.js';
import { Scheduler } from '../src/scheduler/engine.js';
import { syncCatalog } from '../src/store/catalog-sync.js';
import { CommitmentRepository } from '../src/store/commitments-repo.js';
import { openDatabase } from '../src/store/db.js';
import { openPool } from '../src/store/pg/pool.js';
import { PgSchedulerStore } from '../src/store/pg/scheduler-store.js';
import { BENCH_NOW } from './pg-seed.js';

const [url, delay] = process.argv.slice(2);
const db = openDatabase(':memory:');
syncCatalog(db, loadCatalog(), new Date('2014-03-01T00:00:00Z'));
const store = new PgSchedulerStore(await openPool(url!, { max: 10 }), true);
const bot = new Bot(db, { clock: fixedClock(BENCH_NOW), zone: 'UTC', log: silentLogger, schedules: store });
const wait = Number(delay);
const outbox = { send: () => new Promise<void>((r) => setTimeout(r, wait)) };
const scheduler = new Scheduler(store, new CommitmentRepository(db), outbox, createScheduledRenderer(bot.deps), fixedClock(BENCH_NOW), silentLogger, { graceMs: 6 * 3_600_000 });
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  void (async () => {
    let sent = 0;
    for (;;) {
      const r = await scheduler.deliver(BENCH_NOW);
      sent += r.sent.length;
      if (r.sent.length + r.skipped + r.failed + r.retrying === 0) break;
    }
    process.stdout.write(`${JSON.stringify({ sent })}\n`);
    await store.close();
    process.exit(0);
  })();
});
