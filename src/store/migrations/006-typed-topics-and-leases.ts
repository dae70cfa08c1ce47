import type { Migration } from './index.js';

/**
 * Subscriptions say what they show in typed columns instead of a command string that was run when
 * they fired (a reminder "about done <id>" used to mark the item done):
 * - `topic_kind`: item (an id), lookup (words answered by a read-only lookup named in
 *   `topic_lookup`: an actor, a track, an agenda point, a due window, a search), note (words shown
 *   as typed), summary (a digest's scope), deadlines (a ladder, optionally limited to `topic_ids`).
 * - `topic` stays what the person typed, for display.
 *
 * Deliveries get a lease: a pass sets `lease_owner` and `lease_until` in the transaction that reads
 * them, so two passes (in one process or several) never send the same delivery.
 */
export const m006TypedTopicsAndLeases: Migration = {
  version: 6,
  name: 'typed-topics-and-leases',
  up(db) {
    db.exec(`
      ALTER TABLE subscriptions ADD COLUMN topic_kind TEXT NOT NULL DEFAULT 'note'
        CHECK (topic_kind IN ('item', 'lookup', 'note', 'summary', 'deadlines'));
      ALTER TABLE subscriptions ADD COLUMN topic_lookup TEXT;
      ALTER TABLE subscriptions ADD COLUMN topic_query TEXT NOT NULL DEFAULT '';
      ALTER TABLE subscriptions ADD COLUMN topic_ids TEXT;
      CREATE INDEX subscriptions_creator ON subscriptions(platform, team, created_by) WHERE state IN ('active', 'paused', 'failed');

      ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
      ALTER TABLE deliveries ADD COLUMN lease_until TEXT;
    `);
    // Rows written by earlier versions: their command strings, read as what they stood for.
    // Free text becomes a lookup with no lookup named yet: it is answered by the read-only
    // lookups when it fires (never by a command that writes).
    db.exec(`
      UPDATE subscriptions SET topic_kind = 'lookup', topic_query = topic
        WHERE kind = 'reminder' AND topic NOT LIKE 'show %';
      UPDATE subscriptions SET topic_kind = 'item', topic_query = substr(topic, 6), topic = substr(topic, 6)
        WHERE kind = 'reminder' AND topic LIKE 'show %';
      UPDATE subscriptions SET topic_kind = 'summary', topic_query = trim(substr(topic, 8)), topic = trim(substr(topic, 8))
        WHERE kind = 'digest';
      UPDATE subscriptions SET topic_kind = 'deadlines', topic_ids = nullif(trim(substr(topic, 10)), ''), topic = trim(substr(topic, 10))
        WHERE kind = 'ladder';
    `);
  },
};
