/**
 * Tokens as FTS5's unicode61 tokenizer sees them (letters and digits; diacritics removed;
 * lower case), so the words we plan with are the words the index holds.
 */
export function tokenize(text: string): string[] {
  // Most text is ASCII: skip Unicode normalisation for it (the hot path of rescoring).
  const folded = ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

const ASCII = /^[\x00-\x7f]*$/;

/** Words that carry no meaning in a lookup ("who is gathering data on recruitment costs"). */
export const STOPWORDS = new Set(
  (
    'a an and are as at be been by can could did do does for from had has have he her his how i in into is it its me ' +
    'my of on or our she should so than that the their them then there these they this those to us was we were what ' +
    'when where which who whom whose why will with would you your about any all also'
  ).split(' '),
);

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
