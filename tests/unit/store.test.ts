import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { StartupError } from '../../src/core/errors.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { migrate, openDatabase, schemaVersion } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { catalog, copyData, tempDir } from '../helpers.js';

const NOW = new Date('2014-03-01T00:00:00Z');
const count = (db: ReturnType<typeof openDatabase>, table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('migrations', () => {
  it('bring a new database to the latest user_version, on a file in WAL mode', () => {
    const file = path.join(tempDir(), 'sub', 'f.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openDatabase(file); // re-opening runs nothing and keeps the version
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuse a database newer than the code, naming what to do', () => {
    const file = path.join(tempDir(), 'new.db');
    const db = openDatabase(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(StartupError);
    expect(() => openDatabase(file)).toThrow(/schema version \d+.*only up to \d+.*Upgrade followup/);
  });

  it('run in one transaction: a failing migration leaves nothing behind', () => {
    const db = openDatabase(':memory:', []);
    const failing = [
      { version: 1, name: 'ok', up: (d: typeof db) => d.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'boom', up: () => { throw new Error('boom'); } },
    ];
    expect(() => migrate(db, failing)).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'a'").pluck().get()).toBe(0);
  });

  it('refuse misnumbered migrations', () => {
    const db = openDatabase(':memory:', []);
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => undefined }])).toThrow(/expected 1/);
  });
});

describe('catalog sync', () => {
  it('is idempotent: loading twice changes nothing and duplicates nothing', () => {
    const db = openDatabase(':memory:');
    const first = syncCatalog(db, catalog(), NOW);
    expect(first).toMatchObject({ changed: true, added: catalog().commitments.length, retired: 0 });
    const sizes = ['commitments', 'commitment_actors', 'commitment_fts', 'actors', 'sections'].map((t) => count(db, t));
    expect(syncCatalog(db, catalog(), NOW)).toEqual({ changed: false, added: 0, updated: 0, retired: 0 });
    expect(['commitments', 'commitment_actors', 'commitment_fts', 'actors', 'sections'].map((t) => count(db, t))).toEqual(sizes);
  });

  it('survives a restart on a file: the second process finds the catalog already there', () => {
    const file = path.join(tempDir(), 'r.db');
    const a = openDatabase(file);
    syncCatalog(a, catalog(), NOW);
    a.close();
    const b = openDatabase(file);
    expect(syncCatalog(b, catalog(), NOW).changed).toBe(false);
    expect(count(b, 'commitments')).toBe(catalog().commitments.length);
    b.close();
  });

  it('applies a changed data file without erasing what users set, and retires removed items', () => {
    const db = openDatabase(':memory:');
    syncCatalog(db, catalog(), NOW);
    // A user marks an item done (a later issue adds the command; the column is the contract).
    db.prepare("UPDATE commitments SET status = 'done', status_source = 'user' WHERE id = 'knomad-recruitment-costs'").run();

    const dir = copyData();
    const f = path.join(dir, 'commitments.yaml');
    let text = readFileSync(f, 'utf8');
    text = text.replace('KNOMAD is gathering information on recruitment costs by occupation', 'KNOMAD gathers information on recruitment costs by occupation');
    text = text.replace(/ {2}- id: owg-integrated-goals\n(?: {4}.*\n)+?(?= {2}- id:)/, '');
    writeFileSync(f, text);
    const changed = loadCatalog(dir);

    const r = syncCatalog(db, changed, new Date('2014-04-01T00:00:00Z'));
    expect(r).toMatchObject({ changed: true, added: 0, retired: 1 });
    const row = db.prepare("SELECT summary, status FROM commitments WHERE id = 'knomad-recruitment-costs'").get() as { summary: string; status: string };
    expect(row.summary).toMatch(/^KNOMAD gathers information/);
    expect(row.status).toBe('done');
    expect(db.prepare("SELECT retired_at FROM commitments WHERE id = 'owg-integrated-goals'").pluck().get()).toBe('2014-04-01T00:00:00.000Z');
    // Retired items leave the search index.
    const hits = db.prepare("SELECT count(*) FROM commitment_fts WHERE rowid = (SELECT seq FROM commitments WHERE id = 'owg-integrated-goals')").pluck().get();
    expect(hits).toBe(0);
    // And come back if the data file restores them, keeping their row.
    syncCatalog(db, catalog(), new Date('2014-05-01T00:00:00Z'));
    expect(db.prepare("SELECT retired_at FROM commitments WHERE id = 'owg-integrated-goals'").pluck().get()).toBeNull();
    expect(count(db, 'commitments')).toBe(catalog().commitments.length);
  });

  it('a catalog status change follows the data unless a user changed it', () => {
    const db = openDatabase(':memory:');
    const c = catalog();
    syncCatalog(db, c, NOW);
    const edited = { ...c, hash: 'other', commitments: c.commitments.map((x) => (x.id === 'owg-focus-areas' ? { ...x, status: 'done' as const } : x)) };
    syncCatalog(db, edited, NOW);
    expect(db.prepare("SELECT status FROM commitments WHERE id = 'owg-focus-areas'").pluck().get()).toBe('done');
  });
});
