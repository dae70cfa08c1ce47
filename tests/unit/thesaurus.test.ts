import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { SearchIndex } from '../../src/search/search.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { migrate, openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { catalog, copyData } from '../helpers.js';

describe('data/thesaurus.yaml', () => {
  it('loads: at least 80 concepts, each with its preferred term and synonyms', () => {
    const t = catalog().thesaurus;
    expect(t.length).toBeGreaterThanOrEqual(80);
    const byId = new Map(t.map((c) => [c.id, c]));
    expect(byId.get('remittances')!.synonyms).toContain('money sent home');
    expect(byId.get('social-security-portability')!.synonyms).toEqual(expect.arrayContaining(['pensions', 'social security']));
    expect(byId.get('small-and-medium-enterprises')!.synonyms).toEqual(expect.arrayContaining(['small businesses', 'smes']));
  });

  it('a changed thesaurus reaches the search at the next start', () => {
    const db = openDatabase(':memory:');
    syncCatalog(db, catalog(), new Date('2014-03-01T00:00:00Z'));
    const index = new SearchIndex(db);
    expect(index.search('hawala transfers home').hits).toEqual([]);
    const dir = copyData();
    const f = path.join(dir, 'thesaurus.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('"money sent home",', '"money sent home", "hawala transfers home",'));
    syncCatalog(db, loadCatalog(dir), new Date('2014-03-02T00:00:00Z'));
    expect(index.search('hawala transfers home').expansions).toContainEqual({ term: 'remittances', for: 'hawala transfers home' });
  });
});

describe('migration 8', () => {
  it('replaces the porter index by a lemma index, and the next start rebuilds it', () => {
    const db = openDatabase(':memory:', MIGRATIONS.slice(0, 7));
    // (Today's catalog sync needs today's schema: a meeting as an older version stored it.)
    db.prepare("INSERT INTO meetings (id, name, short_name, held_from, held_to, place, citation, catalog_hash) VALUES ('cm12-2014', 'x', 'x', '2014-02-20', '2014-02-21', 'x', 'x', ?)").run(catalog().hash);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'commitment_fts'").pluck().get()).toMatch(/porter/);
    migrate(db, MIGRATIONS);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'commitment_fts'").pluck().get()).not.toMatch(/porter/);
    expect(db.prepare('SELECT catalog_hash FROM meetings').pluck().all()).toEqual([null]);
    expect(syncCatalog(db, catalog(), new Date('2014-03-02T00:00:00Z')).changed).toBe(true);
    const index = new SearchIndex(db);
    expect(index.search('closely').hits.map((h) => h.id)).toContain('regional-commissions-partners');
    expect(index.search('closed').hits.map((h) => h.id)).not.toContain('regional-commissions-partners');
  });
});
