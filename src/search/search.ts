import type { Highlighted } from '../core/reply.js';
import type { Db } from '../store/db.js';
import { isEveryday } from '../core/word-frequency.js';
import { highlight } from './highlight.js';
import { CHAMPION_MIN_DF, COLUMN_WEIGHTS } from './indexer.js';
import { PhraseBook } from './phrase-book.js';
import { analyseQuery, correctable, THESAURUS_LINK, type Alternative, type AnalysedQuery, type Group } from './query.js';
import { rank, type PhraseList, type Ranked, type Ranking } from './rank.js';
import { editDistance } from './tokens.js';

/** A thesaurus expansion that found an item: the term that matched, and the words it stood for. */
export interface Expansion {
  term: string;
  for: string;
}

export interface SearchHit {
  seq: number;
  id: string;
  /** How much of the query it covers, each word weighing its idf (rarer words weigh more); hits come in this order. */
  score: number;
  /** bm25 (where the words are: actors and summaries weigh most): the order among equal scores. */
  bm25: number;
  quote: Highlighted;
  /** The thesaurus expansions it was found by (only for words it does not itself contain). */
  expansions: Expansion[];
}

/**
 * How the query was run: every matching document scored (`exact`), common words through their
 * champion lists with a proof that the top is exact (`champions`), the best found within the
 * time budget when no proof came (`approximate`), or nothing to search for (`none`).
 */
export type SearchPlan = 'none' | 'exact' | 'champions' | 'approximate';

export interface SearchResult {
  /** Items that match the query's informative words; [] when its rarest word occurs nowhere. */
  hits: SearchHit[];
  /** How many items match in all (an estimate unless `plan` is `exact`). */
  total: number;
  plan: SearchPlan;
  /** Words we corrected (typo tolerance): only words that are neither in the catalog nor English. */
  corrections: Array<{ from: string; to: string }>;
  /** Words that occur nowhere and could not be corrected, as typed. */
  unknown: string[];
  /** Everyday words the report lacks, set aside because the rest of the question is specific. */
  ignored: string[];
  /** The informative words of the query as typed ("climate finance"). */
  topic: string;
  /** When a word of the query occurs nowhere: the closest items, to offer as suggestions only. */
  suggestions: SearchHit[];
  /** The thesaurus expansions the hits were found by. */
  expansions: Expansion[];
}

export interface SearchOptions {
  limit?: number;
  /** Only this meeting's items (a meeting id): filtered inside the query, before ranking. */
  meeting?: string;
  /** Score every matching document instead of champion lists (the reference the planner must match). */
  exhaustive?: boolean;
}

/** The column that holds how an item is filed (track names and aliases, agenda titles), not what it says. */
const TRACKS_COLUMN = 2;
/** What a phrase found only in an item's filing (tracks, agenda titles) weighs beside one it says. */
export const METADATA_SHARE = 0.5;

const BM25_K1 = 1.2;
const BM25_B = 0.75;

/**
 * Full-text lookups over the commitments: FTS5 over lemmas (see lemmas.ts), acronyms and their
 * expansions both ways, a domain thesaurus, typo tolerance for words that are not English.
 * User text never reaches FTS5 syntax: it is tokenised here and every phrase is quoted, so no
 * input can raise an SQLite error.
 *
 * Ranking (see rank.ts): coverage of the query's informative words, each weighing its idf, then
 * bm25 with actors and summaries weighing most. Query planning: a phrase in fewer than
 * CHAMPION_MIN_DF documents is scored on every document that has it; a more common word uses its
 * champion list, built with the index, and the top is proven exact by a threshold algorithm.
 */
/** A word in at most this many items (or this share of them) is specific: a name, a rare term. */
const SPECIFIC_DF = 3;
const SPECIFIC_SHARE = 0.15;

export class SearchIndex {
  private readonly statements;
  private cache:
    | { version: string; df: Map<string, number>; phrases: PhraseBook; meetings: Map<string, number[]>; champions: Map<string, Map<number, number> | undefined> }
    | undefined;
  /** Set while one search runs: the index version was checked. */
  private checked = false;

