import { createRequire } from 'node:module';

interface Lemmatizer {
  noun(word: string): string;
  verb(word: string): string;
  adjective(word: string): string;
}
let wink: Lemmatizer | undefined;
/** wink-lemmatizer, read on first use: its WordNet lists take ~0.1 s to load, which a start that answers without searching never pays. */
const lemmatizer = (): Lemmatizer => (wink ??= createRequire(import.meta.url)('wink-lemmatizer') as Lemmatizer);

/**
 * The one word analysis of the search: the index, the query and the highlights all go through
 * `lemma`, so they cannot disagree (as two porter stemmers could).
 *
 * A lemma joins a word's inflections only (costs → cost, closed → close, meetings → meet,
 * easier → easy), using WordNet through wink-lemmatizer; it never joins derivations, which a
 * stemmer does and which change the meaning (incoming ≠ income, closely ≠ close,
 * development ≠ developing). Words WordNet does not know (KNOMAD, Almaty) stay as they are.
 */
const cache = new Map<string, string>();

export function lemma(word: string): string {
  let l = cache.get(word);
  if (l === undefined) {
    l = lemmaOf(word);
    if (cache.size < 200_000) cache.set(word, l);
  }
  return l;
}

/**
 * The version of the word analysis below. Part of the catalog's hash: a change here rebuilds the
 * stored search index at the next start, so the index and the queries never read words apart.
 * 3: the stored thesaurus holds its concepts' links (related, broader) beside their terms.
 */
export const ANALYSIS_VERSION = 3;

/** Numbers written as words are their digits ("eight-point agenda" is "8 point agenda"); "one" stays a word. */
const NUMBERS: Record<string, string> = { two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12', twenty: '20' };

function lemmaOf(w: string): string {
  if (NUMBERS[w]) return NUMBERS[w];
  if (w.length <= 3 || /\d/.test(w)) return w;
  // -ed and -ing are verb forms; a noun in -ing is lemmatised as its verb (meetings → meet).
  if (/(?:ed|ing)$/.test(w)) return lemmatizer().verb(w);
  // No plural ends in -ss (process, discuss): the noun rule would wrongly strip the s.
  if (!w.endsWith('ss')) {
    const n = lemmatizer().noun(w);
    if (n !== w) return n.endsWith('ing') ? lemmatizer().verb(n) : n;
  }
  const v = lemmatizer().verb(w); // irregular forms: took, went, saw
  return v !== w ? v : lemmatizer().adjective(w); // easier → easy
}

/**
 * Whether a word is an inflected verb and not a plural noun ("organised", "suggested", "ran",
 * "enforcing"): in a question such a word says what was done, not what about — when the index does
 * not hold it, it is read as a filler rather than as a subject the report says nothing about.
 */
export function isVerbForm(word: string): boolean {
  if (word.length < 3) return false;
  const v = lemmatizer().verb(word);
  return v !== word && lemmatizer().noun(word) === word;
}

/** A token of a text: where it is, its folded form (lower case, no diacritics) and its lemma. */
export interface Token {
  start: number;
  end: number;
  word: string;
  lemma: string;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Lower case without diacritics, as FTS5's unicode61 tokenizer folds (ﬁ → fi, Å → a). */
export function fold(text: string): string {
  return ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * The tokens of a text (runs of letters and digits), with their positions in it. An acronym is
 * its own lemma, and its plural (SDGs, NGOs) is the acronym.
 */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const start = m.index;
    const end = start + m[0].length;
    const acronym = /^\p{Lu}[\p{Lu}\d]+$/u.test(m[0]);
    const acronymPlural = /^\p{Lu}{2,}\d*s$/u.test(m[0]);
    for (const word of fold(m[0]).split(/[^\p{L}\p{N}]+/u)) {
      if (!word) continue;
      // An acronym is not an English word (AIDS is not the plural of aid).
      out.push({ start, end, word, lemma: acronymPlural ? word.slice(0, -1) : acronym ? word : lemma(word) });
    }
  }
  return out;
}

/** The lemmas of a text, in order. */
export function lemmas(text: string): string[] {
  return tokens(text).map((t) => t.lemma);
}
