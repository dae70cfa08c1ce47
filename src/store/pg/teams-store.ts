import type { StoredReference } from '../conversation-refs-repo.js';
import { cardsBefore, type TeamsStore } from '../teams-contract.js';
import type { Pool } from './pool.js';

type Row = { team: string; reference: string; updatedAt: Date | string };
const stored = (r: Row | undefined): StoredReference | undefined =>
  r && { team: r.team, reference: JSON.parse(r.reference) as unknown, updatedAt: r.updatedAt instanceof Date ? r.updatedAt.toISOString() : r.updatedAt };

/** The Teams adapter's store on PostgreSQL, shared by every instance. */
export class PgTeamsStore implements TeamsStore {
  /** `owns`: close() ends the pool (a test's own pool); the server's pool is ended by the app. */
  constructor(
    private readonly pool: Pool,
    private readonly owns = false,
  ) {}

  async saveReference(team: string, kind: 'channel' | 'user', ref: string, reference: unknown, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO conversation_refs (platform, team, kind, ref, reference, updated_at) VALUES ('teams', $1, $2, $3, $4, $5)
       ON CONFLICT (platform, kind, ref) DO UPDATE SET team = excluded.team, reference = excluded.reference, updated_at = excluded.updated_at`,
      [team, kind, ref, JSON.stringify(reference), now.toISOString()],
    );
  }

  async reference(kind: 'channel' | 'user', ref: string): Promise<StoredReference | undefined> {
    const { rows } = await this.pool.query<Row>(`SELECT team, reference, updated_at AS "updatedAt" FROM conversation_refs WHERE platform = 'teams' AND kind = $1 AND ref = $2`, [kind, ref]);
    return stored(rows[0]);
  }

  async latestInTeam(team: string): Promise<StoredReference | undefined> {
    const { rows } = await this.pool.query<Row>(`SELECT team, reference, updated_at AS "updatedAt" FROM conversation_refs WHERE platform = 'teams' AND team = $1 ORDER BY updated_at DESC LIMIT 1`, [team]);
    return stored(rows[0]);
  }

  async removeReference(kind: 'channel' | 'user', ref: string): Promise<void> {
    await this.pool.query(`DELETE FROM conversation_refs WHERE platform = 'teams' AND kind = $1 AND ref = $2`, [kind, ref]);
  }

  async rememberCard(conversation: string, activityId: string, card: unknown, now: Date): Promise<void> {
    await this.pool.query('DELETE FROM teams_cards WHERE sent_at < $1', [cardsBefore(now)]);
    await this.pool.query(
      'INSERT INTO teams_cards (conversation, activity_id, card, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT (conversation, activity_id) DO UPDATE SET card = excluded.card, sent_at = excluded.sent_at',
      [conversation, activityId, JSON.stringify(card), now.toISOString()],
    );
  }

  async card(conversation: string, activityId: string): Promise<unknown> {
    const { rows } = await this.pool.query<{ card: string }>('SELECT card FROM teams_cards WHERE conversation = $1 AND activity_id = $2', [conversation, activityId]);
    return rows[0] ? (JSON.parse(rows[0].card) as unknown) : undefined;
  }

  async close(): Promise<void> {
    if (this.owns) await this.pool.end();
  }
}
