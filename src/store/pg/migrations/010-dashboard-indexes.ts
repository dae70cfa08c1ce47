import { DASHBOARD_INDEXES_SQL } from '../../migrations/010-dashboard-indexes.js';
import type { PgMigration } from './index.js';

/** SQLite's 010 (the dashboard's covering indexes: no page reads every item row): the same plain SQL on PostgreSQL. */
export const pg010DashboardIndexes: PgMigration = {
  version: 10,
  name: 'dashboard-indexes',
  sql: DASHBOARD_INDEXES_SQL,
};
