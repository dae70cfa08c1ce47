import { stemmer } from 'stemmer';
import type { Highlighted } from '../core/reply.js';
import type { Db } from '../store/db.js';
import { CHAMPION_MIN_DF } from './indexer.js';
import { editDistance, STOPWORDS, tokenize } from './tokens.js';

/** A phrase is a run of tokens that must occur together; a group is alternatives for one concept. */
type Phrase = string[];
interface Group {
  alternatives: Phrase[];
  /** Upper bound of the documents the group matches. */
  df: number;
  /** What the user typed for this group. */
  source: string;
}

export interface SearchHit {
  seq: number;
  id: string;
  score: number;
  quote: Highlighted;
}

/**
 * How the query was run: every matching document scored (`exact`), common words through their
 * champion lists with a proof that the top is exact (`champions`), or the best found within the
 * time budget when no proof came (`approximate`).
 */
export type SearchPlan = 'none' | 'exact' | 'champions' | 'approximate';

export interface SearchResult {
  hits: SearchHit[];
  /** How many documents matched in all (an estimate when `plan` is `sample`). */
  total: number;
  plan: SearchPlan;
  /** Words we corrected (typo tolerance). */
  corrections: Array<{ from: string; to: string }>;
  /** Words that occur nowhere and could not be corrected. */
  unknown: string[];
}

export interface SearchOptions {
  limit?: number;
}


function quotePhrase(p: Phrase): string {
  // Tokens hold only letters and digits, so a double-quoted FTS5 string is always safe.
  return `"${p.join(' ')}"`;
}

function groupExpr(g: Group): string {
  const alts = g.alternatives.map(quotePhrase);
  return alts.length === 1 ? alts[0]! : `(${alts.join(' OR ')})`;
}

const BM25_K1 = 1.2;
const BM25_B = 0.75;
/** The most candidates a query rescores exactly: the bound on its time. */
const MAX_RESCORED = 1_000;


/**
 * Full-text lookups over the commitments: FTS5, bm25 with actor and summary weighing most, porter
 * stemming, acronym expansion both ways and typo tolerance. User text never reaches FTS5 syntax:
 * it is tokenised here and every token is quoted, so no input can raise an SQLite error.
 *
 * Query planning: the answer is the bm25 ranking of the OR of the user's words, as a naive FTS5
 * query gives; what the planner avoids is scoring every document that shares a common word
 * ("migration", "development" occur in most items of a real catalog). bm25 is a sum over the
 * query's phrases, so each phrase is scored on its own and the sums are combined here: a phrase
 * in fewer than CHAMPION_MIN_DF documents is scored on every document that has it (exact); a
 * more common word uses its champion list, the CHAMPION_SIZE documents where it weighs most,
 * built with the index. The combined ranking is exact for every document in the lists.
 */
export class SearchIndex {
  private readonly termDf;
  private readonly wordsByLength;
  private readonly abbreviations;
  private readonly catalogVersion;
  private readonly phraseRank;
  private readonly champions;
  private readonly stats;
  private readonly docTerms;
  private readonly byseq;
  private abbrCache: { version: string; list: Array<{ acronym: string[]; expansion: string[] }> } | undefined;

  constructor(private readonly db: Db) {
    this.termDf = db.prepare('SELECT doc FROM commitment_fts_terms WHERE term = ?').pluck();
    this.wordsByLength = db.prepare('SELECT word, df FROM search_words WHERE length(word) BETWEEN ? AND ?');
    this.abbreviations = db.prepare('SELECT acronym, expansion FROM abbreviations');
    this.catalogVersion = db.prepare('SELECT version FROM search_stats WHERE id = 1').pluck();
    this.phraseRank = db.prepare('SELECT rowid AS seq, rank AS score FROM commitment_fts WHERE commitment_fts MATCH ?').raw();
    this.champions = db.prepare('SELECT seqs, scores FROM search_champions WHERE stem = ?');
    this.stats = db.prepare('SELECT rows, tokens FROM search_stats WHERE id = 1');
    // Straight from FTS5's content table (its documented %_content shadow table: id, c0…c4):
    // a plain b-tree read, several times cheaper than going through the virtual table.
    this.docTerms = db.prepare('SELECT seq, length, terms FROM search_terms WHERE seq IN (SELECT value FROM json_each(?))').raw();
    this.byseq = db.prepare('SELECT seq, id, quote FROM commitments WHERE seq IN (SELECT value FROM json_each(?))');
  }

