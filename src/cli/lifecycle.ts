import type { App } from '../app.js';
import type { Logger } from '../core/log.js';
import type { Readiness } from '../http/server.js';
import { schemaVersion } from '../store/db.js';
import { describeEngine, engineOf, pgReadiness } from '../store/engine.js';
import { MIGRATIONS } from '../store/migrations/index.js';

/** How long SIGTERM waits for what is in flight before the process exits anyway (under 10 s). */
export const SHUTDOWN_MS = 9_000;

/** A readiness check that takes longer than this answers 503 (a load balancer must not hang on it). */
const READY_TIMEOUT_MS = 3_000;

export interface Lifecycle {
  ready: Readiness;
  /** From now on /readyz answers 503 (shutting down) and no new scheduler pass starts. */
  drain(): void;
  readonly draining: boolean;
}

/**
 * The server's life around its routes: the database it must reach (the SQLite file, or the
 * PostgreSQL pool openApp opened and migrated when FOLLOWUP_DATABASE_URL is set), its readiness,
 * and draining on SIGTERM.
 */
export async function startLifecycle(app: App, log: Logger): Promise<Lifecycle> {
  const engine = engineOf(app.config);
  const pool = app.pool;
  if (engine.kind === 'postgres') {
    log.info(
      { database: describeEngine(engine), replica: 'memory' },
      'FOLLOWUP_DATABASE_URL: every instance shares the data on PostgreSQL (reminders, digests, ladders, follow-up status, notes, owners, focal points, time zones, captured items, imports); this instance answers from its copy in memory, kept up to date from the shared log (FOLLOWUP_DB is not used)',
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
