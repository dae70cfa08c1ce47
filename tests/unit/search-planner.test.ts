import { describe, expect, it } from 'vitest';
import { buildSyntheticCatalog } from '../../bench/synthetic.js';
import { SearchIndex } from '../../src/search/search.js';
import { openDatabase } from '../../src/store/db.js';

// A catalog large enough that common words get champion lists (see CHAMPION_MIN_DF).
const db = openDatabase(':memory:');
buildSyntheticCatalog(db, 8_000, 7);
const index = new SearchIndex(db);
// The reference: the same ranking over every matching document (no champion lists).
const exact = (q: string): string[] => index.search(q, { exhaustive: true }).hits.map((h) => h.id);

describe('query planning on a large catalog', () => {
  it('uses champion lists for common words and scores rare ones exactly', () => {
    expect(index.search('global agenda').plan).toBe('champions');
    expect(index.search('Almaty Kazakhstan').plan).toBe('exact');
  });

  it('single common words: the same top ten as ranking every document', () => {
    for (const q of ['KNOMAD', 'remittances', 'Ratha', 'trafficking', 'ILO']) expect(index.search(q).hits.map((h) => h.id), q).toEqual(exact(q));
  });

  it('several words: the same best answer as ranking every document', () => {
    for (const q of ['recruitment costs', 'human trafficking', 'visas and similar barriers', 'rights of migrants', 'post-2015 development agenda']) {
      const ours = index.search(q).hits.map((h) => h.id);
      const reference = exact(q);
      expect(ours[0], q).toBe(reference[0]);
      expect(ours.filter((id) => reference.includes(id)).length, q).toBeGreaterThanOrEqual(7);
    }
  });

  it('whenever it claims a proof, its top ten is exactly the top ten of ranking every document', () => {
    let proven = 0;
    for (const q of ['recruitment costs', 'human trafficking', 'visas and similar barriers', 'rights of migrants', 'post-2015 development agenda', 'global partnerships target indicators', 'statistics Europe', 'migrant smuggling South-East Asia']) {
      const r = index.search(q);
      if (r.plan !== 'champions' && r.plan !== 'exact') continue;
      proven++;
      expect(r.hits.map((h) => h.id), q).toEqual(exact(q));
    }
    expect(proven).toBeGreaterThanOrEqual(6);
  });

  it('drops words with no weight (in more than half the documents) unless they are all there is', () => {
    const r = index.search('migration');
    expect(r.hits.length).toBe(10);
  });
});
