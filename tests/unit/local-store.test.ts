import { describe, expect, it } from 'vitest';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { openDatabase } from '../../src/store/db.js';
import { localStore } from '../../src/store/shared/local.js';
import { catalog } from '../helpers.js';

/** A database with the catalog and an empty search index (as after an item was added and before a rebuild). */
function emptiedIndex() {
  const db = openDatabase(':memory:');
  syncCatalog(db, catalog(), new Date('2014-03-05T12:00:00Z'));
  db.prepare('DELETE FROM commitment_fts').run();
  return db;
}
const indexed = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT count(*) FROM commitment_fts').pluck().get() as number;

describe('the repositories an operation writes through (localStore)', () => {
  it('rebuilds the search index at once by default', () => {
    const db = emptiedIndex();
    const s = localStore(db);
    s.reindex();
    expect(indexed(db)).toBe(catalog().commitments.length);
    expect(s.flushIndex()).toBe(false);
  });

  it('with deferIndex (a replica applying a batch of log entries), rebuilds once, at the flush', () => {
    const db = emptiedIndex();
    const s = localStore(db, { deferIndex: true });
    s.reindex();
    s.reindex();
    expect(indexed(db)).toBe(0);
    expect(s.flushIndex()).toBe(true);
    expect(indexed(db)).toBe(catalog().commitments.length);
    expect(s.flushIndex()).toBe(false);
  });
});
