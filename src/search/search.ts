import { stemmer } from 'stemmer';
import type { Highlighted } from '../core/reply.js';
import type { Db } from '../store/db.js';
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

export type SearchPlan = 'none' | 'and' | 'and+or' | 'or' | 'sample';

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
  /**
   * Above this many matching documents a group is "common": it is not worth ranking every row
   * that contains it. Queries made only of common groups rank a bounded sample instead.
   */
  selectiveCap?: number;
  sampleSize?: number;
}

const HL_OPEN = '\u0002';
const HL_CLOSE = '\u0003';

function quotePhrase(p: Phrase): string {
  // Tokens hold only letters and digits, so a double-quoted FTS5 string is always safe.
  return `"${p.join(' ')}"`;
}

function groupExpr(g: Group): string {
  const alts = g.alternatives.map(quotePhrase);
  return alts.length === 1 ? alts[0]! : `(${alts.join(' OR ')})`;
}

export function parseHighlights(marked: string): Highlighted {
  const highlights: Array<[number, number]> = [];
  let text = '';
  let open = -1;
  for (const ch of marked) {
    if (ch === HL_OPEN) open = text.length;
    else if (ch === HL_CLOSE) {
      if (open >= 0 && text.length > open) highlights.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  return { text, highlights };
}

/**
 * Full-text lookups over the commitments: FTS5, bm25 with actor and summary weighing most, porter
 * stemming, acronym expansion both ways and typo tolerance. User text never reaches FTS5 syntax:
 * it is tokenised here and every token is quoted, so no input can raise an SQLite error.
 *
 * Query planning: every group's document frequency is read from the fts5vocab table first.
 * Words that occur in most documents ("migration", "development") add almost nothing to bm25
 * (their idf is near zero), but ranking every row that contains them is what makes a naive OR
 * query slow. So: AND of all groups when the rarest is selective; then, if that found too few,
 * OR of the selective groups only; and when every group is common, rank a bounded sample of the
 * AND instead of the whole index.
 */
export class SearchIndex {
  private readonly termDf;
  private readonly wordsByLength;
  private readonly abbreviations;

  constructor(private readonly db: Db) {
    this.termDf = db.prepare('SELECT doc FROM commitment_fts_terms WHERE term = ?').pluck();
    this.wordsByLength = db.prepare('SELECT word, df FROM search_words WHERE length(word) BETWEEN ? AND ?');
    this.abbreviations = db.prepare('SELECT acronym, expansion FROM abbreviations');
  }

  private docFrequency(token: string): number {
    const stem = stemmer(token);
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
    const abbr = (this.abbreviations.all() as { acronym: string; expansion: string }[]).map((a) => ({
      acronym: tokenize(a.acronym),
      expansion: tokenize(a.expansion),
    }));
    const groups: Group[] = [];
    const corrections: SearchResult['corrections'] = [];
    const unknown: string[] = [];
    const matchAt = (i: number, phrase: string[]): boolean => phrase.length > 0 && phrase.every((t, k) => tokens[i + k] === t);

    for (let i = 0; i < tokens.length; ) {
      // Longest expansion or acronym starting here.
      let found: { len: number; alternatives: Phrase[] } | undefined;
      for (const a of abbr) {
        for (const [self, other] of [
          [a.expansion, a.acronym],
          [a.acronym, a.expansion],
        ] as const) {
          if (matchAt(i, self) && (!found || self.length > found.len)) found = { len: self.length, alternatives: [self, other] };
        }
      }
      if (found && (found.len > 1 || !STOPWORDS.has(tokens[i]!))) {
        const alternatives = found.alternatives.map((p) => p.filter((t) => !STOPWORDS.has(t) || p.length === 1));
        groups.push({ alternatives, df: 0, source: tokens.slice(i, i + found.len).join(' ') });
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

  search(text: string, opts: SearchOptions = {}): SearchResult {
    const limit = opts.limit ?? 10;
    const cap = opts.selectiveCap ?? 2_000;
    const sampleSize = opts.sampleSize ?? 400;
    const { groups, corrections, unknown } = this.groups(text);
    const empty: SearchResult = { hits: [], total: 0, plan: 'none', corrections, unknown };
    if (groups.length === 0) return empty;

    const minDf = Math.min(...groups.map((g) => g.df));
    const and = groups.map(groupExpr).join(' AND ');
    if (minDf > cap) {
      // Every word is common: rank a bounded sample of the documents that contain them all.
      const rows = this.db
        .prepare(
          `SELECT f.rowid AS seq, c.id, bm25(commitment_fts, 10.0, 8.0, 3.0, 2.0, 1.0) AS score,
                  highlight(commitment_fts, 3, char(2), char(3)) AS hl
           FROM commitment_fts f JOIN commitments c ON c.seq = f.rowid
           WHERE commitment_fts MATCH ? LIMIT ?`,
        )
        .all(and, sampleSize) as Array<{ seq: number; id: string; score: number; hl: string }>;
      rows.sort((a, b) => a.score - b.score);
      return {
        hits: rows.slice(0, limit).map((r) => ({ seq: r.seq, id: r.id, score: r.score, quote: parseHighlights(r.hl) })),
        total: rows.length < sampleSize ? rows.length : minDf,
        plan: 'sample',
        corrections,
        unknown,
      };
    }

    const ranked = this.db.prepare(
      `SELECT f.rowid AS seq, c.id, f.rank AS score, highlight(commitment_fts, 3, char(2), char(3)) AS hl
       FROM commitment_fts f JOIN commitments c ON c.seq = f.rowid
       WHERE commitment_fts MATCH ? ORDER BY f.rank LIMIT ?`,
    );
    const count = this.db.prepare('SELECT count(*) FROM commitment_fts WHERE commitment_fts MATCH ?').pluck();
    const toHits = (rows: Array<{ seq: number; id: string; score: number; hl: string }>): SearchHit[] =>
      rows.map((r) => ({ seq: r.seq, id: r.id, score: r.score, quote: parseHighlights(r.hl) }));

    const andRows = ranked.all(and, limit) as Array<{ seq: number; id: string; score: number; hl: string }>;
    let total = andRows.length < limit ? andRows.length : (count.get(and) as number);
    let hits = toHits(andRows);
    let plan: SearchPlan = 'and';
    if (hits.length < limit && groups.length > 1) {
      const selective = groups.filter((g) => g.df <= cap);
      const or = selective.map(groupExpr).join(' OR ');
      const orRows = ranked.all(or, limit + hits.length) as Array<{ seq: number; id: string; score: number; hl: string }>;
      const seen = new Set(hits.map((h) => h.seq));
      const extra = toHits(orRows.filter((r) => !seen.has(r.seq)));
      if (extra.length > 0) {
        plan = hits.length > 0 ? 'and+or' : 'or';
        hits = [...hits, ...extra].slice(0, limit);
        total = Math.max(total, hits.length < limit ? hits.length : (count.get(or) as number));
      }
    }
    return { hits, total, plan, corrections, unknown };
  }
}