  constructor(db: Db) {
    this.statements = {
      termDf: db.prepare('SELECT doc FROM commitment_fts_terms WHERE term = ?').pluck(),
      phraseCount: db.prepare('SELECT count(*) FROM commitment_fts WHERE commitment_fts MATCH ?').pluck(),
      indexed: db.prepare('SELECT 1 FROM search_words WHERE word = ?').pluck(),
      wordsByLength: db.prepare('SELECT word, df FROM search_words WHERE length(word) BETWEEN ? AND ?'),
      abbreviations: db.prepare('SELECT acronym, expansion FROM abbreviations'),
      thesaurus: db.prepare(`SELECT concept, term FROM thesaurus_terms WHERE preferred <> ${THESAURUS_LINK} ORDER BY concept, preferred DESC, term`),
      thesaurusLinks: db.prepare(`SELECT concept, term AS other FROM thesaurus_terms WHERE preferred = ${THESAURUS_LINK}`),
      version: db.prepare('SELECT version FROM search_stats WHERE id = 1').pluck(),
      phraseRank: db.prepare('SELECT rowid, rank FROM commitment_fts WHERE commitment_fts MATCH ?').raw(),
      // The same rank, and bm25 without the tracks column: 0 where the phrase is only in the filing.
      phraseRankSaid: db.prepare(`SELECT rowid, rank, bm25(commitment_fts, ${COLUMN_WEIGHTS.map((w, i) => (i === TRACKS_COLUMN ? 0 : w).toFixed(1)).join(', ')}) FROM commitment_fts WHERE commitment_fts MATCH ?`).raw(),
      champions: db.prepare('SELECT seqs, scores FROM search_champions WHERE stem = ?'),
      stats: db.prepare('SELECT rows, tokens FROM search_stats WHERE id = 1'),
      // search_terms: each document's length and lemma frequencies weighted by column, so a
      // document's exact score needs no re-tokenising.
      docTerms: db.prepare('SELECT seq, length, terms FROM search_terms WHERE seq IN (SELECT value FROM json_each(?))').raw(),
      meetingSeqs: db.prepare('SELECT seq FROM commitments WHERE meeting_id = ? AND retired_at IS NULL').pluck(),
      byseq: db.prepare('SELECT seq, id, quote FROM commitments WHERE seq IN (SELECT value FROM json_each(?))'),
    };
  }

  /** What depends on the index's contents, dropped when the index is rebuilt (checked once per search). */
  private current(): NonNullable<SearchIndex['cache']> {
    if (this.checked && this.cache) return this.cache;
    const version = String(this.statements.version.get() ?? '');
    if (this.cache?.version !== version) {
      const abbreviations = this.statements.abbreviations.all() as Array<{ acronym: string; expansion: string }>;
      const thesaurus = this.statements.thesaurus.all() as Array<{ concept: string; term: string }>;
      const links = this.statements.thesaurusLinks.all() as Array<{ concept: string; other: string }>;
      this.cache = { version, df: new Map(), phrases: new PhraseBook(abbreviations, thesaurus, links), meetings: new Map(), champions: new Map() };
    }
    return this.cache;
  }

  /** Whether the text is a term of the domain thesaurus: a topic, even where it is also an actor's alias. */
  isConceptTerm(text: string): boolean {
    return this.current().phrases.isConceptTerm(text);
  }

  /** Documents holding the word, or (counted once) the phrase; for a phrase too common to list, an upper bound. */
  private phraseDf(phrase: string[]): number {
    const { df } = this.current();
    const k = phrase.join(' ');
    let n = df.get(k);
    if (n === undefined) {
      n = phrase.length === 1 ? ((this.statements.termDf.get(phrase[0]) as number | undefined) ?? 0) : this.rarestWordDf(phrase);
      if (phrase.length > 1 && n > 0 && n <= CHAMPION_MIN_DF) n = this.statements.phraseCount.get(quotePhrase(phrase)) as number;
      if (df.size > 50_000) df.clear();
      df.set(k, n);
    }
    return n;
  }

  private rarestWordDf(phrase: string[]): number {
    return Math.min(...phrase.map((w) => this.phraseDf([w])));
  }

  /** A phrase whose every word is in more than CHAMPION_MIN_DF items: FTS5 would score tens of thousands of rows. */
  private tooCommon(phrase: string[]): boolean {
    return phrase.length > 1 && this.rarestWordDf(phrase) > CHAMPION_MIN_DF;
  }

  /** The closest indexed word within 1 edit (short words) or 2 edits, preferring frequent words; none for English words. */
  correct(typed: string): string | undefined {
    const word = typed.toLowerCase();
    if (!correctable(word, (w) => this.statements.indexed.get(w) !== undefined)) return undefined;
    const max = word.length <= 5 ? 1 : 2;
    let best: { word: string; d: number; df: number } | undefined;
    for (const r of this.statements.wordsByLength.all(word.length - max, word.length + max) as { word: string; df: number }[]) {
      const d = editDistance(word, r.word, max);
      if (d <= max && (!best || d < best.d || (d === best.d && r.df > best.df))) best = { word: r.word, d, df: r.df };
    }
    return best?.word;
  }

  private analyse(text: string): AnalysedQuery {
    return analyseQuery(text, {
      phrases: this.current().phrases,
      phraseDf: (p) => this.phraseDf(p),
      tooCommon: (p) => this.tooCommon(p),
      correct: (w) => this.correct(w),
      documents: (this.statements.stats.get() as { rows: number } | undefined)?.rows ?? 0,
    });
  }

