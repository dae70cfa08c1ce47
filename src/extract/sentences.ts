/** A sentence of a paragraph, with where it sits in it. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Titles and abbreviations whose full stop does not end a sentence. */
const NO_BREAK = /(?:\b(?:Mr|Ms|Mrs|Dr|Prof|H\.E|St|No|Nos|Vol|para|paras|e\.g|i\.e|cf|etc|vs|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$/;

/**
 * Splits a paragraph into sentences: a full stop, question or exclamation mark followed by space
 * and a capital, a digit or an opening quote ends one, except after a title or an initial.
 */
export function splitSentences(paragraph: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[.!?]["”’)]?\s+(?=["“‘(]?[\p{Lu}\d])/gu;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(paragraph)) !== null) {
    const end = m.index + m[0].trimEnd().length;
    if (NO_BREAK.test(paragraph.slice(Math.max(start, m.index - 6), m.index + 1))) continue;
    const text = paragraph.slice(start, end).trim();
    if (text) out.push({ text, start, end });
    start = m.index + m[0].length;
  }
  const tail = paragraph.slice(start).trim();
  if (tail) out.push({ text: tail, start, end: paragraph.length });
  return out;
}
