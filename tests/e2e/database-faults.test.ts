import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { count, expectRunuser, expectSystemFault, run, sharedDatabase } from './faults.js';

beforeAll(expectRunuser);

describe('the database file and its folder', () => {
  it('a FOLLOWUP_DB under a file (ENOTDIR) exits 1 naming FOLLOWUP_DB', () => {
    const file = path.join(tempDir(), 'plain');
    writeFileSync(file, 'x');
    expectSystemFault(run(['ask', 'agenda'], { FOLLOWUP_DB: path.join(file, 'sub', 'f.db') }), new RegExp(`^followup: FOLLOWUP_DB: cannot create the folder ${file}/sub \\(a part of the path is a file, not a folder, ENOTDIR\\)`));
  });

  it('a FOLLOWUP_DB under /proc exits 1 at once naming FOLLOWUP_DB (it used to spin at 100% CPU)', () => {
    expectSystemFault(run(['ask', 'agenda'], { FOLLOWUP_DB: '/proc/1/nope/f.db' }), /^followup: FOLLOWUP_DB: cannot create the folder \/proc\/1\/nope /);
  });

  it('a folder the user may not create (EACCES) exits 1 naming FOLLOWUP_DB', () => {
    const closed = tempDir(); // 0700, root's
    expectSystemFault(run(['ask', 'agenda'], { FOLLOWUP_DB: path.join(closed, 'var', 'f.db') }, { asNobody: true }), /^followup: FOLLOWUP_DB: cannot create the folder .*\/var \(permission denied, EACCES\): create that folder, or set FOLLOWUP_DB/);
  });

  it('a read-only database file (0444) exits 1 naming it, and nothing is written', () => {
    const { db } = sharedDatabase();
    chmodSync(db, 0o444);
    const before = count(db, 'SELECT count(*) FROM audit');
    const r = run(['ask', 'progress knomad-recruitment-costs invoice sent'], { FOLLOWUP_DB: db }, { asNobody: true });
    expectSystemFault(r, new RegExp(`^followup: The database ${db} \\(FOLLOWUP_DB\\) is read-only: let the user running followup write the file and its folder`));
    expect(r.out).not.toMatch(/Sorry/);
    expect(count(db, 'SELECT count(*) FROM audit')).toBe(before);
  });

  it('a database folder that is not writable exits 1: SQLite needs it for its journal', () => {
    const { dir, db } = sharedDatabase();
    chmodSync(db, 0o666);
    chmodSync(dir, 0o755);
    expectSystemFault(run(['ask', 'done knomad-recruitment-costs'], { FOLLOWUP_DB: db }, { asNobody: true }), /^followup: The database .* \(FOLLOWUP_DB\) is read-only/);
  });
});
