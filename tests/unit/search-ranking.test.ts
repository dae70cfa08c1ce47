import { describe, expect, it } from 'vitest';
import { reindexSearch } from '../../src/search/indexer.js';
import { lemma } from '../../src/search/lemmas.js';
import { SearchIndex } from '../../src/search/search.js';
import { isFiller } from '../../src/search/tokens.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { openDatabase } from '../../src/store/db.js';
import { catalog } from '../helpers.js';

const db = openDatabase(':memory:');
syncCatalog(db, catalog(), new Date('2014-03-01T00:00:00Z'));
const index = new SearchIndex(db);
const ids = (q: string): string[] => index.search(q, { limit: 50 }).hits.map((h) => h.id);
/** The items whose indexed text holds the lemma, by FTS5 itself. */
const holding = (term: string): Set<string> =>
  new Set(db.prepare('SELECT c.id FROM commitment_fts f JOIN commitments c ON c.seq = f.rowid WHERE commitment_fts MATCH ?').pluck().all(`"${term}"`) as string[]);

describe('no false conflation: inflections join, derivations do not', () => {
  it('lemmas', () => {
    expect(lemma('incoming')).not.toBe(lemma('income'));
    expect(lemma('closed')).not.toBe(lemma('closely'));
    expect(lemma('developing')).not.toBe(lemma('development'));
    expect(lemma('costs')).toBe(lemma('cost'));
    expect(lemma('closed')).toBe(lemma('close'));
    expect(lemma('meetings')).toBe(lemma('meeting'));
    expect(lemma('easier')).toBe(lemma('easy'));
    expect(lemma('discussed')).toBe(lemma('discuss'));
  });

  it('"closed" does not find the item that says "closely"; "closely" does', () => {
    expect(ids('closely')).toContain('regional-commissions-partners');
    // "closed" finds what was closed (the meeting), never what works "closely".
    expect(ids('closed')).not.toContain('regional-commissions-partners');
    expect(ids('closely')).not.toContain('wilmoth-closing');
  });

  it('"incoming" does not find "low-income countries"; "income" does', () => {
    const d = openDatabase(':memory:');
    syncCatalog(d, catalog(), new Date('2014-03-01T00:00:00Z'));
    d.prepare(
      `INSERT INTO commitments (id, meeting_id, kind, summary, quote, section_id, paragraph, catalog_status, status, origin, created_at, updated_at)
       VALUES ('low-income-test', 'cm12-2014', 'proposal', 'Lower the barriers for workers.', 'to improve development in low-income countries', 'report-of-the-twelfth-meeting', 8, 'open', 'open', 'test', '2014-03-01', '2014-03-01')`,
    ).run();
    reindexSearch(d);
    const s = new SearchIndex(d);
    expect(s.search('income').hits.map((h) => h.id)).toContain('low-income-test');
    expect(s.search('incoming').hits.map((h) => h.id)).not.toContain('low-income-test');
    d.close();
  });
});

describe('never "corrects" a real word', () => {
  it('English words stay as typed', () => {
    for (const w of ['pensions', 'funding', 'take', 'easier', 'resettlement', 'climate', 'closed']) {
      expect(index.search(w).corrections, w).toEqual([]);
      expect(index.correct(w), w).toBeUndefined();
    }
  });

  it('a word that is neither indexed nor English is corrected, and the answer says so', () => {
    expect(index.search('remitances').corrections).toEqual([{ from: 'remitances', to: 'remittances' }]);
    expect(index.search('Kazakstan').corrections).toEqual([{ from: 'kazakstan', to: 'kazakhstan' }]);
  });

  it('a word typed in capitals is a name: never corrected', () => {
    const r = index.search('UNICEF');
    expect(r.corrections).toEqual([]);
    expect(r.unknown).toEqual(['UNICEF']);
  });
});

