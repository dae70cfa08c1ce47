// The scheduler's PostgreSQL column for npm run bench: a pass over 100k subscriptions with 1k due
// (claim, and the whole pass) on a throwaway cluster started here (tests/pg/cluster.ts), and
// deliveries per second with one and with three instances (processes) on one database.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Bot } from '../src/bot.js';
import { loadCatalog } from '../src/catalog/load.js';
import { fixedClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/log.js';
import { createScheduledRenderer } from '../src/commands/scheduled.js';
import { Scheduler } from '../src/scheduler/engine.js';
import { syncCatalog } from '../src/store/catalog-sync.js';
import { CommitmentRepository } from '../src/store/commitments-repo.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { migratePg } from '../src/store/pg/migrate.js';
import { describeUrl, openPool } from '../src/store/pg/pool.js';
import { PgSchedulerStore } from '../src/store/pg/scheduler-store.js';
import { startCluster } from '../tests/pg/cluster.js';
import { BENCH_NOW, seedPg } from './pg-seed.js';
import { median } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The outbox of the throughput figure answers after this long, a platform's round trip (BENCH_PLATFORM_MS, default 20). */
export const PLATFORM_MS = Number(process.env.BENCH_PLATFORM_MS ?? 20);
const THROUGHPUT_DUE = 3_000;

export interface PgFigures {
  claimMs: number;
  passMs: number;
  perSecond: { one: number; three: number };
}

function scheduler(db: Db, store: PgSchedulerStore): Scheduler {
  const bot = new Bot(db, { clock: fixedClock(BENCH_NOW), zone: 'UTC', log: silentLogger, schedules: store });
  return new Scheduler(store, new CommitmentRepository(db), { send: async () => undefined }, createScheduledRenderer(bot.deps), fixedClock(BENCH_NOW), silentLogger, { graceMs: 6 * 3_600_000 });
}

function child(url: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [path.join(here, 'pg-deliver-child.js'), url, String(PLATFORM_MS)], { stdio: ['pipe', 'pipe', 'inherit'] });
    c.stdout!.setEncoding('utf8').once('data', (d: string) => (d.startsWith('ready') ? resolve(c) : reject(new Error(`pg-deliver-child: ${d}`))));
    c.once('exit', (code) => reject(new Error(`pg-deliver-child exited ${code}`)));
  });
}

/** Deliveries per second of `instances` processes sharing one database's 3,000 pending deliveries. */
async function throughput(newDatabase: (template: string) => Promise<string>, db: Db, instances: number): Promise<number> {
  const url = await newDatabase('bench_tp');
  const store = new PgSchedulerStore(await openPool(url), true);
  if ((await scheduler(db, store).claim(BENCH_NOW)) !== THROUGHPUT_DUE) throw new Error('expected 3000 claimed');
  const children = await Promise.all(Array.from({ length: instances }, () => child(url)));
  const outputs = children.map((c) => new Promise<{ sent: number }>((r) => c.stdout!.once('data', (d: string) => r(JSON.parse(d) as { sent: number }))));
  const t0 = process.hrtime.bigint();
  for (const c of children) c.stdin!.write('go\n');
  const sent = (await Promise.all(outputs)).reduce((n, o) => n + o.sent, 0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await store.close();
  if (sent !== THROUGHPUT_DUE) throw new Error(`expected ${THROUGHPUT_DUE} sent by ${instances} instances, got ${sent}`);
  return sent / seconds;
}

export async function schedulerPgBench(): Promise<PgFigures> {
  const cluster = startCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  try {
    await admin.connect();
    const urlOf = (name: string): string => {
      const u = new URL(cluster.url);
      u.pathname = `/${name}`;
      return u.toString();
    };
    let n = 0;
    const newDatabase = async (template: string): Promise<string> => {
      const name = `${template}_${n++}`;
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return urlOf(name);
    };
    const db = openDatabase(':memory:');
    syncCatalog(db, loadCatalog(), new Date('2014-03-01T00:00:00Z'));
    const ids = new CommitmentRepository(db).allIds();
    for (const [name, total, due, channels] of [['bench_seed', 100_000, 1_000, 997], ['bench_tp', THROUGHPUT_DUE, THROUGHPUT_DUE, THROUGHPUT_DUE]] as const) {
      await admin.query(`CREATE DATABASE ${name}`);
      const pool = await openPool(urlOf(name), { max: 1 });
      await migratePg(pool, describeUrl(urlOf(name)));
      await seedPg(pool, total, due, ids, channels);
      await pool.end();
    }
    const claims: number[] = [];
    const passes: number[] = [];
    for (let run = 0; run < 3; run++) {
      const store = new PgSchedulerStore(await openPool(await newDatabase('bench_seed')), true);
      const s = scheduler(db, store);
      const t0 = process.hrtime.bigint();
      const claimed = await s.claim(BENCH_NOW);
      const t1 = process.hrtime.bigint();
      const r = await s.deliver(BENCH_NOW);
      const t2 = process.hrtime.bigint();
      await store.close();
      if (claimed !== 1_000 || r.sent.length !== 1_000) throw new Error(`expected 1000 claimed and sent on PostgreSQL, got ${claimed} and ${r.sent.length}`);
      claims.push(Number(t1 - t0) / 1e6);
      passes.push(Number(t2 - t0) / 1e6);
    }
    // Alternating rounds, so that the machine's other load falls on both alike.
    const one: number[] = [];
    const three: number[] = [];
    for (let round = 0; round < 2; round++) {
      one.push(await throughput(newDatabase, db, 1));
      three.push(await throughput(newDatabase, db, 3));
    }
    db.close();
    return { claimMs: median(claims), passMs: median(passes), perSecond: { one: median(one), three: median(three) } };
  } finally {
    await admin.end().catch(() => {});
    cluster.stop();
  }
}
