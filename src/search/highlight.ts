import type { Highlighted } from '../core/reply.js';
import { tokens } from './lemmas.js';

/** Marks the runs of the text whose lemmas are one of the phrases (the same lemmas the index holds). */
export function highlight(text: string, phrases: readonly string[][]): Highlighted {
  const toks = tokens(text);
  const highlights: Array<[number, number]> = [];
  for (let i = 0; i < toks.length; i++) {
    const p = phrases.filter((ph) => ph.every((l, k) => toks[i + k]?.lemma === l)).sort((a, b) => b.length - a.length)[0];
    if (!p) continue;
    const start = toks[i]!.start;
    i += p.length - 1;
    const end = toks[i]!.end;
    if (highlights.length && highlights[highlights.length - 1]![1] >= start) highlights[highlights.length - 1]![1] = end;
    else highlights.push([start, end]);
  }
  return { text, highlights };
}
