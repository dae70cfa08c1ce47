import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '../core/errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens (creating when needed) the SQLite database at `file` (`:memory:` for tests), in WAL mode,
 * and brings its schema up to date. Refuses a database written by a newer version of followup.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw new StartupError('database', `cannot open the database ${file}: ${(err as Error).message}`);
  }
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, migrations, file);
  } catch (err) {
    db.close();
    if (err instanceof StartupError) throw err;
    throw new StartupError('database', `cannot use the database ${file}: ${(err as Error).message}`);
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every pending migration in one transaction; user_version records the last one applied. */
export function migrate(db: Db, migrations: readonly Migration[], label = 'database'): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StartupError(
      'database-too-new',
      `the database ${label} has schema version ${current}, but this version of followup knows only up to ${latest}. ` +
        'Upgrade followup, or point FOLLOWUP_DB at another file.',
    );
  }
  if (current === latest) return;
  db.transaction(() => {
    for (const m of migrations.slice(current)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}
