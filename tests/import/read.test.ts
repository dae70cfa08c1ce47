import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { importReport } from '../../src/import/report-import.js';
import { readReport } from '../../src/import/read.js';
import { openDatabase } from '../../src/store/db.js';
import { makePdf } from '../fixtures/pdf.js';
import { tempDir } from '../helpers.js';

const dir = tempDir('followup-import-');
const file = (name: string, content: string | Buffer): string => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
async function refusal(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err, 'a clear, coded refusal').toBeInstanceOf(UserError);
  return err as UserError;
}

describe('reading reports', () => {
  it('reads the text layer of a PDF, paragraphs separated by the gaps between lines', async () => {
    const pdf = file('report.pdf', makePdf([['REPORT OF THE MEETING', '', 'The Fund would publish its rules by May 2025.', 'It would also hire staff.', '', 'Ms. Holm thanked everyone.']]));
    const { text, format } = await readReport(pdf);
    expect(format).toBe('pdf');
    expect(text).toMatch(/The Fund would publish its rules by May 2025\.\nIt would also hire staff\./);
    expect(text).toMatch(/hire staff\.\n\nMs\. Holm/);
  });

  it('refuses an empty file, a binary file, a PDF without text, a 20 MB text and an unknown format', async () => {
    expect((await refusal(readReport(file('empty.txt', '')))).message).toMatch(/empty\.txt is empty/);
    expect((await refusal(readReport(file('blob.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]))))).message).toMatch(/binary/);
    expect((await refusal(readReport(file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xe9]))))).message).toMatch(/not UTF-8/);
    expect((await refusal(readReport(file('scan.pdf', makePdf([null, null]))))).message).toMatch(/no text layer/);
    expect((await refusal(readReport(file('fake.pdf', 'just words, not a PDF')))).message).toMatch(/not a PDF/);
    const huge = await refusal(readReport(file('huge.txt', 'The Fund would act. '.repeat(1_048_576))));
    expect(huge.message).toMatch(/huge\.txt is 20\.0 MB; followup reads files up to 5 MB/);
    const docx = await refusal(readReport(file('report.docx', 'PK')));
    expect(docx.message).toMatch(/\.txt, \.md or \.pdf/);
    expect(docx.hint).toMatch(/followup import/);
    expect((await refusal(readReport(path.join(dir, 'missing.txt')))).message).toMatch(/no such file/);
  });
});

describe('importing a report', () => {
  it('checks --meeting and --date first, and leaves nothing behind when it fails', async () => {
    const db = openDatabase(':memory:');
    const ok = file('ok.txt', 'REPORT\n\nThe Fund would publish its rules by May 2025.\n');
    expect((await refusal(importReport(db, ok, { dryRun: false, date: '2025-03-03' }, new Date()))).message).toMatch(/--meeting/);
    expect((await refusal(importReport(db, ok, { dryRun: false, meeting: 'M', date: '3 March' }, new Date()))).message).toMatch(/--date expects/);
    expect((await refusal(importReport(db, ok, { dryRun: false, meeting: 'M', date: '2025-02-30' }, new Date()))).message).toMatch(/--date expects/);
    await refusal(importReport(db, file('bad.txt', ''), { dryRun: false, meeting: 'Fourth meeting', date: '2025-03-03' }, new Date()));
    const count = (t: string): number => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    expect([count('meetings'), count('candidates'), count('sections')]).toEqual([0, 0, 0]);

    // A failure inside the transaction (a candidate id that clashes) rolls everything back.
    const r = await importReport(db, ok, { dryRun: false, meeting: 'Fourth meeting', date: '2025-03-03' }, new Date());
    expect(r.stored).toBe(true);
    expect([count('meetings'), count('candidates')]).toEqual([1, r.extraction.candidates.length]);
    expect((await refusal(importReport(db, ok, { dryRun: false, meeting: 'Fourth meeting', date: '2025-03-03' }, new Date()))).message).toMatch(/already in the database/);
    db.exec("CREATE TRIGGER boom BEFORE INSERT ON candidates BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    await expect(importReport(db, ok, { dryRun: false, meeting: 'Fifth meeting', date: '2026-03-03' }, new Date())).rejects.toThrow(/disk trouble/);
    expect([count('meetings'), count('candidates')]).toEqual([1, r.extraction.candidates.length]);
  });

  it('a dry run stores nothing', async () => {
    const db = openDatabase(':memory:');
    const r = await importReport(db, file('dry.txt', 'REPORT\n\nThe Fund would publish its rules by May 2025.\n'), { dryRun: true, meeting: 'Dry meeting', date: '2025-03-03' }, new Date());
    expect(r.extraction.candidates).toHaveLength(1);
    expect(db.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(0);
  });
});
