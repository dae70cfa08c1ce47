import type Database from 'better-sqlite3';
import { openDatabase } from '../src/store/db.js';

/**
 * Makes the database's "disk" full: it may not grow past the pages it has (PRAGMA
 * max_page_count, this connection only), and those pages are packed with filler rows, so the
 * next write that needs room fails with a real SQLITE_FULL.
 */
export function fillUp(db: Database.Database): Database.Database {
  db.exec('CREATE TABLE IF NOT EXISTS filler (x)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  const insert = db.prepare('INSERT INTO filler VALUES (?)');
  for (const size of [2_000, 200, 20, 1]) {
    try {
      for (;;) insert.run('f'.repeat(size));
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_FULL') throw err;
    }
  }
  return db;
}

export function fullDatabase(file: string): Database.Database {
  return fillUp(openDatabase(file));
}
