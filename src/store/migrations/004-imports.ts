import type { Migration } from './index.js';

/**
 * Imported reports: candidate commitments proposed by extraction wait here for a person's review
 * (accept, reject, edit); accepted ones become commitments with origin 'import'. Meetings
 * remember where they came from.
 */
export const m004Imports: Migration = {
  version: 4,
  name: 'imports',
  up(db) {
    db.exec(`
      ALTER TABLE meetings ADD COLUMN origin TEXT NOT NULL DEFAULT 'catalog';

      CREATE TABLE candidates (
        id          TEXT PRIMARY KEY,
        meeting_id  TEXT NOT NULL REFERENCES meetings(id),
        position    INTEGER NOT NULL,
        data        TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'rejected')),
        created_at  TEXT NOT NULL,
        decided_by  TEXT,
        decided_at  TEXT
      );
      CREATE INDEX candidates_state ON candidates(state, meeting_id, position);
    `);
  },
};
