import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/search/search.js';
import { editDistance } from '../../src/search/tokens.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { openDatabase } from '../../src/store/db.js';
import { catalog } from '../helpers.js';

const db = openDatabase(':memory:');
syncCatalog(db, catalog(), new Date('2014-03-01T00:00:00Z'));
const index = new SearchIndex(db);
const top = (q: string): string | undefined => index.search(q).hits[0]?.id;
const all = (q: string): string[] => index.search(q, { limit: 50 }).hits.map((h) => h.id);

describe('search answers', () => {
  it('ranks the right item first', () => {
    expect(top('recruitment costs')).toMatch(/^(knomad-recruitment-costs|ratha-recruitment-cost-burden)$/);
    expect(top('gathering data on recruitment costs')).toBe('knomad-recruitment-costs');
    expect(top('trafficking report every two years')).toBe('unodc-global-trafficking-report');
    expect(top('visas')).toBe('turkey-gfmd-priority-mobility-visas');
    expect(top('Almaty workshop')).toBe('ece-almaty-workshop');
    expect(top('work plan general assembly special session')).toBe('icpd-final-work-plan');
  });

  it('joins inflections (lemmas), and related words only through the thesaurus', () => {
    expect(all('indicator')).toContain('icpd-few-indicators');
    expect(all('visa')).toContain('turkey-gfmd-priority-mobility-visas');
    const r = index.search('recruiting');
    expect(r.hits.map((h) => h.id)).toContain('knomad-recruitment-costs');
    expect(r.expansions).toContainEqual({ term: 'recruitment', for: 'recruiting' });
  });

  it('expands acronyms both ways', () => {
    expect(all('International Labour Organization')).toContain('panel-hld-main-issues');
    expect(all('ILO')).toContain('panel-hld-main-issues');
    expect(all('Global Knowledge Partnership on Migration and Development')).toContain('knomad-recruitment-costs');
    expect(all('KNOMAD')).toContain('world-bank-knomad-platform');
    expect(all('Office on Drugs and Crime')).toContain('unodc-global-trafficking-report');
    expect(all('SDGs')).toContain('owg-sdgs-agreed-july-2014');
    expect(all('Sustainable Development Goals')).toContain('owg-sdgs-agreed-july-2014');
  });

  it('finds people by surname and countries', () => {
    expect(all('Ratha')).toContain('knomad-recruitment-costs');
    expect(all('Pawliczko')).toContain('icpd-final-work-plan');
    expect(all('Turkey')).toContain('turkey-gfmd-priority-human-rights');
    expect(all('GFMD chair')).toContain('turkey-gfmd-theme');
  });

  it('tolerates typos', () => {
    const r = index.search('recruitmant costs');
    expect(r.corrections).toEqual([{ from: 'recruitmant', to: 'recruitment' }]);
    expect(r.hits.map((h) => h.id)).toContain('knomad-recruitment-costs');
    expect(index.search('traficking').hits.length).toBeGreaterThan(0);
    expect(index.search('xenophobai').hits.map((h) => h.id)).toContain('turkey-gfmd-priority-racism-xenophobia');
  });

  it('highlights the matched words in the quote', () => {
    const hit = index.search('recruitment costs').hits.find((h) => h.id === 'knomad-recruitment-costs')!;
    const marked = hit.quote.highlights.map(([s, e]) => hit.quote.text.slice(s, e).toLowerCase());
    // "recruitment costs" is one thesaurus term: marked as the phrase it is.
    expect(marked).toContain('recruitment costs');
    expect(hit.quote.text).toBe(catalog().commitments.find((c) => c.id === 'knomad-recruitment-costs')!.quote);
  });

  it('says which words it could not find, and then finds nothing: what shares the other words is a suggestion', () => {
    const r = index.search('recruitment qqqqzzzz');
    expect(r.unknown).toEqual(['qqqqzzzz']);
    expect(r.hits).toEqual([]);
    expect(r.suggestions.map((h) => h.id)).toContain('knomad-recruitment-costs');
    expect(index.search('zzzzqqqq').hits).toEqual([]);
  });
});

describe('search is safe for any text', () => {
  const nasty = ['"', '""', "'", 'AND', 'OR', 'NOT x', 'NOT', 'a AND', 'OPS-306', 'col:foo', 'actors:knomad', '*', 'migr*', '(', ')', '(()', '^', 'NEAR(a b)', '{summary}: x', '-', '+', ':', '😀', '🏳️‍🌈 migration', '', '   ', '\u0000', 'x'.repeat(5000), 'ﬁnance', 'Åkerman-Börje', 'مهاجرة', '移民', "'; DROP TABLE commitments; --"];
  for (const q of nasty) {
    it(`does not throw for ${JSON.stringify(q.slice(0, 20))}`, () => {
      expect(() => index.search(q)).not.toThrow();
    });
  }

  const words = ['migration', 'costs', 'recruitment', 'KNOMAD', 'remittances', 'money sent home', 'Almaty', 'trafficking', 'what', 'is', 'the', 'SDGs', 'recruitmant', 'qqqq'];
  const query = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.array(fc.constantFrom('AND', 'OR', 'NOT', '"', '*', '(', ')', ':', '^', 'NEAR', '-', ...words)).map((a) => a.join(' ')),
  );

  it('property: never throws; at most `limit` hits, in rank order, highlights inside the quote', () => {
    fc.assert(
      fc.property(query, fc.integer({ min: 1, max: 12 }), (q, limit) => {
        const r = index.search(q, { limit });
        expect(r.hits.length).toBeLessThanOrEqual(limit);
        expect(r.suggestions.length).toBeLessThanOrEqual(limit);
        expect(r.total).toBeGreaterThanOrEqual(r.hits.length);
        expect(new Set(r.hits.map((h) => h.id)).size).toBe(r.hits.length);
        // Nothing matches a query whose word occurs nowhere: the closest items are suggestions.
        if (r.unknown.length) expect(r.hits).toEqual([]);
        r.hits.slice(1).forEach((b, i) => {
          const a = r.hits[i]!;
          // (Scores within 1e-9 are equal: the same idfs added in another order.)
          const tie = Math.abs(a.score - b.score) <= 1e-9;
          expect(tie ? a.bm25 >= b.bm25 : a.score > b.score, `${a.id} before ${b.id}`).toBe(true);
        });
        for (const h of [...r.hits, ...r.suggestions]) {
          expect(typeof h.id).toBe('string');
          let end = 0;
          for (const [s, e] of h.quote.highlights) {
            expect(s).toBeGreaterThanOrEqual(end);
            expect(e).toBeGreaterThan(s);
            expect(e).toBeLessThanOrEqual(h.quote.text.length);
            end = e;
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('helpers', () => {
  it('editDistance', () => {
    expect(editDistance('recruitmant', 'recruitment')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'xyzxyz', 2)).toBe(3);
  });
});
