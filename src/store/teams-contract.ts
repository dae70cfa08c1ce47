import type { StoredReference } from './conversation-refs-repo.js';

/**
 * What the Teams adapter keeps, async so that it lives on either engine (issue 13): the
 * addresses of the conversations it can post to (refreshed from every activity; a reminder claimed
 * by any instance is sent through them) and the cards it sent, by conversation and activity id, so
 * that a "Mark done" click landing on another instance still updates the card in place.
 * SQLite: teams-sqlite.ts; PostgreSQL: pg/teams-store.ts; tests/store/teams-store.test.ts runs one
 * suite on both.
 */
export interface TeamsStore {
  saveReference(team: string, kind: 'channel' | 'user', ref: string, reference: unknown, now: Date): Promise<void>;
  reference(kind: 'channel' | 'user', ref: string): Promise<StoredReference | undefined>;
  /** The most recently seen conversation of a tenant: where a new one-to-one chat can be opened from. */
  latestInTeam(team: string): Promise<StoredReference | undefined>;
  /** The app was removed from that conversation: nothing more is sent there. */
  removeReference(kind: 'channel' | 'user', ref: string): Promise<void>;
  /** A card the bot sent (replacing what was kept for that message); cards older than CARD_DAYS are dropped on the way. */
  rememberCard(conversation: string, activityId: string, card: unknown, now: Date): Promise<void>;
  card(conversation: string, activityId: string): Promise<unknown>;
  close(): Promise<void>;
}

/** How long a sent card is kept for in-place updates (a click on an older card answers in a new message). */
export const CARD_DAYS = 90;

export function cardsBefore(now: Date): string {
  return new Date(now.getTime() - CARD_DAYS * 86_400_000).toISOString();
}
