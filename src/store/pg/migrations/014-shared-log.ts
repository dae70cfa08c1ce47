import type { PgMigration } from './index.js';

/**
 * SQLite's 014: the shared change log. Every change to the follow-up data made through any
 * instance is one entry (an operation and its arguments, JSON); every instance applies the
 * entries in `seq` order to its local replica. Entries are appended under one transaction
 * advisory lock, so they commit in `seq` order and a reader never skips one still in flight.
 * `shared_log_meta` names the log (a new id per database): a replica of another log starts anew.
 */
export const pg014SharedLog: PgMigration = {
  version: 14,
  name: 'shared-log',
  sql: `
    CREATE TABLE shared_log (
      seq      bigserial PRIMARY KEY,
      op       text NOT NULL,
      args     jsonb NOT NULL,
      instance text NOT NULL,
      at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE shared_log_meta (
      id  smallint PRIMARY KEY CHECK (id = 1),
      log text NOT NULL
    );
    INSERT INTO shared_log_meta (id, log) VALUES (1, md5(random()::text || clock_timestamp()::text));
  `,
};