  /** Acronyms and expansions, tokenised once per catalog version. */
  private abbreviationTokens(): Array<{ acronym: string[]; expansion: string[] }> {
    const version = String(this.catalogVersion.get() ?? '');
    if (version !== this.dfVersion) {
      // The index was rebuilt: word frequencies changed.
      this.dfCache.clear();
      this.dfVersion = version;
    }
    if (this.abbrCache?.version !== version) {
      const list = (this.abbreviations.all() as { acronym: string; expansion: string }[]).map((a) => ({
        acronym: tokenize(a.acronym),
        expansion: tokenize(a.expansion),
      }));
      this.abbrCache = { version, list };
    }
    return this.abbrCache.list;
  }

  private dfCache = new Map<string, number>();
  private dfVersion = '';

  private docFrequency(token: string): number {
    const cached = this.dfCache.get(token);
    if (cached !== undefined) return cached;
    const n = this.lookupDocFrequency(token);
    if (this.dfCache.size > 50_000) this.dfCache.clear();
    this.dfCache.set(token, n);
    return n;
  }

  private lookupDocFrequency(token: string): number {
    const stem = this.stem(token);
    const n = (this.termDf.get(stem) as number | undefined) ?? (stem === token ? undefined : (this.termDf.get(token) as number | undefined));
    return n ?? 0;
  }

  private phraseDf(p: Phrase): number {
    return Math.min(...p.map((t) => this.docFrequency(t)));
  }

  /** The closest known word within 1 edit (short words) or 2 edits, preferring frequent words. */
  correct(word: string): string | undefined {
    if (word.length < 4 || /^\d+$/.test(word)) return undefined;
    const max = word.length <= 5 ? 1 : 2;
    let best: { word: string; d: number; df: number } | undefined;
    for (const r of this.wordsByLength.all(word.length - max, word.length + max) as { word: string; df: number }[]) {
      const d = editDistance(word, r.word, max);
      if (d <= max && (!best || d < best.d || (d === best.d && r.df > best.df))) best = { word: r.word, d, df: r.df };
    }
    return best?.word;
  }

  /** Splits the user's text into groups, recognising acronyms and their expansions. */
  private groups(text: string): { groups: Group[]; corrections: SearchResult['corrections']; unknown: string[] } {
    const tokens = tokenize(text).slice(0, 32);
    const abbr = this.abbreviationTokens();
    const groups: Group[] = [];
    const corrections: SearchResult['corrections'] = [];
    const unknown: string[] = [];
    const matchAt = (i: number, phrase: string[]): boolean => phrase.length > 0 && phrase.every((t, k) => tokens[i + k] === t);

    for (let i = 0; i < tokens.length; ) {
      // The longest acronym or expansion starting here becomes the acronym: the index holds the
      // acronym beside every mention of either form (see reindexSearch), so one token finds both.
      let found: { len: number; acronym: Phrase } | undefined;
      for (const a of abbr) {
        for (const form of [a.expansion, a.acronym]) {
          if (matchAt(i, form) && (!found || form.length > found.len)) found = { len: form.length, acronym: a.acronym };
        }
      }
      if (found && (found.len > 1 || !STOPWORDS.has(tokens[i]!))) {
        groups.push({ alternatives: [found.acronym], df: 0, source: tokens.slice(i, i + found.len).join(' ') });
        i += found.len;
        continue;
      }
      const t = tokens[i++]!;
      if (STOPWORDS.has(t)) continue;
      groups.push({ alternatives: [[t]], df: 0, source: t });
    }

    for (const g of groups) {
      g.df = g.alternatives.reduce((sum, p) => sum + this.phraseDf(p), 0);
      if (g.df === 0 && g.alternatives.length === 1 && g.alternatives[0]!.length === 1) {
        const to = this.correct(g.source);
        if (to) {
          corrections.push({ from: g.source, to });
          g.alternatives = [[to]];
          g.df = this.phraseDf([to]);
        } else unknown.push(g.source);
      }
    }
    return { groups: groups.filter((g) => g.df > 0), corrections, unknown };
  }

