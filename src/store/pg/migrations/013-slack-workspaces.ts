import { SLACK_WORKSPACES_SQL } from '../../migrations/013-slack-workspaces.js';
import type { PgMigration } from './index.js';

/**
 * SQLite's 013 (Slack installations, install states, event ids): the same plain SQL on
 * PostgreSQL. Instants are epoch numbers (bigint) on both engines, and text for the two
 * bookkeeping times, so the repositories read them alike.
 */
export const pg013SlackWorkspaces: PgMigration = {
  version: 13,
  name: 'slack-workspaces',
  sql: SLACK_WORKSPACES_SQL,
};
