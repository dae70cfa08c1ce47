import path from 'node:path';
import { UserError } from '../core/errors.js';
import { fromCsv } from '../export/csv.js';
import { commitmentRecordSchema, exportFileSchema } from '../export/json.js';
import { reindexSearch } from '../search/indexer.js';
import type { Db } from '../store/db.js';
import { ImportRepository, type CommitmentRecord, type MeetingRecord } from '../store/import-repo.js';
import { MessageRepository } from '../store/messages-repo.js';
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
 * there, the chat message it was captured from). The search index is rebuilt in the same transaction.
 */
export function importRecords(db: Db, file: string, now: Date): RecordsImportResult {
  const { meetings, commitments } = parseRecords(file);
  const repo = new ImportRepository(db);
  const messages = new MessageRepository(db);
  let added = 0;
  let updated = 0;
  db.transaction(() => {
    for (const m of meetings) repo.ensureMeeting(m, now);
    for (const c of commitments) {
      repo.ensureSections(c.meetingId, [c.section]);
      repo.ensureActors(c.actors);
      repo.ensureTracks(c.tracks);
      if (repo.upsertCommitment(c, now) === 'added') added++;
      else updated++;
      // An item captured from chat keeps its message (permalink, author, channel, time).
      if (c.message) {
        const other = messages.keep({ ...c.message, commitmentId: c.id });
        if (other) bad(file, `${c.id} was captured from a chat message that ${other} here was captured from already.`);
      }
    }
    reindexSearch(db);
  }).immediate();
  return { added, updated, meetings: meetings.map((m) => m.id) };
}
