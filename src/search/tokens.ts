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
    // light verbs: "take pensions with them", "puts out the report", "what came out of": the rest says what
    'take put make give keep bring come out ' +
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
  return SLIPPABLE.some((f) => f !== word && f[0] === word[0] && (editDistance(word, f, 1) <= 1 || swapped(word, f)));
}

/** Whether `a` is `b` with two neighbouring letters swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** Whether a word of a question carries no meaning for the search: a stopword, a filler, a lone letter. */
export function isFiller(word: string, lemma: string = word): boolean {
  return (word.length === 1 && !/\d/.test(word)) || STOPWORDS.has(word) || FILLERS.has(word) || FILLERS.has(lemma);
}

export function contentWords(text: string): string[] {
  return tokenize(text).filter((t) => !STOPWORDS.has(t));
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}
