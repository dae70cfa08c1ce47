import http from 'node:http';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StartupError, SystemError, UserError } from '../../src/core/errors.js';
import { describeError } from '../../src/core/system-errors.js';
import { openDatabase } from '../../src/store/db.js';
import { tempDir } from '../helpers.js';
import { fullDatabase } from '../system-helpers.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

function listenError(port: number, host: string): Promise<Error> {
  const s = http.createServer();
  return new Promise((resolve, reject) => {
    s.once('error', resolve);
    s.listen(port, host, () => {
      s.close();
      reject(new Error(`listened on ${host}:${port}`));
    });
  });
}

describe('describeError', () => {
  it('SQLITE_FULL: the disk is full, free space where the database lives, nothing was saved', () => {
    const file = path.join(tempDir(), 'full.db');
    const db = fullDatabase(file);
    const err = thrown(() => db.prepare('INSERT INTO filler VALUES (?)').run('z'.repeat(100_000)));
    expect((err as { code: string }).code).toBe('SQLITE_FULL');
    const fault = describeError(err, { dbFile: file });
    expect(fault).toBeInstanceOf(SystemError);
    expect(fault?.code).toBe('disk-full');
    expect(fault?.message).toBe(`The database's disk is full: free space where ${file} lives (FOLLOWUP_DB); nothing was saved.`);
    expect(describeError(err)?.message).toMatch(/free space on the disk that holds the database \(FOLLOWUP_DB\)/);
    db.close();
  });

  it('SQLITE_READONLY: names the database and that it is read-only', () => {
    const file = path.join(tempDir(), 'ro.db');
    openDatabase(file).close();
    const db = new Database(file, { readonly: true });
    const err = thrown(() => db.exec('CREATE TABLE t (x)'));
    expect((err as { code: string }).code).toBe('SQLITE_READONLY');
    expect(describeError(err, { dbFile: file })).toMatchObject({ code: 'read-only', message: expect.stringMatching(new RegExp(`^The database ${file} \\(FOLLOWUP_DB\\) is read-only: .*nothing was saved\\.$`)) });
    db.close();
  });

  it('SQLITE_CANTOPEN: says what the database must be', () => {
    const dir = tempDir();
    const err = thrown(() => new Database(dir));
    expect(describeError(err, { dbFile: dir })).toMatchObject({ code: 'database-unavailable', message: expect.stringMatching(/^Cannot open the database .* \(FOLLOWUP_DB\): it must be a file \(not a folder\)/) });
  });

  it('a port in use names PORT, a host that does not resolve names HOST', async () => {
    const busy = http.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as { port: number }).port;
    try {
      const inUse = describeError(await listenError(port, '127.0.0.1'), { listen: { port, host: '127.0.0.1' } });
      expect(inUse).toMatchObject({ code: 'port-in-use', message: `PORT: ${port} is already in use on 127.0.0.1: stop the program that uses it, or set PORT to a free port.` });
    } finally {
      busy.close();
    }
    const unknown = describeError(await listenError(0, 'no such host'), { listen: { port: 0, host: 'no such host' } });
    expect(unknown).toMatchObject({ code: 'host-unknown', message: expect.stringMatching(/^HOST: "no such host" does not resolve to an address \(ENOTFOUND\): set HOST to an address such as 0\.0\.0\.0/) });
  });

  it('a file-system error names the setting, the path and the fix', () => {
    const err = thrown(() => mkdirSync('/etc/passwd/x'));
    const fault = describeError(err, { setting: { name: 'FOLLOWUP_DB', fix: 'set FOLLOWUP_DB to a file in a folder this user can write' } });
    expect(fault).toMatchObject({ code: 'bad-path', message: 'FOLLOWUP_DB: cannot create the folder /etc/passwd/x (a part of the path is a file, not a folder, ENOTDIR): set FOLLOWUP_DB to a file in a folder this user can write.' });
    const denied = Object.assign(new Error("EACCES: permission denied, open '/srv/out.jsonl'"), { code: 'EACCES', syscall: 'open', path: '/srv/out.jsonl' });
    expect(describeError(denied)).toMatchObject({ code: 'permission', message: 'cannot open /srv/out.jsonl (permission denied, EACCES): let the user running followup write there, or use another place.' });
  });

  it('leaves bugs and user mistakes alone', () => {
    const missing = Object.assign(new Error('ENOENT'), { code: 'ENOENT', syscall: 'open', path: '/x' });
    for (const err of [new Error('boom'), new TypeError('x is undefined'), new UserError('bad-input', 'no'), new StartupError('config', 'X: bad'), missing, 'a string', undefined]) {
      expect(describeError(err), String(err)).toBeUndefined();
    }
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE u (x UNIQUE); INSERT INTO u VALUES (1)');
    expect(describeError(thrown(() => db.exec('INSERT INTO u VALUES (1)')))).toBeUndefined(); // SQLITE_CONSTRAINT: ours
  });
});
