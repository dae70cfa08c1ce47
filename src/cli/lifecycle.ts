import type { App } from '../app.js';
import type { Logger } from '../core/log.js';
import type { Readiness } from '../http/server.js';
import { schemaVersion } from '../store/db.js';
import { describeEngine, engineOf, pgReadiness } from '../store/engine.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { migratePg } from '../store/pg/migrate.js';
import { describeUrl, openPool, type Pool } from '../store/pg/pool.js';

/** How long SIGTERM waits for what is in flight before the process exits anyway (under 10 s). */
export const SHUTDOWN_MS = 9_000;

/** A readiness check that takes longer than this answers 503 (a load balancer must not hang on it). */
const READY_TIMEOUT_MS = 3_000;

export interface Lifecycle {
  ready: Readiness;
  /** From now on /readyz answers 503 (shutting down) and no new scheduler pass starts. */
  drain(): void;
  readonly draining: boolean;
  /** The PostgreSQL pool when FOLLOWUP_DATABASE_URL is set (what several instances share). */
  readonly pool?: Pool;
  close(): Promise<void>;
}

/**
 * The server's life around its routes: the database it must reach (the SQLite file, or
 * PostgreSQL when FOLLOWUP_DATABASE_URL is set: opened and migrated here, so a server that is
 * down, a wrong password or another application's database stops the start with a message that
 * names FOLLOWUP_DATABASE_URL), its readiness, and draining on SIGTERM.
 */
export async function startLifecycle(app: App, log: Logger): Promise<Lifecycle> {
  const engine = engineOf(app.config);
  let pool: Pool | undefined;
  if (engine.kind === 'postgres') {
    pool = await openPool(engine.url, { max: 4 });
    try {
      const m = await migratePg(pool, describeUrl(engine.url));
      if (m.applied.length) log.info({ from: m.from, to: m.to, applied: m.applied }, 'database migrated');
    } catch (err) {
      await pool.end();
      throw err;
    }
    log.warn(
      { database: describeEngine(engine) },
      'FOLLOWUP_DATABASE_URL: migrations and /readyz use PostgreSQL, but this version still keeps the bot\'s data in FOLLOWUP_DB (SQLite): run one instance only (see the README, "PostgreSQL (several instances)")',
    );
  }
  let draining = false;
  const check = async (): Promise<{ ok: boolean; detail: Record<string, unknown> }> => {
    if (draining) return { ok: false, detail: { reason: 'shutting down' } };
    if (pool) {
      try {
        const r = await pgReadiness(pool);
        return r.ok ? r : { ok: false, detail: { ...r.detail, reason: 'database schema is not this version\'s' } };
      } catch (err) {
        log.warn({ err }, 'readiness: the database cannot be reached');
        return { ok: false, detail: { engine: 'postgres', reason: 'database unreachable' } };
      }
    }
    const version = schemaVersion(app.db);
    return version === MIGRATIONS.length ? { ok: true, detail: { engine: 'sqlite', schema: version } } : { ok: false, detail: { engine: 'sqlite', schema: version, expected: MIGRATIONS.length, reason: 'database schema is not this version\'s' } };
  };
  return {
    ready: () => withTimeout(check(), READY_TIMEOUT_MS, { ok: false, detail: { reason: 'database did not answer in time' } }),
    drain() {
      draining = true;
    },
    get draining() {
      return draining;
    },
    ...(pool ? { pool } : {}),
    close: async () => {
      await pool?.end();
    },
  };
}

async function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((r) => {
    timer = setTimeout(() => r(fallback), ms);
    timer.unref();
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}
