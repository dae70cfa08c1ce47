import type { PgMigration } from './index.js';

/** SQLite's 010 (the dashboard's covering indexes: no page reads every item row), for PostgreSQL. */
export const pg010DashboardIndexes: PgMigration = {
  version: 10,
  name: 'dashboard-indexes',
  sql: `
    CREATE INDEX commitments_live_state ON commitments(retired_at, status, kind, meeting_id, due_nature, due_end, id);
    CREATE INDEX commitments_live_due ON commitments(retired_at, due_end, status, kind, due_nature, meeting_id);
    CREATE INDEX commitments_id_facets ON commitments(id, retired_at, kind, status, meeting_id, due_nature, due_end);
    CREATE INDEX commitments_live ON commitments(retired_at);
    CREATE INDEX commitments_live_kind ON commitments(retired_at, kind);
    CREATE INDEX commitments_paragraph ON commitments(meeting_id, section_id, paragraph, retired_at);
  `,
};
