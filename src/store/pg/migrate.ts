import { StartupError } from '../../core/errors.js';
import { describePgError, type PgWhere } from './errors.js';
import { PG_MIGRATIONS, type PgMigration } from './migrations/index.js';
import { checkout, type Pool, type PoolClient } from './pool.js';

/** The table that records which migrations a database has (one row each). */
export const VERSION_TABLE = 'followup_schema_migrations';

/** One key for every followup instance on the server: migrations run one at a time. */
const MIGRATION_LOCK = 0x666f_6c6c_6f77; // "follow"

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

function latestOf(migrations: readonly PgMigration[]): number {
  let last = 0;
  for (const m of migrations) {
    if (m.version <= last) throw new Error(`PostgreSQL migration ${m.name} has version ${m.version}, expected more than ${last}`);
    last = m.version;
  }
  return last;
}

/** The schema version a database has (0: none yet), or undefined when it has no followup schema. */
async function versionOf(c: PoolClient | Pool): Promise<number | undefined> {
  const { rows } = await c.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [VERSION_TABLE]);
  if (!rows[0]?.t) return undefined;
  const v = await c.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${VERSION_TABLE}`);
  return v.rows[0]?.v ?? 0;
}

function tooNew(current: number, latest: number, where: PgWhere): StartupError {
  return new StartupError(
    'database-too-new',
    `FOLLOWUP_DATABASE_URL: the database "${where.database}" has schema version ${current}, but this version of followup knows only up to ${latest}. ` +
      'Upgrade followup (every instance), or point FOLLOWUP_DATABASE_URL at another database.',
  );
}

/**
 * Brings the database up to date: every pending migration in ONE transaction, under an advisory
 * lock, so two instances starting at once migrate once (the second waits, then finds nothing to
 * do), and a migration cut off halfway (a crash, a lost connection) leaves the database as it was:
 * running it again works. Refuses a database newer than this code, and one that holds another
 * application's tables but no followup schema.
 */
export async function migratePg(pool: Pool, where: PgWhere, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<MigrationResult> {
  const latest = latestOf(migrations);
  let client: Awaited<ReturnType<typeof checkout>>;
  let broken = false;
  try {
    client = await checkout(pool);
  } catch (err) {
    throw describePgError(err, where) ?? err;
  }
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    let current = await versionOf(client);
    if (current === undefined) {
      const { rows } = await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type IN ('BASE TABLE', 'VIEW') ORDER BY table_name LIMIT 4",
      );
      if (rows.length > 0) {
        const names = rows.slice(0, 3).map((r) => r.name).join(', ') + (rows.length > 3 ? ', …' : '');
        throw new StartupError(
          'database',
          `FOLLOWUP_DATABASE_URL: the database "${where.database}" holds tables that are not followup's (${names}) and no followup schema: it looks like another application's database. ` +
            `Point FOLLOWUP_DATABASE_URL at an empty database of its own (createdb followup).`,
        );
      }
      await client.query(`CREATE TABLE ${VERSION_TABLE} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      current = 0;
    }
    if (current > latest) throw tooNew(current, latest, where);
    const pending = migrations.filter((m) => m.version > current!);
    for (const m of pending) {
      try {
        await client.query(m.sql);
      } catch (err) {
        // A migration that refuses to run (RAISE EXCEPTION: it would lose data) says why.
        if ((err as { code?: string }).code === 'P0001') {
          throw new StartupError('database', `FOLLOWUP_DATABASE_URL: migration ${String(m.version).padStart(3, '0')} ${m.name} of the database "${where.database}" stopped, nothing was changed: ${(err as Error).message}.`);
        }
        throw err;
      }
      await client.query(`INSERT INTO ${VERSION_TABLE} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
    }
    await client.query('COMMIT');
    return { from: current, to: pending.length ? latest : current, applied: pending.map((m) => `${String(m.version).padStart(3, '0')} ${m.name}`) };
  } catch (err) {
    // A connection cut mid-migration cannot roll back: the server already has, and it is dropped.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    if (err instanceof StartupError) throw err;
    throw describePgError(err, where) ?? err;
  } finally {
    client.done(broken);
  }
}

export interface SchemaState {
  version: number | undefined;
  latest: number;
  current: boolean;
}

/** Whether the database's migrations are this code's (for /readyz). */
export async function schemaState(pool: Pool, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<SchemaState> {
  const latest = latestOf(migrations);
  const version = await versionOf(pool);
  return { version, latest, current: version === latest };
}
