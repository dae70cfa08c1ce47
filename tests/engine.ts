import { createApp, openApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Logger } from '../src/core/log.js';
import type { SchedulerStore } from '../src/store/contract.js';
import { SqliteSchedulerStore } from '../src/store/sqlite-scheduler-store.js';
import { openDatabase, type Db } from '../src/store/db.js';
import type { SharedWrites } from '../src/store/shared/contract.js';
import type { SharedPages } from '../src/commands/pages.js';
import type { TeamsStore } from '../src/store/teams-contract.js';

/**
 * The engine the command and end-to-end suites run their bots on. SQLite by default; a file of
 * tests/pg/on-postgres-*.test.ts chooses PostgreSQL (useEngine) and then imports the very same
 * suite files, so one suite runs on both engines without a copy of it.
 */
export type EngineStores = (db: Db, log?: Logger, url?: string) => { writes: SharedWrites; schedules: SchedulerStore; pages: SharedPages; teams: TeamsStore };

let chosen: EngineStores | undefined;
let database: (() => Promise<string>) | undefined;

/** `stores` for test bots; `newDatabase` for whole servers (openApp with FOLLOWUP_DATABASE_URL). */
export function useEngine(stores: EngineStores, newDatabase: () => Promise<string>): void {
  chosen = stores;
  database = newDatabase;
}

/** A database of its own for a whole server on the chosen engine (undefined: SQLite). */
export function engineDatabase(): Promise<string> | undefined {
  return database?.();
}

/** The stores a new test bot gets on the chosen engine (undefined: SQLite, the bot's own database). */
export function engineStores(db: Db, log?: Logger): ReturnType<EngineStores> | undefined {
  return chosen?.(db, log);
}

/** The environment a spawned followup process needs to run on the chosen engine: FOLLOWUP_DATABASE_URL of a database of its own (none on SQLite). */
export async function engineEnv(): Promise<Record<string, string>> {
  const url = engineDatabase();
  return url ? { FOLLOWUP_DATABASE_URL: await url } : {};
}

/**
 * Where spawned followup processes keep their data on the chosen engine, with a scheduler store
 * on it for the test's own writes and reads: SQLite, the file `file` (FOLLOWUP_DB); PostgreSQL, a
 * database of its own (FOLLOWUP_DATABASE_URL; the file is then unused).
 */
export async function engineProcesses(file: string): Promise<{ env: Record<string, string>; schedules: SchedulerStore }> {
  const url = await engineDatabase();
  if (!url) return { env: { FOLLOWUP_DB: file }, schedules: new SqliteSchedulerStore(openDatabase(file), true) };
  return { env: { FOLLOWUP_DB: file, FOLLOWUP_DATABASE_URL: url }, schedules: chosen!(openDatabase(':memory:'), undefined, url).schedules };
}

export function engineName(): 'sqlite' | 'postgres' {
  return chosen ? 'postgres' : 'sqlite';
}

/**
 * The whole app for a test server on the chosen engine: SQLite as `env` says, or PostgreSQL on a
 * database of its own (`database`: one from engineDatabase(), to open the same data again, a restart).
 */
export async function engineApp(env: Record<string, string>, log: Logger, database: Promise<string> | undefined = engineDatabase()): Promise<App> {
  return database ? openApp(loadConfig({ ...env, FOLLOWUP_DATABASE_URL: await database }), log) : createApp(loadConfig(env), log);
}
