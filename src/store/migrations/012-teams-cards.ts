import type { Migration } from './index.js';

/**
 * The cards the Teams adapter sent, by conversation and activity id (they were kept in process
 * memory): a "Mark done" click that reaches another instance, or this one after a restart, still
 * finds the card to update in place. Cards older than 90 days are dropped as new ones are kept.
 */
export const m012TeamsCards: Migration = {
  version: 12,
  name: 'teams-cards',
  up(db) {
    db.exec(`
      CREATE TABLE teams_cards (
        conversation TEXT NOT NULL,
        activity_id  TEXT NOT NULL,
        card         TEXT NOT NULL,
        sent_at      TEXT NOT NULL,
        PRIMARY KEY (conversation, activity_id)
      );
      CREATE INDEX teams_cards_sent ON teams_cards(sent_at);
    `);
  },
};
