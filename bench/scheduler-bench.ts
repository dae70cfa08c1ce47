// Scheduler figures for npm run bench: a pass over 100k subscriptions with 1k due, deliveries
// per second to a no-op outbox, and the naive one-node-cron-task-per-subscription design.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bot } from '../src/bot.js';
import { loadCatalog } from '../src/catalog/load.js';
import { fixedClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/log.js';
import { createScheduledRenderer } from '../src/commands/scheduled.js';
import { Scheduler } from '../src/scheduler/engine.js';
import type { Outbox } from '../src/scheduler/outbox.js';
import { syncCatalog } from '../src/store/catalog-sync.js';
import { CommitmentRepository } from '../src/store/commitments-repo.js';
import { openDatabase } from '../src/store/db.js';
import { SqliteSchedulerStore } from '../src/store/sqlite-scheduler-store.js';
import { fmt, median, table } from './stats.js';
import { PLATFORM_MS, schedulerPgBench } from './scheduler-pg-bench.js';
import os from 'node:os';

const here = path.dirname(fileURLToPath(import.meta.url));
const NOW = new Date('2014-03-03T09:00:00Z');

function seeded(file: string, total: number, due: number) {
  const db = openDatabase(file);
  syncCatalog(db, loadCatalog(), new Date('2014-03-01T00:00:00Z'));
  const ids = new CommitmentRepository(db).allIds();
  const insert = db.prepare(
    `INSERT INTO subscriptions (kind, platform, team, target_kind, target_ref, created_by, topic, topic_kind, topic_query, schedule, zone, state, next_run_at, created_at, updated_at)
     VALUES ('reminder', 'console', '', 'channel', @ref, 'bench', @id, 'item', @id, 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0', 'UTC', 'active', @next, '2014-03-01', '2014-03-01')`,
  );
  db.transaction(() => {
    for (let i = 0; i < total; i++) {
      // `due` of them are due now; the rest spread over the following weeks.
      const next = i < due ? NOW.toISOString() : new Date(NOW.getTime() + (1 + (i % 500)) * 3_600_000).toISOString();
      insert.run({ ref: `c${i % 997}`, id: ids[i % ids.length], next });
    }
  })();
  return db;
}

export async function schedulerBench(tmp: string): Promise<void> {
  const noop: Outbox = { send: async () => undefined };
  const passes: number[] = [];
  const claims: number[] = [];
  let plan = '';
  let delivered = 0;
  for (let run = 0; run < 3; run++) {
    const db = seeded(path.join(tmp, `sched-${run}.db`), 100_000, 1_000);
    plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM subscriptions WHERE state = 'active' AND next_run_at <= ? ORDER BY next_run_at LIMIT ?").all(NOW.toISOString(), 5000) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    const bot = new Bot(db, { clock: fixedClock(NOW), zone: 'UTC', log: silentLogger });
    const scheduler = new Scheduler(new SqliteSchedulerStore(db), new CommitmentRepository(db), noop, createScheduledRenderer(bot.deps), fixedClock(NOW), silentLogger, { graceMs: 6 * 3_600_000 });
    const t0 = process.hrtime.bigint();
    const claimed = await scheduler.claim(NOW);
    const t1 = process.hrtime.bigint();
    const r = await scheduler.deliver(NOW);
    const t2 = process.hrtime.bigint();
    if (claimed !== 1_000 || r.sent.length !== 1_000) throw new Error(`expected 1000 claimed and sent, got ${claimed} and ${r.sent.length}`);
    claims.push(Number(t1 - t0) / 1e6);
    passes.push(Number(t2 - t0) / 1e6);
    delivered = r.sent.length;
    db.close();
  }
  const pass = median(passes);
  const perSecond = delivered / ((median(passes) - median(claims)) / 1000);
  console.log(`\nScheduler (median of 3): 100,000 subscriptions, 1,000 due.`);
  console.log(`  claim (select by index, record 1,000 deliveries, advance): ${fmt(median(claims), 1)} ms  — plan: ${plan}`);
  console.log(`  whole pass, claim + render + deliver 1,000 to a no-op outbox: ${fmt(pass, 1)} ms  (target 50 ms: ${fmt(pass / 50)}× of it)`);
  console.log(`  deliveries per second to a no-op outbox (rendering each reply): ${Math.round(perSecond).toLocaleString('en')}/s (target 5,000/s: ${fmt(perSecond / 5000)}×)`);
  await postgresColumn({ claimMs: median(claims), passMs: pass });

  const rows = [['subscriptions', 'design', 'start (ms)', 'RSS (MB)']];
  for (const n of [10_000, 100_000]) {
    const out = JSON.parse(execFileSync(process.execPath, ['--expose-gc', path.join(here, 'cron-child.js'), String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as { startMs: number; rss: number };
    rows.push([n.toLocaleString('en'), 'one node-cron task each (naive)', fmt(out.startMs, 0), fmt(out.rss / 2 ** 20, 0)]);
    const file = path.join(tmp, `ours-${n}.db`);
    seeded(file, n, 0).close();
    const ours = JSON.parse(execFileSync(process.execPath, ['--expose-gc', path.join(here, 'sched-child.js'), file], { encoding: 'utf8' })) as { startMs: number; rss: number };
    rows.push([n.toLocaleString('en'), 'followup: rows + one tick', fmt(ours.startMs, 0), fmt(ours.rss / 2 ** 20, 0)]);
  }
  console.log(table(rows));
}

/** The same pass on PostgreSQL beside SQLite's figures, and deliveries per second with one and three instances. */
async function postgresColumn(sqlite: { claimMs: number; passMs: number }): Promise<void> {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
  let pgf;
  try {
    pgf = await schedulerPgBench();
  } catch (err) {
    console.log(`  PostgreSQL column: not measured — ${(err as Error).message}`);
    return;
  }
  const ratio = pgf.perSecond.three / pgf.perSecond.one;
  console.log(`\nScheduler on SQLite and PostgreSQL (same run; load average before: ${load}; ${os.cpus().length} cores, shared):`);
  console.log(
    table([
      ['100,000 subscriptions, 1,000 due (median of 3)', 'SQLite', 'PostgreSQL', 'target'],
      ['claim (ms)', fmt(sqlite.claimMs, 1), fmt(pgf.claimMs, 1), '≤ 100 ms on PostgreSQL'],
      ['whole pass: claim + render + deliver 1,000 (ms)', fmt(sqlite.passMs, 1), fmt(pgf.passMs, 1), ''],
      [`deliveries/s, 3,000 due, outbox answering in ${PLATFORM_MS} ms: 1 instance`, '—', Math.round(pgf.perSecond.one).toLocaleString('en'), ''],
      ['  3 instances (processes) on one database', '—', Math.round(pgf.perSecond.three).toLocaleString('en'), `≥ 2× one: ${fmt(ratio)}×`],
    ]),
  );
}