  search(text: string, opts: SearchOptions = {}): SearchResult {
    this.current();
    this.checked = true;
    try {
      return this.run(text, opts);
    } finally {
      this.checked = false;
    }
  }

  private run(text: string, opts: SearchOptions): SearchResult {
    const limit = opts.limit ?? 10;
    const q = this.analyse(text);
    const groups = q.groups.filter((g) => g.df > 0);
    // Everyday words the report lacks ("Pritchett's big idea") are set aside when the rest names
    // something specific (a word in few items: a name, a rare term); else they count as unknown.
    const rows = (this.statements.stats.get() as { rows: number } | undefined)?.rows ?? 0;
    const specific = groups.some((g) => this.phraseDf(g.alternatives[0]!.phrase) <= Math.max(SPECIFIC_DF, rows * SPECIFIC_SHARE));
    const unknown = specific ? q.unknown : [...q.unknown, ...q.everyday];
    const topic = specific || q.everyday.length === 0 ? q.topic : `${q.topic} ${q.everyday.join(' ')}`.trim();
    const base = { corrections: q.corrections, unknown, ignored: specific ? q.everyday : [], topic, suggestions: [], expansions: [] };
    if (groups.length === 0) return { ...base, hits: [], total: 0, plan: 'none' };
    const ranking = this.rankGroups(groups, limit, opts);
    const hits = this.hitsOf(ranking.top, groups);
    // The query's rarest word occurs nowhere ("climate finance"): nothing matches; what shares
    // its other words is only a suggestion.
    if (unknown.length > 0) return { ...base, hits: [], total: 0, plan: ranking.proof === 'exact' ? 'exact' : 'approximate', suggestions: hits };
    const expansions = uniqueExpansions(hits.flatMap((h) => h.expansions));
    return { ...base, hits, total: ranking.total, plan: planOf(ranking), expansions };
  }

  private rankGroups(groups: Group[], limit: number, opts: SearchOptions): Ranking {
    const stats = this.statements.stats.get() as { rows: number; tokens: number } | undefined;
    const rows = stats?.rows ?? 0;
    const inMeeting = opts.meeting === undefined ? undefined : new Set(this.meetingSeqs(opts.meeting));
    const lists = groups.flatMap((g, group) => g.alternatives.flatMap((alt) => this.phraseLists(alt, opts, inMeeting).map((l) => ({ group, ...l }))));
    // A group's idf, from how many documents it matches (its alternatives' counts added up: the
    // same whether the lists are complete or champion lists, so the plan never changes the ranking).
    // An everyday word ("new", "more", "back": among the 1,000 commonest of spoken English) says
    // how a question is put more than what it is about: however rare in the catalog, it weighs
    // at most as a word in SPECIFIC_SHARE of the items.
    const idf = groups.map((g) => {
      const everyday = g.df < rows * SPECIFIC_SHARE && g.alternatives.length === 1 && g.alternatives[0]!.phrase.length === 1 && !g.source.includes(' ') && isEveryday(g.source);
      const n = Math.min(rows, everyday ? Math.max(g.df, rows * SPECIFIC_SHARE) : g.df);
      return Math.log(1 + (rows - n + 0.5) / (n + 0.5));
    });
    return rank(groups, idf, lists.filter((l) => l.rows.size > 0), limit, (seqs, words) => this.rescore(seqs, words, stats));
  }

  private meetingSeqs(meeting: string): number[] {
    const { meetings } = this.current();
    let seqs = meetings.get(meeting);
    if (!seqs) meetings.set(meeting, (seqs = this.statements.meetingSeqs.all(meeting) as number[]));
    return seqs;
  }

  /**
   * The phrase's bm25 in every document that has it, or a common word's champion list. A document
   * that has the phrase only in its filing (the tracks column: track names and aliases, agenda
   * titles) and not in what it says is credited at METADATA_SHARE of the weight: the item that
   * itself says "evidence base" beats the items filed under agenda point 7. Decided by the
   * phrase's document count, never by the plan, so champion lists and exhaustive scoring agree.
   */
  private phraseLists(alt: Alternative, opts: SearchOptions, inMeeting: Set<number> | undefined): Array<Pick<PhraseList, 'alt' | 'rows' | 'complete'>> {
    const phrase = alt.phrase;
    const df = this.phraseDf(phrase);
    if (df === 0) return [];
    const keep = (seq: number): boolean => !inMeeting || inMeeting.has(seq);
    if (df > CHAMPION_MIN_DF) {
      const rows = phrase.length === 1 && !opts.exhaustive && !inMeeting ? this.championList(phrase[0]!) : undefined;
      if (rows) return [{ alt, rows, complete: false }];
      return [{ alt, rows: this.ranked(phrase, keep), complete: true }];
    }
    const rows = new Map<number, number>();
    const filed = new Map<number, number>();
    for (const [seq, score, said] of this.statements.phraseRankSaid.all(quotePhrase(phrase)) as Array<[number, number, number]>) {
      if (keep(seq)) (said === 0 ? filed : rows).set(seq, -score);
    }
    if (filed.size === 0) return [{ alt, rows, complete: true }];
    return [
      { alt, rows, complete: true },
      { alt: { ...alt, weight: alt.weight * METADATA_SHARE }, rows: filed, complete: true },
    ];
  }

