import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from '../../src/catalog/load.js';
import { SearchIndex } from '../../src/search/search.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { migrate, openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { catalog, copyData } from '../helpers.js';

function broken(edit: (text: string) => string): CatalogError {
  const dir = copyData();
  const f = path.join(dir, 'thesaurus.yaml');
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  try {
    loadCatalog(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return err as CatalogError;
  }
  throw new Error('the broken thesaurus loaded');
}

describe('data/thesaurus.yaml', () => {
  it('loads: at least 80 concepts, each with its preferred term and synonyms', () => {
    const t = catalog().thesaurus;
    expect(t.length).toBeGreaterThanOrEqual(80);
    const byId = new Map(t.map((c) => [c.id, c]));
    expect(byId.get('remittances')!.synonyms).toContain('money sent home');
    expect(byId.get('social-security-portability')!.synonyms).toEqual(expect.arrayContaining(['pensions', 'social security']));
    expect(byId.get('small-and-medium-enterprises')!.synonyms).toEqual(expect.arrayContaining(['small businesses', 'smes']));
  });

  it('a broken file stops the start, naming the file, the concept and the field', () => {
    const missing = broken((t) => t.replace('  - id: remittances\n    preferred: remittances\n', '  - id: remittances\n'));
    expect(missing.file).toMatch(/thesaurus\.yaml$/);
    expect(missing.item).toMatch(/concepts\[\d+\] \(remittances\)/);
    expect(missing.field).toBe('preferred');

    const twice = broken((t) => t.replace('synonyms: ["diasporas",', 'synonyms: ["money sent home", "diasporas",'));
    expect(twice.item).toBe('concept diaspora');
    expect(twice.field).toBe('synonyms.0');
    expect(twice.message).toMatch(/already a term of concept remittances/);

    const link = broken((t) => t.replace('related: [diaspora, remittance-costs]', 'related: [diaspora, nowhere]'));
    expect(link.item).toBe('concept remittances');
    expect(link.field).toBe('related.1');

    expect(broken((t) => `${t}\n  - id: [unclosed\n`).message).toMatch(/not valid YAML/);
    const dir = copyData();
    rmSync(path.join(dir, 'thesaurus.yaml'));
    expect(() => loadCatalog(dir)).toThrow(/thesaurus\.yaml: file not found/);
  });

  it('a changed thesaurus reaches the search at the next start', () => {
    const db = openDatabase(':memory:');
    syncCatalog(db, catalog(), new Date('2014-03-01T00:00:00Z'));
    const index = new SearchIndex(db);
    expect(index.search('cash transfers home').hits).toEqual([]);
    const dir = copyData();
    const f = path.join(dir, 'thesaurus.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('"money sent home",', '"money sent home", "cash transfers home",'));
    syncCatalog(db, loadCatalog(dir), new Date('2014-03-02T00:00:00Z'));
    expect(index.search('cash transfers home').expansions).toContainEqual({ term: 'remittances', for: 'cash transfers home' });
  });
});

describe('migration 7', () => {
  it('replaces the porter index by a lemma index, and the next start rebuilds it', () => {
    const db = openDatabase(':memory:', MIGRATIONS.slice(0, 6));
    // (Today's catalog sync needs today's schema: a meeting as an older version stored it.)
    db.prepare("INSERT INTO meetings (id, name, short_name, held_from, held_to, place, citation, catalog_hash) VALUES ('cm12-2014', 'x', 'x', '2014-02-20', '2014-02-21', 'x', 'x', ?)").run(catalog().hash);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'commitment_fts'").pluck().get()).toMatch(/porter/);
    migrate(db, MIGRATIONS);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'commitment_fts'").pluck().get()).not.toMatch(/porter/);
    expect(db.prepare('SELECT catalog_hash FROM meetings').pluck().all()).toEqual([null]);
    expect(syncCatalog(db, catalog(), new Date('2014-03-02T00:00:00Z')).changed).toBe(true);
    const index = new SearchIndex(db);
    expect(index.search('closely').hits.map((h) => h.id)).toContain('regional-commissions-partners');
    expect(index.search('closed').hits).toEqual([]);
  });
});
