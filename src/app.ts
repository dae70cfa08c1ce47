import { Bot } from './bot.js';
import { loadCatalog } from './catalog/load.js';
import type { Config } from './config.js';
import { fixedClock, systemClock, type Clock } from './core/clock.js';
import type { Logger } from './core/log.js';
import type { Platform } from './core/message.js';
import { createScheduledRenderer } from './commands/scheduled.js';
import { Scheduler } from './scheduler/engine.js';
import type { Outbox } from './scheduler/outbox.js';
import { CommitmentRepository } from './store/commitments-repo.js';
import type { SchedulerStore } from './store/contract.js';
import { syncCatalog } from './store/catalog-sync.js';
import { openDatabase, type Db } from './store/db.js';
import { describeEngine, engineOf } from './store/engine.js';
import { migratePg } from './store/pg/migrate.js';
import { describeUrl, openPool, type Pool } from './store/pg/pool.js';
import { PgSchedulerStore } from './store/pg/scheduler-store.js';
import { SqliteSchedulerStore } from './store/sqlite-scheduler-store.js';
import type { SharedWrites } from './store/shared/contract.js';
import { SqliteWrites } from './store/shared/sqlite-writes.js';
import { PgSharedLog } from './store/pg/shared-log.js';
import { PgPagesStore } from './store/pg/pages-store.js';
import type { SharedPages } from './commands/pages.js';
import { hostname } from 'node:os';

export interface App {
  db: Db;
  bot: Bot;
  clock: Clock;
  config: Config;
  /** Reminders, digests and ladders with their deliveries: on PostgreSQL when FOLLOWUP_DATABASE_URL is set, else in `db`. */
  schedules: SchedulerStore;
  /**
   * Changes to the follow-up data: applied to `db` (SQLite alone), or appended to PostgreSQL's
   * shared log and applied to `db`, this instance's replica, in the log's order.
   */
  writes: SharedWrites;
  /** The PostgreSQL pool (FOLLOWUP_DATABASE_URL), for readiness. */
  pool?: Pool;
  /** The scheduler, delivering through the given outbox the subscriptions of the given platforms. */
  scheduler(outbox: Outbox, platforms?: readonly Platform[]): Scheduler;
  /** Closes the SQLite file at once, and the PostgreSQL pool (awaited). */
  close(): Promise<void>;
}

/**
 * Opens the local store, loads the catalog (idempotently) and builds the bot. The scheduler's
 * store is `shared` when given (PostgreSQL: see openApp), else the SQLite file's.
 */
export function createApp(config: Config, log: Logger, shared?: { schedules: SchedulerStore; pool?: Pool; db: Db; writes: SharedWrites; pages?: SharedPages }): App {
  const clock = config.now ? fixedClock(config.now) : systemClock;
  const db = shared?.db ?? openLocal(config, log, clock.now(), config.dbFile);
  const schedules = shared?.schedules ?? new SqliteSchedulerStore(db);
  const writes = shared?.writes ?? new SqliteWrites(db);
  const bot = new Bot(db, { clock, zone: config.zone, log, admins: config.admins, schedules, writes, ...(shared?.pages ? { sharedPages: shared.pages } : {}), ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) });
  const scheduler = (outbox: Outbox, platforms?: readonly Platform[]): Scheduler =>
    new Scheduler(schedules, new CommitmentRepository(db), outbox, createScheduledRenderer(bot.deps), clock, log, {
      graceMs: config.graceMs,
      leaseMs: config.leaseMs,
      ...(config.instance ? { instance: config.instance } : {}),
      ...(platforms ? { platforms } : {}),
      beforePass: () => writes.catchUp(),
    });
  return {
    db,
    bot,
    clock,
    config,
    schedules,
    writes,
    ...(shared?.pool ? { pool: shared.pool } : {}),
    scheduler,
    close: async () => {
      await writes.close();
      db.close();
      await schedules.close();
    },
  };
}

/** Opens a SQLite database (the store, or an instance's replica) and loads the catalog into it (idempotently). */
function openLocal(config: Config, log: Logger, now: Date, file: string): Db {
  const catalog = loadCatalog(config.dataDir);
  const db = openDatabase(file);
  try {
    const sync = syncCatalog(db, catalog, now);
    if (sync.changed && file !== ':memory:') log.info({ ...sync, meeting: catalog.meeting.id }, 'catalog loaded');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * createApp for the configured engine: with FOLLOWUP_DATABASE_URL, the PostgreSQL database is
 * opened and migrated first (a server that is down, a wrong password or another application's
 * database stops here with a message naming FOLLOWUP_DATABASE_URL), and reminders, digests and
 * ladders live there, shared by every instance.
 */
export async function openApp(config: Config, log: Logger): Promise<App> {
  const engine = engineOf(config);
  if (engine.kind === 'sqlite') return createApp(config, log);
  const pool = await openPool(engine.url, { max: 10 });
  try {
    const m = await migratePg(pool, describeUrl(engine.url));
    if (m.applied.length) log.info({ from: m.from, to: m.to, applied: m.applied }, 'database migrated');
    // This instance's replica of the follow-up data: in memory, filled from the catalog and the
    // shared log (FOLLOWUP_DB is not used: nothing of the bot's data is one instance's own).
    const db = openLocal(config, log, config.now ? new Date(config.now) : new Date(), ':memory:');
    let writes: PgSharedLog;
    try {
      writes = await PgSharedLog.open(pool, db, log, { instance: config.instance ?? `${hostname()}:${process.pid}`, url: engine.url });
    } catch (err) {
      db.close();
      throw err;
    }
    const app = createApp(config, log, { schedules: new PgSchedulerStore(pool, true), pool, db, writes, pages: new PgPagesStore(pool) });
    log.debug({ database: describeEngine(engine) }, 'reminders and digests on PostgreSQL');
    return app;
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}
