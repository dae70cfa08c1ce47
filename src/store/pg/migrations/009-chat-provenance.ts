import type { PgMigration } from './index.js';

/** SQLite's 009 (items captured from chat: the message they came from), for PostgreSQL. */
export const pg009ChatProvenance: PgMigration = {
  version: 9,
  name: 'chat-provenance',
  sql: `
    CREATE TABLE commitment_messages (
      commitment_id text PRIMARY KEY REFERENCES commitments(id),
      platform      text NOT NULL,
      team          text NOT NULL DEFAULT '',
      channel_id    text NOT NULL,
      channel_name  text,
      message_id    text,
      permalink     text,
      author_id     text NOT NULL,
      author_name   text,
      posted_at     timestamptz NOT NULL,
      captured_by   text NOT NULL,
      captured_at   timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX commitment_messages_message ON commitment_messages(platform, team, channel_id, message_id) WHERE message_id IS NOT NULL;
  `,
};
