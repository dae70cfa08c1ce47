import { createRequire } from 'node:module';

let words: Set<string> | undefined;

/**
 * Whether a word (lower case) is an English word: ~275,000 words with their inflections
 * (an-array-of-english-words). Read on first use (about 0.2 s): only a message that looks like a
 * misspelt command pays for it.
 */
export function isEnglishWord(word: string): boolean {
  words ??= new Set(createRequire(import.meta.url)('an-array-of-english-words') as string[]);
  return words.has(word);
}
