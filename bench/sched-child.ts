// followup's design: subscriptions are rows; starting means opening the database and one tick.
// Usage: node sched-child.js <db>  → prints {startMs, rss}
import { schedule } from 'node-cron';
import { fixedClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/log.js';
import { Scheduler } from '../src/scheduler/engine.js';
import { CommitmentRepository } from '../src/store/commitments-repo.js';
import { openDatabase } from '../src/store/db.js';
import { SqliteSchedulerStore } from '../src/store/sqlite-scheduler-store.js';

const t = process.hrtime.bigint();
const db = openDatabase(process.argv[2]!);
const clock = fixedClock('2014-03-03T08:00:00Z');
const scheduler = new Scheduler(
  new SqliteSchedulerStore(db),
  new CommitmentRepository(db),
  { send: async () => undefined },
  async () => ({ title: '' }),
  clock,
  silentLogger,
  { graceMs: 6 * 3_600_000 },
);
await scheduler.tick();
const task = schedule('* * * * *', () => void scheduler.tick());
const startMs = Number(process.hrtime.bigint() - t) / 1e6;
(globalThis as { gc?: () => void }).gc?.();
setTimeout(() => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(JSON.stringify({ startMs, rss: process.memoryUsage().rss }));
  void task.stop();
  process.exit(0);
}, 500);
