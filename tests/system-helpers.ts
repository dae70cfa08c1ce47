import type Database from 'better-sqlite3';
import { openDatabase } from '../src/store/db.js';

/**
 * A database whose disk is "full": it may not grow past the pages it has (PRAGMA
 * max_page_count), so the next write that needs a page fails with a real SQLITE_FULL.
 */
export function fillUp(db: Database.Database): Database.Database {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  return db;
}

export function fullDatabase(file: string): Database.Database {
  const db = openDatabase(file);
  db.exec('CREATE TABLE IF NOT EXISTS filler (x)');
  return fillUp(db);
}
