import type { PgMigration } from './index.js';

/** SQLite's 012: the cards the Teams adapter sent, shared by every instance. */
export const pg012TeamsCards: PgMigration = {
  version: 12,
  name: 'teams-cards',
  sql: `
    CREATE TABLE teams_cards (
      conversation text NOT NULL,
      activity_id  text NOT NULL,
      card         text NOT NULL,
      sent_at      timestamptz NOT NULL,
      PRIMARY KEY (conversation, activity_id)
    );
    CREATE INDEX teams_cards_sent ON teams_cards(sent_at);
  `,
};
