import { describe, expect, it } from 'vitest';
import { lemmas } from '../../src/search/lemmas.js';
import { METADATA_SHARE, SearchIndex } from '../../src/search/search.js';
import { isFiller, STOPWORDS, tokenize } from '../../src/search/tokens.js';
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

describe('thesaurus terms found by their words, in any order', () => {
  it('a term whose words are scattered through the question ("cost … to get a job abroad") is read as the term, an expansion', () => {
    const r = index.search('how much does it cost migrants to get a job abroad');
    expect(r.unknown).toEqual([]);
    expect(r.hits[0]?.id).toBe('ratha-recruitment-cost-burden');
    expect(r.expansions.map((e) => e.for)).toContain('cost job abroad');
    // The same words, not all of them there: no reading, and "abroad" stays a word the report lacks.
    expect(index.search('how much does a job abroad pay').unknown).toContain('abroad');
  });

  it('a word of the term may be typed as a one-word synonym of it ("overseas" for "abroad")', () => {
    const r = index.search('what does it cost a migrant to land a job overseas?');
    expect(r.unknown).toEqual([]);
    expect(r.hits[0]?.id).toBe('ratha-recruitment-cost-burden');
  });

  it('the words typed still count on their own beside the scattered term', () => {
    const r = index.search('migration as a driver of development, not a failure of it');
    expect(r.hits.slice(0, 3).map((h) => h.id)).toContain('participants-migration-enabler-of-development');
  });
});

describe('a concept the report lacks, read through a linked concept the question names', () => {
  it('"countries in crisis" beside "migrants stuck": stranded migrants, the answer says so', () => {
    for (const q of ['migrants stuck in countries in crisis', 'what about migrants who get stuck in countries in crisis?']) {
      const r = index.search(q);
      expect(r.unknown, q).toEqual([]);
      expect(r.hits[0]?.id, q).toBe('sutherland-stranded-migrants');
      expect(r.expansions.some((e) => e.for === 'countries in crisis' && /stranded/.test(e.term)), q).toBe(true);
    }
  });

  it('alone, the concept the report lacks finds nothing: a link counts only when the question names the other concept', () => {
    for (const q of ['countries in crisis', 'migrants in countries in crisis', 'brain drain']) {
      expect(index.search(q).hits, q).toEqual([]);
    }
  });
});

describe('how much a word weighs', () => {
  it('a thesaurus term made only of the words typed weighs as typed ("international org for labour mobility" → "labour mobility organization")', () => {
    const r = index.search('international org for labour mobility');
    const top = r.hits[0]!;
    expect(top.id).toBe('pritchett-labour-mobility-organization');
    // Full weight: the group's whole idf (the term is in one item), not half of it.
    const rows = db.prepare('SELECT rows FROM search_stats WHERE id = 1').pluck().get() as number;
    expect(holding('"labour mobility organization"').size).toBe(1);
    expect(top.score).toBeCloseTo(Math.log(1 + (rows - 1 + 0.5) / 1.5), 6);
  });

  it('an everyday word rare in the catalog ("new") does not outweigh the subject of the question', () => {
    const r = index.search('a new international org for labour mobility');
    expect(r.hits[0]?.id).toBe('pritchett-labour-mobility-organization');
    const newOnly = r.hits.find((h) => h.id === 'sutherland-urge-post-2015-framers');
    expect(newOnly === undefined || newOnly.score < r.hits[0]!.score).toBe(true);
  });
});

describe('lay paraphrases through the thesaurus', () => {
  it.each([
    ['public opinion against immigration', 'pritchett-voter-opposition'],
    ['anything about discrimination or hate towards foreigners?', 'turkey-gfmd-priority-racism-xenophobia'],
    ['migrants stuck in countries hit by war or disaster', 'sutherland-stranded-migrants'],
  ])('“%s” → %s, no word left unknown', (q, id) => {
    const r = index.search(q);
    expect(r.unknown, q).toEqual([]);
    expect(r.hits.slice(0, 3).map((h) => h.id), q).toContain(id);
  });

  it('no term is ordinary prose once its hyphen goes ("in-migration" = "in migration"): a stopword, then one word', () => {
    const prose = catalog()
      .thesaurus.flatMap((c) => [c.preferred, ...c.synonyms])
      .filter((t) => {
        const words = tokenize(t);
        return words.length === 2 && STOPWORDS.has(words[0]!) && !isFiller(words[1]!);
      });
    expect(prose).toEqual([]);
  });
});

describe('"the meeting" inside a term', () => {
  it('"the goals of the meeting" are its objectives, not the SDGs', () => {
    for (const q of ['what were the goals of the meeting?', 'the aims of the meeting']) {
      expect(index.search(q).hits[0]?.id, q).toMatch(/^meeting-objective-/);
    }
  });

  it('elsewhere "the meeting" still tells nothing: the same hits without it', () => {
    expect(ids('what did the meeting say about remittances')).toEqual(ids('remittances'));
  });
});
