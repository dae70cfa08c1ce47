import type { Migration } from './index.js';

/**
 * Items captured from chat ("ILO will circulate the draft by 15 March"): instead of a report
 * paragraph, the message they came from — its platform, channel, id, permalink, author and time.
 * Such an item is an ordinary commitment row (lookups, reminders, ladders, digests, exports); it
 * belongs to a per-channel "chat" meeting by default, whose section `messages` numbers the
 * captured messages as its paragraphs.
 */
export const m009ChatProvenance: Migration = {
  version: 9,
  name: 'chat-provenance',
  up(db) {
    db.exec(`
      CREATE TABLE commitment_messages (
        commitment_id TEXT PRIMARY KEY REFERENCES commitments(id),
        platform      TEXT NOT NULL,
        team          TEXT NOT NULL DEFAULT '',
        channel_id    TEXT NOT NULL,
        channel_name  TEXT,
        message_id    TEXT,
        permalink     TEXT,
        author_id     TEXT NOT NULL,
        author_name   TEXT,
        posted_at     TEXT NOT NULL,
        captured_by   TEXT NOT NULL,
        captured_at   TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX commitment_messages_message ON commitment_messages(platform, team, channel_id, message_id) WHERE message_id IS NOT NULL;
    `);
  },
};
