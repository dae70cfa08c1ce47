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

  it('stems words (porter)', () => {
    expect(all('recruiting')).toContain('knomad-recruitment-costs');
    expect(all('indicator')).toContain('icpd-few-indicators');
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
    expect(marked).toContain('recruitment');
    expect(marked).toContain('costs');
    expect(hit.quote.text).toBe(catalog().commitments.find((c) => c.id === 'knomad-recruitment-costs')!.quote);
  });

  it('says which words it could not find', () => {
    const r = index.search('recruitment qqqqzzzz');
    expect(r.unknown).toEqual(['qqqqzzzz']);
    expect(r.hits.length).toBeGreaterThan(0);
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

  it('property: never throws, always returns well-formed hits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.array(fc.constantFrom('AND', 'OR', 'NOT', '"', '*', '(', ')', ':', 'migration', 'costs', '^', 'NEAR', '-')).map((a) => a.join(' '))), (q) => {
        const r = index.search(q);
        expect(Array.isArray(r.hits)).toBe(true);
        for (const h of r.hits) expect(typeof h.id).toBe('string');
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
