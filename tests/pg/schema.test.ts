import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { StartupError } from '../../src/core/errors.js';
import { openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { migratePg, schemaState, VERSION_TABLE } from '../../src/store/pg/migrate.js';
import { PG_MIGRATIONS } from '../../src/store/pg/migrations/index.js';
import { REPLICA_TABLES } from '../../src/store/pg/migrations/015-replica-tables.js';
import { describeUrl, openPool, type Pool } from '../../src/store/pg/pool.js';
import { freshDatabase } from './db.js';

const pools: Pool[] = [];
/** The newest PostgreSQL schema version, and every migration as `migrate` names it. */
const LATEST = PG_MIGRATIONS.at(-1)!.version;
const ALL = PG_MIGRATIONS.map((m) => `${String(m.version).padStart(3, '0')} ${m.name}`);
async function pool(url: string): Promise<Pool> {
  const p = await openPool(url, { max: 3 });
  pools.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

/**
 * SQLite's derived full-text index stays local to each instance (see 008-baseline.ts), and so does
 * a replica's position in the shared log and the follow-up data the log fills each replica with
 * (015); the log itself and `more`'s pages are PostgreSQL's (014).
 */
const LOCAL_ONLY = new RegExp(`^(commitment_fts.*|search_.*|sqlite_.*|shared_log_position|${REPLICA_TABLES.join('|')})$`);
const SHARED_ONLY = /^(shared_log|shared_log_meta|conversation_pages)$/;

describe('the PostgreSQL schema', () => {
  it('has a PostgreSQL migration for every SQLite migration: the same latest number', () => {
    expect(PG_MIGRATIONS.at(-1)!.version).toBe(MIGRATIONS.length);
  });

  it("has SQLite's tables and columns, after migrating an empty database once; a second run does nothing", async () => {
    const url = await freshDatabase();
    const p = await pool(url);
    expect(ALL[0]).toBe('008 baseline (SQLite 001–008)');
    expect(await migratePg(p, describeUrl(url))).toEqual({ from: 0, to: LATEST, applied: ALL });
    expect(await migratePg(p, describeUrl(url))).toEqual({ from: LATEST, to: LATEST, applied: [] });
    expect(await schemaState(p)).toEqual({ version: LATEST, latest: LATEST, current: true });

    const lite = openDatabase(':memory:');
    const want = new Map<string, string[]>();
    for (const { name } of lite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>) {
      if (LOCAL_ONLY.test(name)) continue;
      want.set(name, (lite.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>).map((c) => c.name).sort());
    }
    lite.close();
    const { rows } = await p.query<{ table_name: string; column_name: string }>("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> $1", [VERSION_TABLE]);
    const got = new Map<string, string[]>();
    for (const r of rows) if (!SHARED_ONLY.test(r.table_name)) got.set(r.table_name, [...(got.get(r.table_name) ?? []), r.column_name]);
    for (const cols of got.values()) cols.sort();
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  });

  it('migrates once when two instances start at the same moment (advisory lock)', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([pool(url), pool(url)]);
    const results = await Promise.all([migratePg(a, describeUrl(url)), migratePg(b, describeUrl(url))]);
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, ALL.length]);
    const { rows } = await a.query(`SELECT version FROM ${VERSION_TABLE} ORDER BY version`);
    expect(rows).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version })));
  });

  it('refuses a database that a newer followup migrated', async () => {
    const url = await freshDatabase();
    const p = await pool(url);
    await migratePg(p, describeUrl(url));
    await p.query(`INSERT INTO ${VERSION_TABLE} (version, name) VALUES ($1, 'from the future')`, [LATEST + 1]);
    const err = await migratePg(p, describeUrl(url)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect(err).toMatchObject({ code: 'database-too-new' });
    expect((err as Error).message).toMatch(/^FOLLOWUP_DATABASE_URL: the database "t_[0-9a-f]+" has schema version \d+, but this version of followup knows only up to \d+\. Upgrade followup/);
    expect((err as Error).message).toContain(`has schema version ${LATEST + 1}, but this version of followup knows only up to ${LATEST}.`);
    expect((await schemaState(p)).current).toBe(false);
  });

  it("refuses another application's database, naming its tables, and changes nothing", async () => {
    const url = await freshDatabase();
    const p = await pool(url);
    await p.query('CREATE TABLE users (id int); CREATE TABLE orders (id int)');
    const err = await migratePg(p, describeUrl(url)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toMatch(/holds tables that are not followup's \(orders, users\) and no followup schema: it looks like another application's database\. Point FOLLOWUP_DATABASE_URL at an empty database/);
    const { rows } = await p.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [VERSION_TABLE]);
    expect(rows[0]!.t).toBeNull();
  });

  it('leaves the database as it was when a migration is cut off halfway; running it again works', async () => {
    const url = await freshDatabase();
    const p = await pool(url);
    const slow = [...PG_MIGRATIONS, { version: LATEST + 1, name: 'slow', sql: 'CREATE TABLE half_done (x int); SELECT pg_sleep(600);' }];
    const running = migratePg(p, describeUrl(url), slow).catch((e: unknown) => e);
    // The server ends the migrating connection while it is inside the last migration.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (;;) {
        const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()");
        if (rows[0]) {
          await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const err = await running;
      expect(err).toBeInstanceOf(Error);
      const { rows } = await admin.query<{ meetings: string | null; half: string | null; versions: string | null }>(
        "SELECT to_regclass('meetings') AS meetings, to_regclass('half_done') AS half, to_regclass($1) AS versions",
        [VERSION_TABLE],
      );
      expect(rows[0]).toEqual({ meetings: null, half: null, versions: null });
    } finally {
      await admin.end();
    }
    expect(await migratePg(p, describeUrl(url))).toMatchObject({ from: 0, to: LATEST });
    expect((await schemaState(p)).current).toBe(true);
  });

  it('015 drops the follow-up tables PostgreSQL had for parity, and refuses (changing nothing) when one of them holds rows', async () => {
    const url = await freshDatabase();
    const p = await pool(url);
    await migratePg(p, describeUrl(url), PG_MIGRATIONS.filter((m) => m.version <= 14));
    await p.query("INSERT INTO zones (platform, team, kind, ref, zone) VALUES ('slack', 'T1', 'user', 'U1', 'Europe/Geneva')");
    const err = await migratePg(p, describeUrl(url)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toMatch(/^FOLLOWUP_DATABASE_URL: migration 015 replica-tables of the database "t_[0-9a-f]+" stopped, nothing was changed: table zones holds rows that this version keeps in the shared log: export them with the previous version/);
    expect((await p.query<{ n: number }>('SELECT count(*)::int AS n FROM zones')).rows[0]!.n).toBe(1);
    expect(await schemaState(p)).toMatchObject({ version: 14, current: false });
    await p.query('DELETE FROM zones');
    expect(await migratePg(p, describeUrl(url))).toMatchObject({ from: 14, to: LATEST, applied: ['015 replica-tables'] });
    const { rows } = await p.query<{ left: string | null }>("SELECT coalesce(to_regclass('zones')::text, to_regclass('commitments')::text, to_regclass('dashboard_tallies')::text) AS left");
    expect(rows[0]!.left).toBeNull();
  });
});
