import { describe, expect, it } from 'vitest';
import { lemmas } from '../../src/search/lemmas.js';
import { METADATA_SHARE, SearchIndex } from '../../src/search/search.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { openDatabase } from '../../src/store/db.js';
import { catalog } from '../helpers.js';

const db = openDatabase(':memory:');
syncCatalog(db, catalog(), new Date('2014-03-01T00:00:00Z'));
const index = new SearchIndex(db);
const ids = (q: string): string[] => index.search(q, { limit: 50 }).hits.map((h) => h.id);
/** The items whose columns (an FTS5 column filter) hold the phrase of lemmas. */
const holding = (filter: string): Set<string> =>
  new Set(db.prepare('SELECT c.id FROM commitment_fts f JOIN commitments c ON c.seq = f.rowid WHERE commitment_fts MATCH ?').pluck().all(filter) as string[]);

describe('what an item says beats how it is filed', () => {
  it.each(['evidence base', 'A/RES/68/4', 'regional processes'])('“%s”: every item that says it ranks above every item only filed under it', (q) => {
    const phrase = `"${lemmas(q).join(' ')}"`;
    const says = holding(`{actors summary quote body} : ${phrase}`);
    const filed = holding(`tracks : ${phrase}`);
    const onlyFiled = [...filed].filter((id) => !says.has(id));
    expect(says.size, q).toBeGreaterThan(0);
    expect(onlyFiled.length, q).toBeGreaterThan(0);
    const got = ids(q);
    const lastSayer = Math.max(...got.map((id, i) => (says.has(id) ? i : -1)));
    const firstFiled = Math.min(...got.map((id, i) => (onlyFiled.includes(id) ? i : Infinity)));
    expect(lastSayer, q).toBeGreaterThanOrEqual(0);
    expect(lastSayer, `${q}: ${got.join(', ')}`).toBeLessThan(firstFiled);
    // The filing counts, at a share: an item only filed under it covers the query less.
    const hits = index.search(q, { limit: 50 }).hits;
    const sayer = hits.find((h) => says.has(h.id))!;
    const filer = hits.find((h) => onlyFiled.includes(h.id))!;
    expect(METADATA_SHARE).toBeLessThan(1);
    expect(filer.score).toBeCloseTo(sayer.score * METADATA_SHARE, 6);
  });
});
