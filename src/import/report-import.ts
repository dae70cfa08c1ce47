import { DateTime } from 'luxon';
import { slugify } from '../catalog/report.js';
import { UserError } from '../core/errors.js';
import { extract, type Extraction } from '../extract/extract.js';
import { CandidateRepository } from '../store/candidates-repo.js';
import { CommitmentRepository, ReferenceRepository } from '../store/commitments-repo.js';
import type { Db } from '../store/db.js';
import { ImportRepository } from '../store/import-repo.js';
import type { SharedWrites } from '../store/shared/contract.js';
import { OpRefused } from '../store/shared/ops.js';
import { SqliteWrites } from '../store/shared/sqlite-writes.js';
import { readReport } from './read.js';

export interface ReportImportOptions {
  meeting?: string;
  date?: string;
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Where the candidates are stored: `db` itself by default, or PostgreSQL's shared log. */
  writes?: SharedWrites;
}

export interface ReportImportResult {
  extraction: Extraction;
  meetingId: string;
  format: string;
  stored: boolean;
}

/** Checks --meeting and --date before anything is read. */
export function meetingOptions(opts: { meeting?: string; date?: string }): { name: string; date: string } {
  const name = opts.meeting?.trim();
  if (!name) throw new UserError('bad-usage', 'import needs the meeting’s name: --meeting "13th meeting".', 'e.g. `followup import report.pdf --meeting "13th meeting" --date 2015-02-19`');
  if (name.length > 120) throw new UserError('bad-usage', '--meeting: a name of at most 120 characters, e.g. "13th meeting".');
  const date = opts.date?.trim() ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date, { zone: 'UTC' }).isValid) {
    throw new UserError('bad-date', `--date expects the meeting’s first day as YYYY-MM-DD${date ? ` (got "${date.slice(0, 30)}")` : ''}.`, 'e.g. `--date 2015-02-19`');
  }
  return { name, date };
}

const alreadyThere = (name: string): UserError =>
  new UserError('import-file', `A meeting called "${name}" is already in the database.`, 'Review its candidates with `proposed`, or import under another --meeting name.');

/**
 * Reads a report, extracts candidate commitments and (unless a dry run) stores the meeting, its
 * sections, the report's abbreviations and the candidates as *proposed*, in one transaction:
 * a failure leaves nothing behind.
 */
export async function importReport(db: Db, file: string, opts: ReportImportOptions, now: Date): Promise<ReportImportResult> {
  const { name, date } = meetingOptions(opts);
  const { text, format } = await readReport(file);
  const meetingId = slugify(name).slice(0, 60) || 'meeting';
  const imports = new ImportRepository(db);
  const candidates = new CandidateRepository(db);
  const commitments = new CommitmentRepository(db);
  if (imports.meetingExists(meetingId)) throw alreadyThere(name);
  const reference = new ReferenceRepository(db);
  const extraction = extract(
    text,
    { id: meetingId, name, shortName: name.length <= 30 ? name : name.slice(0, 30), date },
    {
      known: commitments.actors().map((a) => ({ id: a.id, kind: a.kind, name: a.name, acronym: a.acronym ?? null, surname: a.surname ?? null, aliases: a.aliases })),
      abbreviations: new Map(reference.abbreviations().map((a) => [a.acronym, a.expansion])),
      tracks: reference.tracks(),
      taken: new Set([...commitments.allIds(), ...candidates.ids()]),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    },
  );
  if (extraction.paragraphs === 0) throw new UserError('import-file', `${file}: no paragraphs of text were found in it.`);
  if (opts.dryRun) return { extraction, meetingId, format, stored: false };
  const writes = opts.writes ?? new SqliteWrites(db);
  try {
    await writes.run('import-report', {
      meeting: { id: meetingId, name, shortName: name.length <= 30 ? name : name.slice(0, 30), heldFrom: date, heldTo: date, place: '', citation: `${name} (imported from ${format.toUpperCase()})` },
      sections: extraction.sections,
      abbreviations: extraction.abbreviations,
      candidates: extraction.candidates,
      at: now.toISOString(),
    });
  } catch (err) {
    // Another instance stored a meeting of that name while this one was reading the report.
    if (err instanceof OpRefused && err.detail.meeting) throw alreadyThere(name);
    throw err;
  }
  return { extraction, meetingId, format, stored: true };
}
