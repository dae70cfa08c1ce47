import type { Migration } from './index.js';

/**
 * Indexes for the dashboard (issue 12), so that no page reads the commitments table row by row:
 * - `commitments_live_state`, `commitments_live_due`: the overview's counts (status, kind,
 *   traffic light, due windows, deadlines by month) read these small entries, not the wide rows
 *   with their summaries and quotes.
 * - `commitments_id_facets`: the registry's actor, track and agenda facets join on the item's id
 *   and filter by kind and status in the index.
 * - `commitments_live`, `commitments_live_kind`: a registry page in report order (by seq) without
 *   sorting every item.
 * - `commitments_paragraph`: the report page's items of each paragraph.
 *
 * The same plain SQL on both engines: PostgreSQL's 010 runs it too.
 */
export const DASHBOARD_INDEXES_SQL = `
      CREATE INDEX commitments_live_state ON commitments(retired_at, status, kind, meeting_id, due_nature, due_end, id);
      CREATE INDEX commitments_live_due ON commitments(retired_at, due_end, status, kind, due_nature, meeting_id);
      CREATE INDEX commitments_id_facets ON commitments(id, retired_at, kind, status, meeting_id, due_nature, due_end);
      CREATE INDEX commitments_live ON commitments(retired_at);
      CREATE INDEX commitments_live_kind ON commitments(retired_at, kind);
      CREATE INDEX commitments_paragraph ON commitments(meeting_id, section_id, paragraph, retired_at);
    `;

export const m010DashboardIndexes: Migration = {
  version: 10,
  name: 'dashboard-indexes',
  up(db) {
    db.exec(DASHBOARD_INDEXES_SQL);
  },
};
