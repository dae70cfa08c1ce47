import type { Candidate } from '../extract/extract.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

export type CandidateState = 'proposed' | 'accepted' | 'rejected';

export interface StoredCandidate {
  candidate: Candidate;
  meetingId: string;
  state: CandidateState;
  decidedBy?: string;
  decidedAt?: string;
}

/** Candidates proposed by an import, waiting for review. */
export class CandidateRepository {
  private readonly q: Statements;

  constructor(db: Db) {
    this.q = new Statements(db);
  }

  add(meetingId: string, candidates: Candidate[], now: Date): void {
    const start = (this.q.get('SELECT coalesce(max(position), -1) + 1 FROM candidates WHERE meeting_id = ?').pluck().get(meetingId) as number) ?? 0;
    const ins = this.q.get(`INSERT INTO candidates (id, meeting_id, position, data, state, created_at) VALUES (?, ?, ?, ?, 'proposed', ?)`);
    candidates.forEach((c, i) => ins.run(c.id, meetingId, start + i, JSON.stringify(c), now.toISOString()));
  }

  ids(): Set<string> {
    return new Set(this.q.get('SELECT id FROM candidates').pluck().all() as string[]);
  }

  get(id: string): StoredCandidate | undefined {
    const row = this.q.get('SELECT data, meeting_id AS meetingId, state, decided_by AS decidedBy, decided_at AS decidedAt FROM candidates WHERE id = ?').get(id) as
      | { data: string; meetingId: string; state: CandidateState; decidedBy: string | null; decidedAt: string | null }
      | undefined;
    return row && { candidate: JSON.parse(row.data) as Candidate, meetingId: row.meetingId, state: row.state, ...(row.decidedBy ? { decidedBy: row.decidedBy } : {}), ...(row.decidedAt ? { decidedAt: row.decidedAt } : {}) };
  }

  list(state: CandidateState, meetingId?: string): StoredCandidate[] {
    const rows = (
      meetingId
        ? this.q.get('SELECT data, meeting_id AS meetingId, state FROM candidates WHERE state = ? AND meeting_id = ? ORDER BY meeting_id, position').all(state, meetingId)
        : this.q.get('SELECT data, meeting_id AS meetingId, state FROM candidates WHERE state = ? ORDER BY meeting_id, position').all(state)
    ) as Array<{ data: string; meetingId: string; state: CandidateState }>;
    return rows.map((r) => ({ candidate: JSON.parse(r.data) as Candidate, meetingId: r.meetingId, state: r.state }));
  }

  update(id: string, candidate: Candidate): void {
    this.q.get('UPDATE candidates SET data = ? WHERE id = ?').run(JSON.stringify(candidate), id);
  }

  decide(id: string, state: CandidateState, by: string, now: Date): void {
    this.q.get('UPDATE candidates SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(state, by, now.toISOString(), id);
  }
}
