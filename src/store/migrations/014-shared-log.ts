import type { Migration } from './index.js';

/**
 * Where this database stands in a shared change log (issue 13). With FOLLOWUP_DATABASE_URL, the
 * follow-up data (status, notes, owners, focal points, time zones, items captured from chat,
 * imports under review) lives in PostgreSQL's `shared_log`; each instance's SQLite is a replica
 * that applies the log's entries in order, and records here, in the same transaction as each
 * entry's writes, which log it follows and the last entry applied (at most one row).
 */
export const m014SharedLog: Migration = {
  version: 14,
  name: 'shared-log',
  up(db) {
    db.exec(`
      CREATE TABLE shared_log_position (
        id  INTEGER PRIMARY KEY CHECK (id = 1),
        log TEXT NOT NULL,
        seq INTEGER NOT NULL
      );
    `);
  },
};
