import type { Migration } from './index.js';

/**
 * Where proactive messages go: each platform's opaque address for a conversation (Teams keeps a
 * whole conversation reference; it is stored as the JSON the adapter hands in). Keyed by the
 * conversation id, and for one-to-one chats also by the person, so `remind @someone` reaches them.
 */
export const m003ConversationRefs: Migration = {
  version: 3,
  name: 'conversation-refs',
  up(db) {
    db.exec(`
      CREATE TABLE conversation_refs (
        platform   TEXT NOT NULL,
        team       TEXT NOT NULL DEFAULT '',
        kind       TEXT NOT NULL CHECK (kind IN ('channel', 'user')),
        ref        TEXT NOT NULL,
        reference  TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, kind, ref)
      ) WITHOUT ROWID;
    `);
  },
};
