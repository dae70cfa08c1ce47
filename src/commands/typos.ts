import { isEnglishWord } from '../core/english.js';
import { editDistance } from '../search/tokens.js';

/** Time words the scheduling commands read; a misspelt one ("tomorow") is corrected with the command word. */
export const TIME_WORDS: readonly string[] = (
  'today tomorrow tonight yesterday morning afternoon evening noon midnight monday tuesday wednesday thursday friday ' +
  'saturday sunday weekday weekdays weekend daily weekly monthly yearly every minutes hours days weeks months years ' +
  'january february march april june july august september october november december quarter before after until'
).split(' ');

/** Whether b is a with two neighbouring letters swapped ("remnid" → "remind"): one slip, though two edits. */
function oneSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** Edits a typo of this length may hold: one up to five letters, two from `long` letters on. */
function allowed(word: string, long: number): number {
  return word.length >= long ? 2 : 1;
}

/**
 * The word of `vocabulary` that `word` is a slip of, or undefined: `word` has four letters or
 * more, is in none of the vocabulary, is not an English word, starts with the same letter, and
 * is closest to it (a swap of neighbours counts as one edit; two edits from `long` letters on).
 */
export function slipOf(word: string, vocabulary: readonly string[], long = 6): string | undefined {
  const w = word.toLowerCase();
  if (w.length < 4 || !/^[a-z]+$/.test(w) || vocabulary.includes(w)) return undefined;
  const max = allowed(w, long);
  let best: { v: string; d: number } | undefined;
  for (const v of vocabulary) {
    if (v.length < 4 || v[0] !== w[0]) continue;
    const d = oneSwap(w, v) ? 1 : editDistance(w, v, max);
    if (d <= max && (!best || d < best.d)) best = { v, d };
  }
  // The word list is read only now, for the few messages that come this far.
  return best && !isEnglishWord(w) ? best.v : undefined;
}
