import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '../core/errors.js';
import { describeError, readOnlyDatabase } from '../core/system-errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens (creating when needed) the SQLite database at `file` (`:memory:` for tests), in WAL mode,
 * and brings its schema up to date. Refuses a database written by a newer version of followup.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (file !== ':memory:') prepareFile(file);
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw describeError(err, { dbFile: file }) ?? new StartupError('database', `cannot open the database ${file}: ${(err as Error).message}`);
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
    throw describeError(err, { dbFile: file }) ?? new StartupError('database', `cannot use the database ${file}: ${(err as Error).message}`);
  }
  return db;
}

const FOLDER_FIX = 'create that folder, or set FOLLOWUP_DB to a file in a folder the user running followup can write';

/** Creates the database's folder, and refuses a file or folder SQLite could not write. */
function prepareFile(file: string): void {
  const dir = path.dirname(path.resolve(file));
  try {
    makeFolders(dir);
  } catch (err) {
    throw describeError(err, { setting: { name: 'FOLLOWUP_DB', fix: FOLDER_FIX } }) ?? err;
  }
  // SQLite opens a file it may not write read-only, without a word, and then refuses every
  // write; it also needs the folder for its journal (-wal, -shm). Say so now, once.
  for (const p of existsSync(file) ? [file, dir] : [dir]) {
    try {
      accessSync(p, constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw readOnlyDatabase({ dbFile: file }, err);
      throw describeError(err, { dbFile: file, setting: { name: 'FOLLOWUP_DB', fix: FOLDER_FIX } }) ?? err;
    }
  }
}

/**
 * `mkdir -p`, one folder at a time from the nearest one that exists, failing on the first
 * refusal. (Node's recursive mkdirSync retries forever where a file system answers ENOENT to a
 * folder whose parent exists, as /proc does.)
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      // Another process made it in the meantime: fine.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(d).isDirectory()) throw err;
    }
  }
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
