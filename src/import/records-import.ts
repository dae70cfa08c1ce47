import path from 'node:path';
import { UserError } from '../core/errors.js';
import { fromCsv } from '../export/csv.js';
import { commitmentRecordSchema, exportFileSchema } from '../export/json.js';
import type { Db } from '../store/db.js';
import type { CommitmentRecord, MeetingRecord } from '../store/import-repo.js';
import type { SharedWrites } from '../store/shared/contract.js';
import { OpRefused } from '../store/shared/ops.js';
import { SqliteWrites } from '../store/shared/sqlite-writes.js';
import { decodeText, kindOf, readBytes } from './read.js';

export interface RecordsImportResult {
  added: number;
  updated: number;
  meetings: string[];
}

const bad = (file: string, what: string): never => {
  throw new UserError('import-file', `${path.basename(file)}: ${what}`, 'Import a file written by `followup export json` or `followup export csv`.');
};

/** Parses and validates a followup export (JSON or CSV) without touching the database. */
export function parseRecords(file: string): { meetings: MeetingRecord[]; commitments: CommitmentRecord[] } {
  const { ext } = kindOf(file);
  const text = decodeText(readBytes(file, 50 * 1024 * 1024), path.basename(file));
  let raw: { meetings: MeetingRecord[]; commitments: unknown[] };
  if (ext === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return bad(file, `not valid JSON (${(err as Error).message}).`);
    }
    const r = exportFileSchema.safeParse(parsed);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      return bad(file, `not a followup export: ${issue.path.join('.') || 'the file'} ${issue.message}.`);
    }
    raw = r.data as { meetings: MeetingRecord[]; commitments: unknown[] };
  } else {
    try {
      raw = fromCsv(text);
    } catch (err) {
      return bad(file, `${(err as Error).message}.`);
    }
  }
  const commitments = raw.commitments.map((c, i) => {
    const r = commitmentRecordSchema.safeParse(c);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const id = (c as { id?: unknown }).id;
      return bad(file, `record ${i + 1}${typeof id === 'string' ? ` (${id})` : ''}: ${issue.path.join('.')} ${issue.message}.`);
    }
    return r.data as CommitmentRecord;
  });
  const known = new Set(raw.meetings.map((m) => m.id));
  for (const c of commitments) if (!known.has(c.meetingId)) bad(file, `${c.id} names the meeting "${c.meetingId}", which the file does not describe.`);
  return { meetings: raw.meetings, commitments };
}

/**
 * Brings an export back in, all or nothing: meetings, sections, actors and tracks it needs,
 * then each commitment added or brought up to date (status, owner, history entries not yet
 * there, the chat message it was captured from). The search index is rebuilt in the same
 * transaction. One operation of the follow-up data (`writes`: SQLite alone by default, or
 * PostgreSQL's shared log).
 */
export async function importRecords(db: Db, file: string, now: Date, writes: SharedWrites = new SqliteWrites(db)): Promise<RecordsImportResult> {
  const { meetings, commitments } = parseRecords(file);
  try {
    const { added, updated } = await writes.run('import-records', { meetings, commitments, at: now.toISOString() });
    return { added, updated, meetings: meetings.map((m) => m.id) };
  } catch (err) {
    const first = err instanceof OpRefused ? (err.detail.conflicts as Array<{ id: string; other: string }> | undefined)?.[0] : undefined;
    if (first) return bad(file, `${first.id} was captured from a chat message that ${first.other} here was captured from already.`);
    throw err;
  }
}
