import type { Platform } from '../core/message.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

export interface StoredReference {
  team: string;
  /** The platform's own serialisable address (for Teams, a ConversationReference). */
  reference: unknown;
  updatedAt: string;
}

/** The addresses proactive messages are sent to, kept fresh from every incoming activity. */
export class ConversationRefRepository {
  private readonly q: Statements;

  constructor(db: Db) {
    this.q = new Statements(db);
  }

  save(platform: Platform, team: string, kind: 'channel' | 'user', ref: string, reference: unknown, now: Date): void {
    this.q
      .get(
        `INSERT INTO conversation_refs (platform, team, kind, ref, reference, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET team = excluded.team, reference = excluded.reference, updated_at = excluded.updated_at`,
      )
      .run(platform, team, kind, ref, JSON.stringify(reference), now.toISOString());
  }

  find(platform: Platform, kind: 'channel' | 'user', ref: string): StoredReference | undefined {
    const row = this.q.get('SELECT team, reference, updated_at AS updatedAt FROM conversation_refs WHERE platform = ? AND kind = ? AND ref = ?').get(platform, kind, ref) as
      | { team: string; reference: string; updatedAt: string }
      | undefined;
    return row && { team: row.team, reference: JSON.parse(row.reference) as unknown, updatedAt: row.updatedAt };
  }

  /** The most recently seen conversation of a team (tenant): where a new one-to-one chat can be opened from. */
  latestInTeam(platform: Platform, team: string): StoredReference | undefined {
    const row = this.q.get('SELECT team, reference, updated_at AS updatedAt FROM conversation_refs WHERE platform = ? AND team = ? ORDER BY updated_at DESC LIMIT 1').get(platform, team) as
      | { team: string; reference: string; updatedAt: string }
      | undefined;
    return row && { team: row.team, reference: JSON.parse(row.reference) as unknown, updatedAt: row.updatedAt };
  }

  remove(platform: Platform, kind: 'channel' | 'user', ref: string): void {
    this.q.get('DELETE FROM conversation_refs WHERE platform = ? AND kind = ? AND ref = ?').run(platform, kind, ref);
  }
}
