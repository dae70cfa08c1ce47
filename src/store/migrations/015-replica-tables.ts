import type { Migration } from './index.js';

/**
 * Nothing to do on SQLite: PostgreSQL's 015 drops the follow-up data's tables it had for parity
 * (on PostgreSQL that data is the shared log, and each instance's SQLite replica holds it). The
 * number is kept so that both engines' schema versions stay the same.
 */
export const m015ReplicaTables: Migration = {
  version: 15,
  name: 'replica-tables',
  up() {},
};
