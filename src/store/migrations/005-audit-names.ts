import type { Migration } from './index.js';

/** History entries keep the person's display name beside their platform id (Teams ids are opaque). */
export const m005AuditNames: Migration = {
  version: 5,
  name: 'audit-names',
  up(db) {
    db.exec('ALTER TABLE audit ADD COLUMN user_name TEXT;');
  },
};
