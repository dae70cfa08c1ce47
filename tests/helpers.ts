import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bot } from '../src/bot.js';
import { loadCatalog, type Catalog } from '../src/catalog/load.js';
import { fixedClock, type Clock } from '../src/core/clock.js';
import { silentLogger, type Logger } from '../src/core/log.js';
import type { Reply } from '../src/core/reply.js';
import { syncCatalog } from '../src/store/catalog-sync.js';
import type { SchedulerStore } from '../src/store/contract.js';
import { openDatabase, type Db } from '../src/store/db.js';
import type { TeamsStore } from '../src/store/teams-contract.js';
import { SqliteTeamsStore } from '../src/store/teams-sqlite.js';
import { engineStores } from './engine.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = path.join(ROOT, 'data');
export const CLI = path.join(ROOT, 'dist/src/cli/main.js');

let cached: Catalog | undefined;
export function catalog(): Catalog {
  cached ??= loadCatalog(DATA_DIR);
  return cached;
}

export interface TestBot {
  db: Db;
  bot: Bot;
  /** The Teams adapter's store on the bot's engine: in `db`, or (PostgreSQL) in the bot's database. */
  teams: TeamsStore;
  ask(text: string, user?: string): Promise<Reply>;
  /** Asks, then says `more` until the answer has no more pages: the first reply with every page's items. */
  askAll(text: string, user?: string): Promise<Reply>;
}

/** A bot on an in-memory database loaded with the shipped catalog, "now" pinned. */
export function testBot(now = '2014-06-15T09:00:00Z', opts: { zone?: string; log?: Logger; clock?: Clock; db?: Db; schedules?: SchedulerStore; admins?: string[] } = {}): TestBot {
  const db = opts.db ?? openDatabase(':memory:');
  syncCatalog(db, catalog(), new Date(now));
  // On PostgreSQL (tests/pg/on-postgres-*.test.ts), the follow-up data goes through the shared log and reminders through its scheduler store.
  const engine = opts.db ? undefined : engineStores(db, opts.log);
  const schedules = opts.schedules ?? engine?.schedules;
  const bot = new Bot(db, { clock: opts.clock ?? fixedClock(now), zone: opts.zone ?? 'UTC', log: opts.log ?? silentLogger, ...(opts.admins ? { admins: opts.admins } : {}), ...(schedules ? { schedules } : {}), ...(engine ? { writes: engine.writes, sharedPages: engine.pages } : {}) });
  const ask = (text: string, user = 'tester'): Promise<Reply> => bot.handle({ text, platform: 'console', user: { id: user }, channel: { id: 'console' } });
  const askAll = async (text: string, user = 'tester'): Promise<Reply> => {
    const first = await ask(text, user);
    const items = [...(first.items ?? [])];
    for (let page = first; page.actions?.some((a) => a.command === 'more'); ) {
      page = await ask('more', user);
      items.push(...(page.items ?? []));
    }
    return { ...first, items };
  };
  return { db, bot, teams: engine?.teams ?? new SqliteTeamsStore(db), ask, askAll };
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A writable copy of the data folder, for tests that break or change it. */
export function copyData(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'followup-data-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  return dir;
}

export function tempDir(prefix = 'followup-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function ids(reply: Reply): string[] {
  return (reply.items ?? []).map((i) => i.id);
}
