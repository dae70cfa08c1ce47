import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { count, expectSystemFault, run, sharedDatabase } from './faults.js';

describe('a disk that refuses writes (a file-size limit)', () => {
  it('import exits 1 naming the database and its disk, and nothing is half-written', () => {
    const { dir, db } = sharedDatabase();
    const exported = JSON.parse(run(['export', 'json'], { FOLLOWUP_DB: db }).out) as { commitments: Array<{ status: string }> };
    for (const c of exported.commitments) c.status = 'blocked';
    const file = path.join(dir, 'all-blocked.json');
    writeFileSync(file, JSON.stringify(exported));
    const r = run(['import', file], { FOLLOWUP_DB: db }, { fileLimitKb: 40 });
    expectSystemFault(r, new RegExp(`^followup: Could not read or write the database ${db} \\(FOLLOWUP_DB\\) \\(disk I/O error, SQLITE_IOERR_WRITE\\): check the disk where it lives .*; nothing was saved\\.`));
    expect(count(db, "SELECT count(*) FROM commitments WHERE status = 'blocked'")).toBe(0);
    expect(run(['import', file], { FOLLOWUP_DB: db }).code).toBe(0); // with room again, it works
    expect(count(db, "SELECT count(*) FROM commitments WHERE status = 'blocked'")).toBe(exported.commitments.length);
  });

  it('`ask` answers what to fix and exits 1; what it refused is not stored', () => {
    const { db } = sharedDatabase();
    const note = `progress knomad-recruitment-costs ${'z'.repeat(900)}`;
    const before = count(db, 'SELECT count(*) FROM audit');
    // Under the limit each run leaves its journal (-wal) unmerged, so it grows until a write no longer fits.
    let saved = 0;
    let r = run(['ask', note], { FOLLOWUP_DB: db }, { fileLimitKb: 33 });
    for (; r.code === 0 && saved < 20; r = run(['ask', note], { FOLLOWUP_DB: db }, { fileLimitKb: 33 })) saved++;
    expect(r.code).toBe(1);
    expect(r.out.replace(/\s+/g, ' ').startsWith(`Could not read or write the database ${db} (FOLLOWUP_DB) (disk I/O error, SQLITE_IOERR_WRITE): check the disk where it lives`)).toBe(true);
    expect(r.out).not.toMatch(/Sorry/);
    expect(count(db, 'SELECT count(*) FROM audit')).toBe(before + saved);
  });

  it('the console chat says so, keeps running, and stores only what it acknowledged', () => {
    const { db } = sharedDatabase();
    const notes = Array.from({ length: 30 }, (_, i) => `progress knomad-recruitment-costs note ${i} ${'z'.repeat(900)}`);
    const r = run([], { FOLLOWUP_DB: db }, { input: `${notes.join('\n')}\nagenda 7\nexit\n`, fileLimitKb: 40 });
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/Sorry — something went wrong/);
    expect(r.out.replace(/\s+/g, ' ')).toMatch(/Could not read or write the database \S+ \(FOLLOWUP_DB\) \(disk I\/O error, SQLITE_IOERR_WRITE\): check the disk where it lives.*nothing was saved\./);
    expect(r.out).toContain('Agenda point 7: Strengthen the migration evidence base');
    const acknowledged = (r.out.match(/note added/g) ?? []).length;
    expect(acknowledged).toBeLessThan(30);
    expect(count(db, "SELECT count(*) FROM audit WHERE note LIKE 'note %'")).toBe(acknowledged);
  });
});
