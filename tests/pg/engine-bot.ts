import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { silentLogger, type Logger } from '../../src/core/log.js';
import type { SchedulerStore } from '../../src/store/contract.js';
import type { Db } from '../../src/store/db.js';
import { migratePg } from '../../src/store/pg/migrate.js';
import { describeUrl, openPool, type Pool } from '../../src/store/pg/pool.js';
import { PgSchedulerStore } from '../../src/store/pg/scheduler-store.js';
import { PgSharedLog } from '../../src/store/pg/shared-log.js';
import { PgPagesStore } from '../../src/store/pg/pages-store.js';
import { PgTeamsStore } from '../../src/store/pg/teams-store.js';
import type { TeamsStore } from '../../src/store/teams-contract.js';
import type { SharedPages } from '../../src/commands/pages.js';
import type { SharedWrites } from '../../src/store/shared/contract.js';
import { clusterUrl, urlFor } from './db.js';

let template: Promise<string> | undefined;
const pools: Pool[] = [];
const logs: PgSharedLog[] = [];

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: clusterUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A migrated database to copy (one per test file): CREATE DATABASE … TEMPLATE is much faster than migrating each. */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `tpl_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const pool = await openPool(urlFor(name), { max: 1 });
    try {
      await migratePg(pool, describeUrl(urlFor(name)));
    } finally {
      await pool.end();
    }
    return name;
  })();
  return template;
}

const made: string[] = [];

/** A new database with the schema, its log new (its own id): its URL. */
export async function migratedDatabase(): Promise<string> {
  const tpl = await migratedTemplate();
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`));
  const url = urlFor(name);
  const p = new pg.Client({ connectionString: url });
  await p.connect();
  await p.query("UPDATE shared_log_meta SET log = md5(random()::text || clock_timestamp()::text)");
  await p.end();
  made.push(url);
  return url;
}

/** How many databases this file's bots and servers used, and how many shared log entries they wrote there. */
export async function postgresUse(): Promise<{ databases: number; entries: number }> {
  let entries = 0;
  for (const url of made) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    entries += (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM shared_log')).rows[0]!.n;
    await c.end();
  }
  return { databases: made.length, entries };
}

afterAll(async () => {
  for (const l of logs.splice(0)) await l.close().catch(() => {});
  for (const p of pools.splice(0)) await p.end().catch(() => {});
});

/**
 * The follow-up writes and scheduler store of a bot on PostgreSQL, usable at once: each call
 * waits for the database to be made (a bot is built synchronously; its first message waits).
 * `url`: a database to share with other bots (instances); a new one otherwise.
 */
export function postgresStores(db: Db, opts: { log?: Logger; url?: Promise<string>; instance?: string } = {}): { writes: SharedWrites; schedules: SchedulerStore; pages: SharedPages; teams: TeamsStore; ready: Promise<{ url: string; pool: Pool; log: PgSharedLog }> } {
  const ready = (async () => {
    const url = await (opts.url ?? migratedDatabase());
    const pool = await openPool(url, { max: 4 });
    pools.push(pool);
    const log = await PgSharedLog.open(pool, db, opts.log ?? silentLogger, { instance: opts.instance ?? 'test' });
    logs.push(log);
    return { url, pool, log };
  })();
  const listeners: Array<() => void> = [];
  void ready.then(({ log }) => listeners.forEach((fn) => log.onApplied(fn)), () => {});
  const writes: SharedWrites = {
    engine: 'postgres',
    run: async (op, args) => (await ready).log.run(op, args),
    catchUp: async () => (await ready).log.catchUp(),
    onApplied: (fn) => void listeners.push(fn),
    close: async () => (await ready).log.close(),
  };
  let store: PgSchedulerStore | undefined;
  const schedules = new Proxy({} as SchedulerStore, {
    get(_, name: string) {
      if (name === 'engine') return 'postgres';
      if (name === 'then') return undefined;
      return async (...args: unknown[]) => {
        store ??= new PgSchedulerStore((await ready).pool);
        return (store as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!.apply(store, args);
      };
    },
  });
  let pagesStore: PgPagesStore | undefined;
  const page = async (): Promise<PgPagesStore> => (pagesStore ??= new PgPagesStore((await ready).pool));
  const pages: SharedPages = {
    get: async (key) => (await page()).get(key),
    set: async (key, kept) => (await page()).set(key, kept),
    delete: async (key) => (await page()).delete(key),
  };
  // The Teams adapter's store on the same database (its pool is ended with the others).
  let teamsStore: PgTeamsStore | undefined;
  const teamsOf = async (): Promise<PgTeamsStore> => (teamsStore ??= new PgTeamsStore((await ready).pool));
  const teams: TeamsStore = {
    saveReference: async (...a) => (await teamsOf()).saveReference(...a),
    reference: async (...a) => (await teamsOf()).reference(...a),
    latestInTeam: async (...a) => (await teamsOf()).latestInTeam(...a),
    removeReference: async (...a) => (await teamsOf()).removeReference(...a),
    rememberCard: async (...a) => (await teamsOf()).rememberCard(...a),
    card: async (...a) => (await teamsOf()).card(...a),
    close: async () => undefined,
  };
  return { writes, schedules, pages, teams, ready };
}