  private ranked(phrase: string[], keep: (seq: number) => boolean): Map<number, number> {
    const rows = new Map<number, number>();
    for (const [seq, score] of this.statements.phraseRank.all(quotePhrase(phrase)) as Array<[number, number]>) if (keep(seq)) rows.set(seq, -score);
    return rows;
  }

  /** A common word's champion list (seq → bm25, best first), decoded once per index version; read only. */
  private championList(word: string): Map<number, number> | undefined {
    const { champions } = this.current();
    if (!champions.has(word)) {
      const list = this.statements.champions.get(word) as { seqs: Buffer; scores: Buffer } | undefined;
      if (champions.size > 500) champions.clear();
      champions.set(word, list && decodeChampions(list));
    }
    return champions.get(word);
  }

  /**
   * FTS5's bm25 for single words, computed from the documents' stored lemma frequencies: what a
   * common word adds to a document outside its champion list. Same formula and weights as
   * FTS5's bm25 (k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) / (n + 0.5)), at least 1e-6).
   */
  private rescore(seqs: number[], words: string[], stats: { rows: number; tokens: number } | undefined): Map<number, Map<string, number>> {
    const out = new Map<number, Map<string, number>>();
    if (!stats || stats.rows === 0) return out;
    const avgdl = stats.tokens / stats.rows;
    const idf = words.map((w) => Math.max(1e-6, Math.log((stats.rows - this.phraseDf([w]) + 0.5) / (this.phraseDf([w]) + 0.5))));
    for (const [seq, length, terms] of this.statements.docTerms.all(JSON.stringify(seqs)) as Array<[number, number, string]>) {
      const scores = new Map<string, number>();
      words.forEach((w, i) => {
        const at = terms.indexOf(` ${w}:`);
        if (at < 0) return;
        const f = Number.parseFloat(terms.slice(at + w.length + 2, terms.indexOf(' ', at + 1)));
        scores.set(w, idf[i]! * ((f * (BM25_K1 + 1)) / (f + BM25_K1 * (1 - BM25_B + (BM25_B * length) / avgdl))));
      });
      out.set(seq, scores);
    }
    return out;
  }

  private hitsOf(top: Ranked[], groups: Group[]): SearchHit[] {
    const found = new Map(
      (this.statements.byseq.all(JSON.stringify(top.map((r) => r.seq))) as Array<{ seq: number; id: string; quote: string }>).map((r) => [r.seq, r]),
    );
    const phrases = groups.flatMap((g) => g.alternatives.map((a) => a.phrase));
    return top.flatMap((r) => {
      const row = found.get(r.seq);
      if (!row) return [];
      const expansions = r.matched.flatMap((alt, group) => (alt?.term ? [{ term: alt.term, for: groups[group]!.source }] : []));
      return [{ seq: r.seq, id: row.id, score: r.coverage, bm25: r.bm25, quote: highlight(row.quote, phrases), expansions }];
    });
  }
}

function decodeChampions(list: { seqs: Buffer; scores: Buffer }): Map<number, number> {
  const seqs = new Int32Array(list.seqs.buffer.slice(list.seqs.byteOffset, list.seqs.byteOffset + list.seqs.byteLength));
  const scores = new Float64Array(list.scores.buffer.slice(list.scores.byteOffset, list.scores.byteOffset + list.scores.byteLength));
  return new Map(Array.from(seqs, (seq, i) => [seq, -scores[i]!]));
}

function quotePhrase(p: string[]): string {
  // Lemmas hold only letters and digits, so a double-quoted FTS5 string is always safe.
  return `"${p.join(' ')}"`;
}

function planOf(r: Ranking): SearchPlan {
  return r.proof === 'exact' ? 'exact' : r.proof === 'proven' ? 'champions' : 'approximate';
}

function uniqueExpansions(list: Expansion[]): Expansion[] {
  const seen = new Set<string>();
  return list.filter((e) => !seen.has(`${e.term}\u0000${e.for}`) && Boolean(seen.add(`${e.term}\u0000${e.for}`)));
}
