import pg from 'pg';
import { SystemError } from '../../core/errors.js';
import { describePgError, type PgWhere } from './errors.js';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

const INT8 = 20;
const TIMESTAMPTZ = 1184;
const parseInstant = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (v: string) => Date;

/**
 * Rows read as the SQLite repositories read them: 64-bit integers (ids, counts) as numbers (ids
 * stay far below 2^53), instants as UTC ISO 8601 strings. Per pool, so no other user of `pg` in
 * the process is changed.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === TIMESTAMPTZ) return (v: string) => parseInstant(v).toISOString();
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

/** What a pool says about where it points, for messages (never the password). */
export function describeUrl(url: string): PgWhere {
  const u = new URL(url);
  const socket = u.searchParams.get('host');
  const host = socket ?? (u.hostname || 'localhost');
  const port = u.port || '5432';
  return {
    user: decodeURIComponent(u.username) || 'the default user',
    database: decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username) || 'the default database',
    server: socket ? `the socket in ${socket} (port ${port})` : `${host}:${port}`,
  };
}

/**
 * A pool of connections to the PostgreSQL database at `url` (FOLLOWUP_DATABASE_URL), checked by
 * one round trip: a server that is down, a wrong password or a database that does not exist is a
 * StartupError or SystemError naming FOLLOWUP_DATABASE_URL and what to fix, never a stack trace.
 */
export async function openPool(url: string, opts: { max?: number } = {}): Promise<Pool> {
  const pool = new pg.Pool({ connectionString: url, types, max: opts.max ?? 10, connectionTimeoutMillis: 10_000, application_name: 'followup' });
  // An idle connection the server drops (a restart) must not crash the process: the next query reconnects.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    const where = describeUrl(url);
    // Whatever else fails while connecting (a timeout, TLS, a password the server asks for and the
    // URL lacks) is still about the connection the URL describes: say so, never "internal error".
    throw describePgError(err, where) ?? new SystemError('database-unavailable', `FOLLOWUP_DATABASE_URL: cannot connect to the PostgreSQL server at ${where.server} as user "${where.user}": ${(err as Error).message}`, { cause: err });
  }
  return pool;
}

const ignore = (): void => {};

/**
 * A connection of the pool for a while. A connection the server ends while it is checked out
 * emits 'error' besides failing its query: without a listener that would crash the process.
 */
export async function checkout(pool: Pool): Promise<PoolClient & { done(broken?: boolean): void }> {
  const client = await pool.connect();
  client.on('error', ignore);
  return Object.assign(client, {
    done(broken = false) {
      client.off('error', ignore);
      client.release(broken);
    },
  });
}

/** Runs `fn` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await checkout(pool);
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.done(broken);
  }
}
