import { splitGlyphNoise } from './glyph-noise.js';

/** A paragraph of the source report, as the loader recognised it. */
export interface ReportParagraph {
  /** Section id: the roman numeral when the heading kept one ("VII"), otherwise a slug. */
  section: string;
  /** 1-based number of the paragraph inside its section (noise-only blocks are not counted). */
  paragraph: number;
  /** The paragraph's clean text, glyph noise removed, whitespace normalised. */
  text: string;
  /**
   * Starts mid-sentence (the page break cut its beginning): it begins with a lower-case letter,
   * or the block before it in the same section was prose that broke off mid-sentence (or was pure
   * glyph noise).
   * Extracted text runs on across page breaks, so what follows a broken-off block carries on from
   * a page break even when its first word is capitalised ("Analysis Division of UN/DESA, …").
   */
  cutStart: boolean;
  /** Ends mid-sentence (the page break or glyph noise cut its end). */
  cutEnd: boolean;
  /** Glyph noise was removed from the end of this paragraph. */
  hadNoise: boolean;
  /** 1-based line in the source file where the paragraph starts. */
  line: number;
}

export interface ReportSection {
  id: string;
  title: string;
  /** Headings that were lost in extraction are described here instead. */
  note?: string;
  paragraphs: ReportParagraph[];
}

export interface ParsedReport {
  sections: ReportSection[];
  /** Blocks that were pure glyph noise (line numbers), kept for diagnostics. */
  noiseBlocks: number[];
}

const ROMAN_HEADING = /^([IVXLC]+)\.\s+(.+)$/;

function isHeading(line: string): boolean {
  const t = line.trim();
  if (t.length < 4 || t.length > 120) return false;
  if (/\p{Ll}/u.test(t)) return false; // headings are upper case
  if (!/^[\p{Lu}\d]/u.test(t)) return false;
  return t.split(/\s+/).length >= 2 || ROMAN_HEADING.test(t);
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function titleCase(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/(^|\s)(\p{L})/gu, (_m, sp: string, ch: string) => sp + ch.toUpperCase())
    .replace(/\b(On|And|Of|The|In|For|To)\b/g, (w, _x, offset: number) => (offset === 0 ? w : w.toLowerCase()));
}

export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits the extracted report text into sections and paragraphs. Paragraphs are blocks separated
 * by blank lines; headings are upper-case lines. A leading `| ` (a table-border artefact) is
 * dropped; glyph noise is cut off; blocks that are only noise are not paragraphs.
 */
export function parseReport(source: string, opts: { lostHeadings?: Record<string, string> } = {}): ParsedReport {
  const lines = source.split(/\r?\n/);
  const sections: ReportSection[] = [];
  const noiseBlocks: number[] = [];
  let current: ReportSection = { id: 'front', title: 'Title page', paragraphs: [] };
  sections.push(current);

  let block: string[] = [];
  let blockLine = 0;
  /** The previous block of this section broke off (or was noise): the next one carries on from it. */
  let afterBreak = false;
  const flush = (): void => {
    if (block.length === 0) return;
    const raw = normaliseWhitespace(block.join(' ').replace(/^\|\s*/, ''));
    block = [];
    const { clean, noise } = splitGlyphNoise(raw);
    const text = clean.trim();
    if (text.length === 0 || (noise.length > 0 && text.length < 20)) {
      noiseBlocks.push(blockLine);
      afterBreak = true;
      return;
    }
    const cutEnd = noise.length > 0 || !/[.!?:;"”)]$/.test(text) || /\b(?:Mr|Ms|Mrs|Dr|H\.E)\.$/.test(text);
    current.paragraphs.push({
      section: current.id,
      paragraph: current.paragraphs.length + 1,
      text,
      cutStart: afterBreak || /^[\p{Ll}]/u.test(text),
      cutEnd,
      hadNoise: noise.length > 0,
      line: blockLine,
    });
    // Only prose breaks off mid-sentence: a short line of a title page ("New York, 20 and") does not.
    afterBreak = cutEnd && text.split(' ').length >= 8;
  };

  lines.forEach((line, i) => {
    if (line.trim() === '') {
      flush();
      return;
    }
    if (block.length === 0 && isHeading(line)) {
      const heading = line.trim();
      const roman = ROMAN_HEADING.exec(heading);
      const id = roman ? roman[1]! : slugify(heading);
      const title = roman ? `${roman[1]}. ${titleCase(roman[2]!)}` : titleCase(heading);
      current = { id, title, paragraphs: [] };
      afterBreak = false;
      const note = opts.lostHeadings?.[id];
      if (note) current.note = note;
      sections.push(current);
      return;
    }
    if (block.length === 0) blockLine = i + 1;
    block.push(line);
  });
  flush();
  return { sections: sections.filter((s) => s.paragraphs.length > 0 || ROMAN_HEADING.test(s.title)), noiseBlocks };
}

/**
 * A paragraph's first `n` words, with "…" where there is more (and before them when the paragraph
 * begins mid-sentence): how a reader finds it on the page.
 */
export function openingWords(p: Pick<ReportParagraph, 'text' | 'cutStart'>, n = 4): string {
  const words = normaliseWhitespace(p.text).split(' ');
  return `${p.cutStart ? '…' : ''}${words.slice(0, n).join(' ')}${words.length > n ? '…' : ''}`;
}

export function findParagraph(report: ParsedReport, section: string, paragraph: number): ReportParagraph | undefined {
  return report.sections.find((s) => s.id === section)?.paragraphs.find((p) => p.paragraph === paragraph);
}
