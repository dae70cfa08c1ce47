import { ConversationRefRepository, type StoredReference } from './conversation-refs-repo.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';
import { cardsBefore, type TeamsStore } from './teams-contract.js';

/** The Teams adapter's store in the SQLite file (one instance, or the console's embedded database). */
export class SqliteTeamsStore implements TeamsStore {
  private readonly refs: ConversationRefRepository;
  private readonly q: Statements;

  /** `owns`: close() closes the connection (a test's own); the app's is closed by the app. */
  constructor(
    private readonly db: Db,
    private readonly owns = false,
  ) {
    this.refs = new ConversationRefRepository(db);
    this.q = new Statements(db);
  }

  async saveReference(team: string, kind: 'channel' | 'user', ref: string, reference: unknown, now: Date): Promise<void> {
    this.refs.save('teams', team, kind, ref, reference, now);
  }

  async reference(kind: 'channel' | 'user', ref: string): Promise<StoredReference | undefined> {
    return this.refs.find('teams', kind, ref);
  }

  async latestInTeam(team: string): Promise<StoredReference | undefined> {
    return this.refs.latestInTeam('teams', team);
  }

  async removeReference(kind: 'channel' | 'user', ref: string): Promise<void> {
    this.refs.remove('teams', kind, ref);
  }

  async rememberCard(conversation: string, activityId: string, card: unknown, now: Date): Promise<void> {
    this.db.transaction(() => {
      this.q.get('DELETE FROM teams_cards WHERE sent_at < ?').run(cardsBefore(now));
      this.q
        .get('INSERT INTO teams_cards (conversation, activity_id, card, sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET card = excluded.card, sent_at = excluded.sent_at')
        .run(conversation, activityId, JSON.stringify(card), now.toISOString());
    })();
  }

  async card(conversation: string, activityId: string): Promise<unknown> {
    const text = this.q.get('SELECT card FROM teams_cards WHERE conversation = ? AND activity_id = ?').pluck().get(conversation, activityId) as string | undefined;
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  async close(): Promise<void> {
    if (this.owns) this.db.close();
  }
}
