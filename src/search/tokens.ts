import { fold } from './lemmas.js';

/** Words as FTS5's unicode61 tokenizer sees them: letters and digits, lower case, no diacritics. */
export function tokenize(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/** Words that carry no meaning in a lookup ("who is gathering data on recruitment costs"). */
export const STOPWORDS = new Set(
  (
    'a an and are as at be been by can could did do does for from had has have he her his how i in into is it its me ' +
    'my of on or our she should so than that the their them then there these they this those to us was we were what ' +
    'when where which who whom whose why will with would you your about any all also ' +
    'towards toward regarding concerning among amongst within via upon onto around during throughout across against'
  ).split(' '),
);

/**
 * Words that say what kind of answer is wanted, not what about ("what is KNOMAD doing", "did
 * anyone commit to …", "please tell me anything on …"): they weigh nothing in a search. A word
 * is one when it, or its lemma, is listed.
 */
const FILLERS = new Set(
  (
    'happen go do say tell ask anything something everything nothing anyone someone everyone please commit commitment ' +
    'promise pledge propose know show find look want like thing stuff info latest news update detail overview mention ' +
    'talk discuss up now currently today yet ever still just also really much some there here get got let hi hello thanks thank ' +
    // what is asked about a thing, not the thing: "OWG dates", "KNOMAD's role", "civil society's position"
    'date deadline timeline schedule role status position stance opinion view think ' +
    // chat shorthand and discourse words: "whats", "pls", "atm", "X vs Y", "what is it exactly"
    'whats whos pls plz thx atm btw fyi vs versus exactly basically actually exact kind sort item ' +
    // light verbs: "take pensions with them", "puts out the report", "what came out of", "did they go over": the rest says what
    'take put make give keep bring come out over ' +
    // who is asked, not about what: "the UNODC representative", "a summary of Pritchett's keynote"
    'representative delegate spokesperson summary summarize summarise recap gist'
  ).split(' '),
);

/** The question words people slip on while typing fast ("wat did unodc sya"). */
const SLIPPABLE = 'what say said about did does the who when where how tell show any anything with from that this they there have was were are doing going please'.split(' ');

/**
 * Whether a word no item uses is a slip of a question word: the same first letter, and one
 * letter left out, added, changed, or two neighbours swapped ("wat", "sya", "abotu", "teh").
 */
export function slipOfFiller(word: string): boolean {
  if (word.length < 3 || /\d/.test(word)) return false;
  return SLIPPABLE.some((f) => f !== word && f[0] === word[0] && editDistance(word, f, 1) <= 1);
}

/** Whether a word of a question carries no meaning for the search: a stopword, a filler, a lone letter. */
export function isFiller(word: string, lemma: string = word): boolean {
  return (word.length === 1 && !/\d/.test(word)) || STOPWORDS.has(word) || FILLERS.has(word) || FILLERS.has(lemma);
}

export function contentWords(text: string): string[] {
  return tokenize(text).filter((t) => !STOPWORDS.has(t));
}

/** Edit distance (Levenshtein, with a swap of two neighbouring letters counting as one edit), stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let prevBest = 0;
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      // Two neighbouring letters swapped ("panle", "wrok") are one slip, not two.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    // A later swap can reach back one row, so stop only when neither of the last two rows can still fit.
    if (best > max && prevBest + 1 > max) return max + 1;
    before = prev;
    prev = cur;
    prevBest = best;
  }
  return prev[b.length]!;
}
