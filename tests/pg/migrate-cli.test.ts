import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { expectSystemFault, run } from '../e2e/faults.js';
import { tempDir } from '../helpers.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { PG_MIGRATIONS } from '../../src/store/pg/migrations/index.js';
import { freshDatabase, passwordUser, urlFor } from './db.js';

const PG_LATEST = PG_MIGRATIONS.at(-1)!.version;
const PG_LIST = PG_MIGRATIONS.map((m) => `  ${String(m.version).padStart(3, '0')} ${m.name}`.replace(/[()]/g, '\\$&')).join('\\n');
const LITE_LATEST = MIGRATIONS.at(-1)!.version;

/** `followup migrate` as an operator runs it: the built CLI, its output and exit status. */
describe('followup migrate', () => {
  it('migrates a PostgreSQL database, then finds it up to date', async () => {
    const url = await freshDatabase();
    const db = new URL(url).pathname.slice(1);
    const first = run(['migrate'], { FOLLOWUP_DATABASE_URL: url });
    expect(first.err).toBe('');
    expect(first.out).toMatch(new RegExp(`^PostgreSQL database "${db}" on the socket in /\\S+ \\(port 5432\\) \\(FOLLOWUP_DATABASE_URL\\): migrated from schema version 0 to ${PG_LATEST}:\\n${PG_LIST}\\n$`));
    expect(first.out).toContain('  008 baseline (SQLite 001–008)\n');
    expect(first.code).toBe(0);
    const again = run(['migrate'], { FOLLOWUP_DATABASE_URL: url });
    expect(again.out).toMatch(new RegExp(`: schema version ${PG_LATEST}, up to date\\.\\n$`));
    expect(again.code).toBe(0);
  });

  it('migrates the SQLite file when no FOLLOWUP_DATABASE_URL is set', () => {
    const file = path.join(tempDir(), 'f.db');
    const r = run(['migrate'], { FOLLOWUP_DB: file });
    expect(r.out).toMatch(new RegExp(`^SQLite database ${file.replace(/[.]/g, '\\.')} \\(FOLLOWUP_DB\\): migrated from schema version 0 to ${LITE_LATEST}:\\n  001 catalog\\n(  0\\d\\d .+\\n){${LITE_LATEST - 1}}$`));
    expect(r.code).toBe(0);
    expect(run(['migrate'], { FOLLOWUP_DB: file }).out).toMatch(new RegExp(`schema version ${LITE_LATEST}, up to date`));
  });

  it('names FOLLOWUP_DATABASE_URL when the server is down (no socket, or a closed port)', () => {
    const noSocket = `postgres://postgres@localhost:5432/followup?host=${encodeURIComponent(path.join(tempDir(), 'nothing-here'))}`;
    expectSystemFault(run(['migrate'], { FOLLOWUP_DATABASE_URL: noSocket }), /^followup: FOLLOWUP_DATABASE_URL: cannot reach the PostgreSQL server at the socket in \/\S+nothing-here \(port 5432\) \(ENOENT\): start it, or set FOLLOWUP_DATABASE_URL to the right host and port\.\n$/);
    expectSystemFault(run(['migrate'], { FOLLOWUP_DATABASE_URL: 'postgresql://followup:secret-pw@127.0.0.1:1/followup' }), /^followup: FOLLOWUP_DATABASE_URL: cannot reach the PostgreSQL server at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
  });

  it('says the login was refused for a wrong password, without repeating it', async () => {
    const user = passwordUser();
    const r = run(['migrate'], { FOLLOWUP_DATABASE_URL: urlFor('postgres', { name: user.name, password: 'not-the-password' }) });
    expectSystemFault(r, /^followup: FOLLOWUP_DATABASE_URL: the PostgreSQL server at the socket in \S+ \(port 5432\) refused the login of user "followup_pw" \(wrong password, or no access for that user, 28P01\): fix the user name and password in FOLLOWUP_DATABASE_URL\.\n$/);
    expect(r.err).not.toContain('not-the-password');
    // No password at all where the server asks for one: still about the URL, not an internal error.
    expectSystemFault(run(['migrate'], { FOLLOWUP_DATABASE_URL: urlFor('postgres', { name: user.name }) }), /^followup: FOLLOWUP_DATABASE_URL: cannot connect to the PostgreSQL server at the socket in \S+ \(port 5432\) as user "followup_pw": /);
    // The right one logs in: the refusal was the password's.
    const client = new pg.Client({ connectionString: urlFor('postgres', user) });
    await client.connect();
    await client.end();
  });

  it("refuses another application's database and a database that does not exist", async () => {
    const url = await freshDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE wp_posts (id int)');
    await client.end();
    expectSystemFault(run(['migrate'], { FOLLOWUP_DATABASE_URL: url }), /^followup: FOLLOWUP_DATABASE_URL: the database "t_[0-9a-f]+" holds tables that are not followup's \(wp_posts\)/);
    expectSystemFault(run(['migrate'], { FOLLOWUP_DATABASE_URL: urlFor('no_such_db') }), /^followup: FOLLOWUP_DATABASE_URL: the database "no_such_db" does not exist on .+: create it \(createdb no_such_db\)/);
  });

  it('refuses a FOLLOWUP_DATABASE_URL that is not a PostgreSQL URL, without echoing it', () => {
    for (const bad of ['mysql://root:hunter2@db/x', 'db.example.org', 'postgres://']) {
      const r = run(['migrate'], { FOLLOWUP_DATABASE_URL: bad });
      expectSystemFault(r, /^followup: FOLLOWUP_DATABASE_URL: expected a PostgreSQL URL such as postgres:\/\/followup:password@db\.example\.org:5432\/followup \(the value is not shown: it is a secret\)\.\n$/);
      expect(r.err).not.toContain('hunter2');
    }
  });
});
