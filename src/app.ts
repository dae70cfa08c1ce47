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
import { DeliveryRepository } from './store/deliveries-repo.js';
import { SubscriptionRepository } from './store/subscriptions-repo.js';
import { syncCatalog } from './store/catalog-sync.js';
import { openDatabase, type Db } from './store/db.js';

export interface App {
  db: Db;
  bot: Bot;
  clock: Clock;
  config: Config;
  /** The scheduler, delivering through the given outbox the subscriptions of the given platforms. */
  scheduler(outbox: Outbox, platforms?: readonly Platform[]): Scheduler;
  close(): void;
}

/** Opens the store, loads the catalog (idempotently) and builds the bot. */
export function createApp(config: Config, log: Logger): App {
  const clock = config.now ? fixedClock(config.now) : systemClock;
  const catalog = loadCatalog(config.dataDir);
  const db = openDatabase(config.dbFile);
  try {
    const sync = syncCatalog(db, catalog, clock.now());
    if (sync.changed) log.info({ ...sync, meeting: catalog.meeting.id }, 'catalog loaded');
  } catch (err) {
    db.close();
    throw err;
  }
  const bot = new Bot(db, { clock, zone: config.zone, log, admins: config.admins, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) });
  const scheduler = (outbox: Outbox, platforms?: readonly Platform[]): Scheduler =>
    new Scheduler(
      db,
      { subscriptions: new SubscriptionRepository(db), deliveries: new DeliveryRepository(db), commitments: new CommitmentRepository(db) },
      outbox,
      createScheduledRenderer(bot.deps),
      clock,
      log,
      { graceMs: config.graceMs, ...(platforms ? { platforms } : {}) },
    );
  return { db, bot, clock, config, scheduler, close: () => db.close() };
}
