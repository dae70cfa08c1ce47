import type { PgMigration } from './index.js';

/**
 * SQLite's 014: the shared change log. Every change to the follow-up data made through any
 * instance is one entry (an operation and its arguments, JSON); every instance applies the
 * entries in `seq` order to its local replica. Entries are appended under one transaction
 * advisory lock, so they commit in `seq` order and a reader never skips one still in flight.
 * `shared_log_meta` names the log (a new id per database): a replica of another log is refused.
 * `conversation_pages`: what `more` continues in each conversation (the rest of a list answer), so
 * that `more` may reach another instance than the question did; forgotten after an hour.
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
    CREATE TABLE conversation_pages (
      conversation text PRIMARY KEY,
      kept         jsonb NOT NULL,
      shown_at     timestamptz NOT NULL
    );
    CREATE INDEX conversation_pages_shown ON conversation_pages(shown_at);
  `,
};
