import { pg008Baseline } from './008-baseline.js';
import { pg009ChatProvenance } from './009-chat-provenance.js';
import { pg010DashboardIndexes } from './010-dashboard-indexes.js';
import { pg011DashboardTallies } from './011-dashboard-tallies.js';
import { pg012TeamsCards } from './012-teams-cards.js';
import { pg013SlackWorkspaces } from './013-slack-workspaces.js';
import { pg014SharedLog } from './014-shared-log.js';
import { pg015ReplicaTables } from './015-replica-tables.js';

/**
 * A PostgreSQL migration: hand-written SQL for PostgreSQL, numbered as the engine-neutral
 * migration it stands for (src/store/migrations/). Every SQLite migration after 008 needs its
 * PostgreSQL counterpart here with the same number (tests/pg/schema.test.ts checks it).
 */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/** Every PostgreSQL migration, in order. Append only: never edit one that has shipped. */
export const PG_MIGRATIONS: readonly PgMigration[] = [pg008Baseline, pg009ChatProvenance, pg010DashboardIndexes, pg011DashboardTallies, pg012TeamsCards, pg013SlackWorkspaces, pg014SharedLog, pg015ReplicaTables];