  /** The bm25 contribution of one phrase to every document that has it, or to its champions. */
  private phraseScores(p: Phrase): { rows: Array<[number, number]>; complete: boolean } {
    if (p.length === 1 && this.docFrequency(p[0]!) > CHAMPION_MIN_DF) {
      const list = this.champions.get(this.stem(p[0]!)) as { seqs: Buffer; scores: Buffer } | undefined;
      if (list) {
        const n = list.seqs.byteLength / 4;
        const seqs = new Int32Array(list.seqs.buffer.slice(list.seqs.byteOffset, list.seqs.byteOffset + list.seqs.byteLength));
        const scores = new Float64Array(list.scores.buffer.slice(list.scores.byteOffset, list.scores.byteOffset + list.scores.byteLength));
        return { rows: Array.from({ length: n }, (_, i) => [seqs[i]!, scores[i]!] as [number, number]), complete: false };
      }
    }
    return { rows: this.phraseRank.all(quotePhrase(p)) as Array<[number, number]>, complete: true };
  }

  /**
   * FTS5's bm25 for single words, computed here from the document's stored stem frequencies: what
   * a common word adds to a document that is not in the word's champion list. Same formula and
   * weights as FTS5's bm25 (k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) / (n + 0.5)), at least 1e-6).
   */
  /** Marks the words of the quote that match a query phrase (same tokens and stems as FTS5). */
  private highlightQuote(text: string, phrases: string[][]): Highlighted {
    const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      stem: this.stem(tokenize(m[0])[0] ?? ''),
    }));
    const highlights: Array<[number, number]> = [];
    for (let i = 0; i < tokens.length; i++) {
      const p = phrases.find((ph) => ph.every((s, k) => tokens[i + k]?.stem === s));
      if (!p) continue;
      const last = tokens[i + p.length - 1]!;
      highlights.push([tokens[i]!.start, last.end]);
      i += p.length - 1;
    }
    return { text, highlights };
  }

  private readonly stems = new Map<string, string>();
  /** The Porter stem, memoised: a catalog's vocabulary is small and stemming is the hot path. */
  private stem(word: string): string {
    let s = this.stems.get(word);
    if (s === undefined) {
      s = stemmer(word);
      if (this.stems.size < 100_000) this.stems.set(word, s);
    }
    return s;
  }

  /** FTS5's idf for a single word. */
  private idf(word: string): number {
    const rows = (this.stats.get() as { rows: number } | undefined)?.rows ?? 0;
    const n = this.docFrequency(word);
    return Math.max(1e-6, Math.log((rows - n + 0.5) / (n + 0.5)));
  }

  private exactWordScores(seqs: number[], words: string[]): Map<number, number> {
    const stats = this.stats.get() as { rows: number; tokens: number } | undefined;
    const out = new Map<number, number>();
    if (!stats || stats.rows === 0) return out;
    const avgdl = stats.tokens / stats.rows;
    const stems = words.map((w) => this.stem(w));
    const idf = words.map((w) => this.idf(w));
    for (const [seq, length, terms] of this.docTerms.all(JSON.stringify(seqs)) as Array<[number, number, string]>) {
      let score = 0;
      stems.forEach((st, i) => {
        const at = terms.indexOf(` ${st}:`);
        if (at < 0) return;
        const f = Number.parseFloat(terms.slice(at + st.length + 2, terms.indexOf(' ', at + 1)));
        score += idf[i]! * ((f * (BM25_K1 + 1)) / (f + BM25_K1 * (1 - BM25_B + (BM25_B * length) / avgdl)));
      });
      out.set(seq, -score);
    }
    return out;
  }

  /** The FTS5 expression that ranks every matching document (the reference the planner must match). */
  matchExpression(text: string): string | undefined {
    const { groups } = this.groups(text);
    return groups.length ? groups.map(groupExpr).join(' OR ') : undefined;
  }

  search(text: string, opts: SearchOptions = {}): SearchResult {
    const limit = opts.limit ?? 10;
    const { groups, corrections, unknown } = this.groups(text);
    if (groups.length === 0) return { hits: [], total: 0, plan: 'none', corrections, unknown };

    // bm25 is a sum over the query's phrases, so score each phrase on its own and add up. A
    // word in more than half the documents has an idf of (almost) zero in FTS5's bm25: it adds
    // nothing to any score, so it is left out unless it is all the query has.
    const rows = (this.stats.get() as { rows: number } | undefined)?.rows ?? 0;
    const phrases = groups.flatMap((g) => g.alternatives);
    const weighty = phrases.filter((p) => p.length > 1 || this.docFrequency(p[0]!) <= rows / 2);
    const scored = weighty.length ? weighty : [phrases.reduce((a, b) => (this.phraseDf(a) <= this.phraseDf(b) ? a : b))];
    const exact = new Map<number, number>(); // phrases scored on every document that has them
    const champion = new Map<number, number>(); // common words, from their champion lists
    const common: string[] = [];
    const lists = new Map<string, Map<number, number>>();
    {
      for (const p of scored) {
        const r = this.phraseScores(p);
        const into = r.complete ? exact : champion;
        if (!r.complete) {
          common.push(p[0]!);
          lists.set(p[0]!, new Map(r.rows));
        }
        for (const [seq, score] of r.rows) into.set(seq, (into.get(seq) ?? 0) + score);
      }
    }
    const complete = common.length === 0;
    const candidates = new Map(exact);
    for (const [seq, score] of champion) candidates.set(seq, (candidates.get(seq) ?? 0) + score);
    let best: Array<[number, number]>;
    let plan: SearchPlan = complete ? 'exact' : 'champions';
    if (complete || weighty.length === 0) {
      // (When every word weighs almost nothing all scores tie near zero: the champion list's best
      // are as good as any, but that is no proof.)
      if (weighty.length === 0) plan = 'approximate';
      best = [...candidates.entries()].sort((a, b) => a[1] - b[1] || b[0] - a[0]).slice(0, limit);
    } else {
      // Exact top k without scoring every document (a threshold algorithm over the lists). A
      // document outside word w's list gets at most t_w from it (t_w: the list's weakest score),
      // so each candidate has an upper bound; candidates are scored exactly in bound order until
      // no bound can beat the k-th exact score. A document in no list and with no rare phrase
      // can score at most T = Σ t_w: when the k-th exact score beats T, the answer is exact.
      const t = new Map(common.map((w) => [w, Math.abs(Math.min(0, ...[...lists.get(w)!.values()].slice(-1)))]));
      const T = [...t.values()].reduce((a, b) => a + b, 0);
      const bounds = [...candidates.entries()].map(([seq, known]) => {
        let ub = -known;
        for (const w of common) if (!lists.get(w)!.has(seq)) ub += t.get(w)!;
        return { seq, known: -known, ub };
      });
      bounds.sort((a, b) => b.ub - a.ub || b.seq - a.seq);
      const top: Array<[number, number]> = []; // [seq, positive exact score], best first
      const kth = (): number => (top.length >= limit ? top[limit - 1]![1] : -Infinity);
      let stopped = false;
      for (let i = 0; i < bounds.length; ) {
        if (bounds[i]!.ub <= kth()) break;
        if (i >= MAX_RESCORED) {
          stopped = true; // the time budget: keep the best found
          break;
        }
        const batch = bounds.slice(i, i + 32).filter((b) => b.ub > kth());
        i += 32;
        const needs = batch.filter((b) => common.some((w) => !lists.get(w)!.has(b.seq)));
        const rescored = needs.length ? this.exactWordScores(needs.map((b) => b.seq), common) : new Map<number, number>();
        for (const b of batch) {
          const score = rescored.has(b.seq) ? -(exact.get(b.seq) ?? 0) - rescored.get(b.seq)! : b.known;
          top.push([b.seq, score]);
        }
        top.sort((a, b) => b[1] - a[1] || b[0] - a[0]);
        top.length = Math.min(top.length, limit);
      }
      // Proven exact unless the budget ran out or an unseen document could still score more.
      if (stopped || (top.length >= limit && kth() < T)) plan = 'approximate';
      best = top.map(([seq, score]) => [seq, -score]);
    }
    best = best.slice(0, limit);
    const found = new Map(
      (this.byseq.all(JSON.stringify(best.map(([seq]) => seq))) as Array<{ seq: number; id: string; quote: string }>).map((r) => [r.seq, r]),
    );
    const stems = scored.map((p) => p.map((t) => this.stem(t)));
    const hits: SearchHit[] = best.flatMap(([seq, score]) => {
      const row = found.get(seq);
      return row ? [{ seq, id: row.id, score, quote: this.highlightQuote(row.quote, stems) }] : [];
    });
    const total = complete ? candidates.size : Math.max(candidates.size, ...groups.map((g) => g.df));
    return { hits, total, plan, corrections, unknown };
  }
}