describe('rare words decide', () => {
  it('question words and fillers weigh nothing', () => {
    for (const q of ['remittances', 'Almaty', 'recruitment costs', 'visas', 'Kazakhstan']) {
      const plain = ids(q);
      expect(plain.length, q).toBeGreaterThan(0);
      for (const asked of [`what is going to happen on ${q}?`, `please tell me anything about ${q}`, `what did they say or commit to on ${q}`, `who is doing ${q}`]) {
        expect(ids(asked), asked).toEqual(plain);
      }
    }
  });

  // Every word that occurs in one item only, in its quote only, paired with the most common
  // word of the summaries: the item with the rare word comes first, and nothing is listed for
  // the common word alone.
  const cols = (): Array<{ term: string; col: string; doc: number }> => {
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_cols USING fts5vocab(main, 'commitment_fts', 'col')");
    return db.prepare('SELECT term, col, doc FROM temp.fts_cols').all() as Array<{ term: string; col: string; doc: number }>;
  };

  it('a rare word found only in a quote beats a common word in the summaries', () => {
    const rows = cols();
    const docs = new Map<string, number>();
    const inCols = new Map<string, Set<string>>();
    for (const r of rows) {
      docs.set(r.term, Math.max(docs.get(r.term) ?? 0, r.doc));
      inCols.set(r.term, (inCols.get(r.term) ?? new Set()).add(r.col));
    }
    const total = (t: string): number => holding(t).size;
    const informative = (t: string): boolean => t.length >= 5 && !/\d/.test(t) && !isFiller(t) && lemma(t) === t;
    const common = rows
      .filter((r) => r.col === 'summary' && informative(r.term) && total(r.term) < 26)
      .sort((a, b) => b.doc - a.doc || a.term.localeCompare(b.term))[0]!.term;
    const rare = [...inCols]
      .filter(([t, c]) => informative(t) && c.size === 1 && c.has('quote') && docs.get(t) === 1)
      .map(([t]) => t)
      .sort()
      .filter((_, i) => i % 4 === 0);
    expect(rare.length).toBeGreaterThan(5);
    for (const r of rare) {
      const hits = index.search(`${common} ${r}`).hits.map((h) => h.id);
      expect(hits.length, `${common} ${r}`).toBeGreaterThan(0);
      for (const id of hits) expect(holding(r), `${common} ${r}: ${id}`).toContain(id);
    }
  });

  it('a place or a person beats the common words around it', () => {
    expect(ids('migration workshop Kazakhstan')[0]).toBe('ece-almaty-workshop');
    expect(ids('Pawliczko work plan')[0]).toBe('icpd-final-work-plan');
  });
});

describe('the thesaurus', () => {
  it('finds a concept by what people call it, and says which term matched', () => {
    const r = index.search('money sent home');
    expect(r.hits.map((h) => h.id)).toContain('informal-group-migration-indicators');
    expect(r.expansions).toContainEqual({ term: 'remittances', for: 'money sent home' });
    const hit = r.hits.find((h) => h.id === 'informal-group-migration-indicators')!;
    expect(hit.quote.highlights.map(([s, e]) => hit.quote.text.slice(s, e).toLowerCase())).toContain('remittances');
  });

  it('words typed outrank expansions', () => {
    for (const q of ['human trafficking', 'recruiting', 'trafficking in persons', 'remittances', 'recruitment fees']) {
      const hits = index.search(q, { limit: 50 }).hits;
      expect(hits.length, q).toBeGreaterThan(0);
      const firstExpanded = hits.findIndex((h) => h.expansions.length > 0);
      if (firstExpanded >= 0) expect(hits.slice(firstExpanded).every((h) => h.expansions.length > 0), q).toBe(true);
    }
    expect(index.search('remittances').expansions).toEqual([]);
  });

  it('resettlement finds third-country settlement without being "corrected"', () => {
    const r = index.search('resettlement');
    expect(r.corrections).toEqual([]);
    expect(r.expansions.some((e) => e.for === 'resettlement')).toBe(true);
    for (const h of r.hits) expect(h.quote.text + JSON.stringify(h.expansions)).toMatch(/settlement/i);
  });
});

describe('honest "nothing found"', () => {
  it('when the rarest word occurs nowhere, nothing matches; the rest are only suggestions', () => {
    const r = index.search('climate finance');
    expect(r.hits).toEqual([]);
    expect(r.unknown).toEqual(['climate']);
    expect(r.topic).toBe('climate finance');
    const e = index.search('What does the report say about Ebola?');
    expect(e.hits).toEqual([]);
    expect(e.topic).toBe('Ebola');
    expect(e.corrections).toEqual([]);
  });

  it('a name that occurs nowhere is unknown as a whole, not read as its words', () => {
    const r = index.search('what did the Global Migration Group say on migration');
    expect(r.unknown).toEqual(['Global Migration Group']);
    expect(r.hits).toEqual([]);
  });

  it('an item is not listed for one common word of the query', () => {
    for (const id of ids('migration Kazakhstan')) expect(holding('kazakhstan')).toContain(id);
    for (const id of ids('international development Almaty')) expect(holding('almaty')).toContain(id);
  });
});
