import type { Db } from './db.js';
import { Statements } from './statements.js';

export interface AuditEntry {
  id: number;
  commitmentId: string;
  at: string;
  platform: string;
  /** The workspace or tenant the change was made in ('' when the platform has none). */
  team: string;
  userId: string;
  /** The display name the platform gave, when it gave one. */
  userName?: string | null;
  action: string;
  oldValue: string | null;
  newValue: string | null;
  note: string | null;
}

const COLUMNS = 'id, commitment_id AS commitmentId, at, platform, team, user_id AS userId, user_name AS userName, action, old_value AS oldValue, new_value AS newValue, note';

/** The history of follow-up changes: status, progress notes, owners. Append only. */
export class AuditRepository {
  private readonly q: Statements;

  constructor(db: Db) {
    this.q = new Statements(db);
  }

  record(e: Omit<AuditEntry, 'id' | 'team'> & { team?: string }): void {
    this.q
      .get('INSERT INTO audit (commitment_id, at, platform, team, user_id, user_name, action, old_value, new_value, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.commitmentId, e.at, e.platform, e.team ?? '', e.userId, e.userName ?? null, e.action, e.oldValue, e.newValue, e.note);
  }

  forCommitment(id: string): AuditEntry[] {
    return this.q.get(`SELECT ${COLUMNS} FROM audit WHERE commitment_id = ? ORDER BY at, id`).all(id) as AuditEntry[];
  }

  since(at: string): AuditEntry[] {
    return this.q.get(`SELECT ${COLUMNS} FROM audit WHERE at > ? ORDER BY at, id`).all(at) as AuditEntry[];
  }

  latestNote(id: string): AuditEntry | undefined {
    return this.q.get(`SELECT ${COLUMNS} FROM audit WHERE commitment_id = ? AND note IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1`).get(id) as AuditEntry | undefined;
  }
}
