/**
 * PDF glyph noise: runs such as `possmt1.9()10.40.9(e)9.2(a) n-1.6(r)-464.6(he` that a PDF text
 * extraction emits when it dumps positioning operators instead of words. They must never reach a
 * user as if they were text.
 *
 * A token is noise when it has a shape that words, numbers and UN document symbols
 * (`A/RES/68/4`, `ESA/P/WP.237`, `(MDGs).`) never have.
 */
const NOISE_SHAPES: readonly RegExp[] = [
  /\(\)/, // empty parentheses: "1.9()"
  /\d\.\d+\(/, // a decimal glued to an opening parenthesis: "9.2(a)"
  /\)[\p{L}\p{N}]/u, // a closing parenthesis glued to a letter or digit: "(1)ndi)"
  /\p{L}\d+\.\d+/u, // a letter glued to a decimal: "possmt1.9"
  /-\d+\.\d+\(/, // kerning offsets: "-464.6(he"
  /\[\(/, // "[(" operator runs
];

export function isNoiseToken(token: string): boolean {
  return NOISE_SHAPES.some((shape) => shape.test(token));
}

/** True when the text contains any glyph-noise token. */
export function containsGlyphNoise(text: string): boolean {
  return text.split(/\s+/).some((t) => t.length > 0 && isNoiseToken(t));
}

export interface NoiseSplit {
  /** The clean text before the first noise token (trimmed). */
  clean: string;
  /** The noise that was cut off, for diagnostics only: never shown to users. */
  noise: string;
}

/**
 * Cuts a paragraph at its first noise token. Extraction noise runs to the end of the PDF text
 * object it replaced, so everything after the first noise token is dropped: a fragment of a
 * sentence is better than words that are not there.
 */
export function splitGlyphNoise(text: string): NoiseSplit {
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (isNoiseToken(m[0])) {
      return { clean: text.slice(0, m.index).trimEnd(), noise: text.slice(m.index) };
    }
  }
  return { clean: text, noise: '' };
}
