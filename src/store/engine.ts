import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Config } from '../config.js';
import { openDatabase, schemaVersion } from './db.js';
import { MIGRATIONS } from './migrations/index.js';
import { migratePg, schemaState } from './pg/migrate.js';
import { describeUrl, openPool, type Pool } from './pg/pool.js';

/** Which engine the configuration names: PostgreSQL when FOLLOWUP_DATABASE_URL is set, else the SQLite file. */
export type Engine = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export function engineOf(config: Pick<Config, 'dbFile' | 'databaseUrl'>): Engine {
  return config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'sqlite', file: config.dbFile };
}

/** The engine as messages name it (never a password). */
export function describeEngine(engine: Engine): string {
  if (engine.kind === 'sqlite') return `SQLite database ${engine.file} (FOLLOWUP_DB)`;
  const w = describeUrl(engine.url);
  return `PostgreSQL database "${w.database}" on ${w.server} (FOLLOWUP_DATABASE_URL)`;
}

export interface MigrateOutcome {
  from: number;
  to: number;
  applied: string[];
}

/** Applies the pending numbered migrations on the configured engine. */
export async function migrateEngine(engine: Engine): Promise<MigrateOutcome> {
  if (engine.kind === 'postgres') {
    const pool = await openPool(engine.url, { max: 1 });
    try {
      return await migratePg(pool, describeUrl(engine.url));
    } finally {
      await pool.end();
    }
  }
  const from = sqliteVersion(engine.file);
  const db = openDatabase(engine.file);
  try {
    const to = schemaVersion(db);
    return { from, to, applied: MIGRATIONS.filter((m) => m.version > from && m.version <= to).map((m) => `${String(m.version).padStart(3, '0')} ${m.name}`) };
  } finally {
    db.close();
  }
}

/** The version a SQLite file has before migrating (0 when it does not exist or cannot be read: openDatabase then says why). */
function sqliteVersion(file: string): number {
  if (file === ':memory:' || !existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** Readiness of a PostgreSQL pool: reachable, and its migrations are this code's. */
export async function pgReadiness(pool: Pool): Promise<{ ok: boolean; detail: Record<string, unknown> }> {
  const s = await schemaState(pool);
  return { ok: s.current, detail: { engine: 'postgres', schema: s.version ?? null, expected: s.latest } };
}
