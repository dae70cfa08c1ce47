import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure, UsageError } from '../../src/cli/failure.js';
import { StartupError, SystemError, UserError } from '../../src/core/errors.js';
import { toJson } from '../../src/export/json.js';
import { exportSet } from '../../src/export/records.js';
import { createHttpServer } from '../../src/http/server.js';
import { importRecords } from '../../src/import/records-import.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { openDatabase } from '../../src/store/db.js';
import { capturedLogger, started } from '../http/helpers.js';
import { catalog, tempDir, testBot } from '../helpers.js';
import { fillUp } from '../system-helpers.js';

const NOTE = `progress knomad-recruitment-costs ${'z'.repeat(900)}`;
const notes = (db: ReturnType<typeof openDatabase>): number => db.prepare("SELECT count(*) FROM audit WHERE commitment_id = 'knomad-recruitment-costs'").pluck().get() as number;

describe('the chat on a full disk (SQLITE_FULL)', () => {
  it('answers what to fix instead of the apology, logs it, saves nothing, and keeps answering', async () => {
    const { log, text } = capturedLogger();
    const t = testBot('2014-06-15T09:00:00Z', { db: openDatabase(path.join(tempDir(), 'f.db')), log });
    fillUp(t.db);
    const before = notes(t.db);
    // The pages the tables already have still hold a few notes; the first that needs a new page fails.
    let saved = 0;
    let reply = await t.ask(NOTE);
    for (; !reply.fault && saved < 20; reply = await t.ask(NOTE)) saved++;
    expect(reply).toEqual({ title: `The database's disk is full: free space where ${t.db.name} lives (FOLLOWUP_DB); nothing was saved.`, tone: 'error', fault: 'disk-full' });
    expect(saved).toBeLessThan(20);
    expect(notes(t.db)).toBe(before + saved);
    expect(text()).toContain('"code":"disk-full"');
    expect(text()).toContain('"code":"SQLITE_FULL"');
    expect((await t.ask('agenda 7')).title).toBe('Agenda point 7: Strengthen the migration evidence base');
  });

  it('a read-only database gets its own answer (SQLITE_READONLY)', async () => {
    const t = testBot();
    t.db.pragma('query_only = ON');
    expect(await t.ask('done knomad-recruitment-costs')).toMatchObject({ title: expect.stringMatching(/^The database \(FOLLOWUP_DB\) is read-only: /), fault: 'read-only' });
  });

  it('a bug still gets the apology', async () => {
    const t = testBot();
    t.db.exec('DROP TABLE audit');
    expect((await t.ask(NOTE)).title).toBe('Sorry — something went wrong on my side.');
  });
});

describe('the CLI error tier', () => {
  it('import on a full disk: exit 1 naming the full disk, and nothing is half-written', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'f.db');
    const db = openDatabase(file);
    syncCatalog(db, catalog(), new Date('2014-03-01T00:00:00Z'));
    const exported = JSON.parse(toJson(exportSet(db))) as { commitments: Array<{ status: string }> };
    for (const c of exported.commitments) c.status = 'blocked';
    const json = path.join(dir, 'all.json');
    writeFileSync(json, JSON.stringify(exported));
    fillUp(db);
    let err: unknown;
    try {
      await importRecords(db, json, new Date('2014-06-15T09:00:00Z'));
    } catch (e) {
      err = e;
    }
    expect(failure(err, { dbFile: file }, 'usage', false)).toEqual({ status: 1, text: `followup: The database's disk is full: free space where ${file} lives (FOLLOWUP_DB); nothing was saved.\n` });
    expect(db.prepare("SELECT count(*) FROM commitments WHERE status = 'blocked'").pluck().get()).toBe(0);
  });

  it('keeps the other statuses: 2 for usage, 1 for a mistake or the configuration, 70 for a bug', () => {
    expect(failure(new UsageError('bad'), {}, 'Usage: x', false)).toEqual({ status: 2, text: 'followup: bad\n\nUsage: x\n' });
    expect(failure(new UserError('import-file', 'x.txt: no such file.', 'Try `y`'), {}, '', false)).toEqual({ status: 1, text: 'followup: x.txt: no such file.\nTry y\n' });
    expect(failure(new StartupError('config', 'PORT: bad.'), {}, '', false)).toEqual({ status: 1, text: 'followup: PORT: bad.\n' });
    expect(failure(new SystemError('port-in-use', 'PORT: 1 is in use.'), {}, '', false)).toEqual({ status: 1, text: 'followup: PORT: 1 is in use.\n' });
    expect(failure(new Error('boom'), {}, '', false)).toMatchObject({ status: 70, text: expect.stringMatching(/^followup: internal error: boom\n.*please report it/) });
  });
});

describe('the HTTP error tier', () => {
  it('a system fault is answered 503 and logged with what to fix; a bug 500', async () => {
    const t = testBot();
    t.db.pragma('query_only = ON');
    const { log, text } = capturedLogger();
    const server = createHttpServer(
      [
        { method: 'POST', path: '/write', handler: () => void t.db.exec("UPDATE commitments SET status = 'done'") },
        { method: 'POST', path: '/bug', handler: () => { throw new TypeError('x is undefined'); } },
      ],
      log,
    );
    const s = await started(server);
    try {
      const fault = await fetch(`${s.url}/write`, { method: 'POST' });
      expect(fault.status).toBe(503);
      expect(fault.headers.get('retry-after')).toBe('300');
      expect(await fault.text()).toBe('Sorry — the server has a problem its operator must fix. It has been logged.\n');
      expect(text()).toMatch(/"code":"read-only".*"msg":"The database \(FOLLOWUP_DB\) is read-only: /);
      expect((await fetch(`${s.url}/bug`, { method: 'POST' })).status).toBe(500);
      expect(text()).toContain('"msg":"request handler failed"');
    } finally {
      await s.stop();
    }
  });
});
