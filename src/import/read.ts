import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';

/** Largest report read: a long meeting report is well under a megabyte of text. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;
export const REPORT_FORMATS = ['.txt', '.md', '.pdf'] as const;
export const RECORD_FORMATS = ['.json', '.csv'] as const;

const fail = (message: string, hint?: string): never => {
  throw new UserError('import-file', message, hint);
};

export type FileKind = 'report' | 'records';

/** What a file is, by its extension; anything else is refused with the formats we read. */
export function kindOf(file: string): { kind: FileKind; ext: string } {
  const ext = path.extname(file).toLowerCase();
  if ((REPORT_FORMATS as readonly string[]).includes(ext)) return { kind: 'report', ext };
  if ((RECORD_FORMATS as readonly string[]).includes(ext)) return { kind: 'records', ext };
  return fail(
    `${path.basename(file)}: followup reads reports as .txt, .md or .pdf, and its own exports as .json or .csv${ext ? ` (not ${ext})` : ' (the file has no extension)'}.`,
    'Save the report as text or PDF, e.g. `followup import report.pdf --meeting "13th meeting" --date 2015-02-19`.',
  );
}

/** The file's bytes, refusing what is missing, empty, too large or not a file. */
export function readBytes(file: string, max = MAX_REPORT_BYTES): Buffer {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) fail(`${file} is not a file.`);
    size = st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return fail(`${file}: no such file.`, 'Check the path (relative paths start from the current folder).');
    return fail(`${file} cannot be read: ${(err as Error).message}.`);
  }
  if (size === 0) fail(`${path.basename(file)} is empty: there is nothing to import.`);
  if (size > max) fail(`${path.basename(file)} is ${(size / 1024 / 1024).toFixed(1)} MB; followup reads files up to ${max / 1024 / 1024} MB.`, 'Split the document, or import the report alone without annexes.');
  try {
    return readFileSync(file);
  } catch (err) {
    return fail(`${file} cannot be read: ${(err as Error).message}.`);
  }
}

/** UTF-8 text, refusing binary content (NUL bytes, invalid UTF-8, mostly control characters). */
export function decodeText(bytes: Buffer, name: string): string {
  if (bytes.includes(0)) fail(`${name} looks like a binary file, not text.`, 'Import the report as .txt, .md or .pdf.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(`${name} is not UTF-8 text (perhaps a binary file, or another encoding).`, 'Save it as UTF-8 text, or import the PDF.');
  }
  text = text.replace(/^\uFEFF/, '');
  const control = (text.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g) ?? []).length;
  if (control > text.length * 0.01) fail(`${name} looks like a binary file, not text.`, 'Import the report as .txt, .md or .pdf.');
  if (!text.trim()) fail(`${name} has no text in it.`);
  return text;
}

/** Markdown → the plain layout the report parser reads: headings on their own upper-case lines. */
export function markdownToText(md: string): string {
  return md
    .split(/\r?\n/)
    .map((line) => {
      const h = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
      if (h) return `\n${h[1]!.toUpperCase()}\n`;
      return line
        .replace(/^\s{0,3}(?:[-*+]|\d+[.)])\s+/, '')
        .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, '$1$2')
        .replace(/(?<![\w*])\*([^*\n]+)\*(?!\w)|(?<![\w_])_([^_\n]+)_(?!\w)/g, '$1$2')
        .replace(/`([^`]+)`/g, '$1')
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    })
    .join('\n');
}

/**
 * A PDF's text layer, line by line, with a blank line where the vertical gap says a new
 * paragraph starts. A PDF without one (a scan) is refused: followup does not do OCR.
 */
export async function pdfToText(bytes: Buffer, name: string): Promise<string> {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') fail(`${name} is not a PDF (it does not start with %PDF-).`);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0, isEvalSupported: false }).promise;
  } catch (err) {
    return fail(`${name} could not be read as a PDF (${(err as Error).message}).`, 'Export the report again, or save its text as .txt.');
  }
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const lines: Array<{ y: number; text: string; height: number }> = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const y = item.transform[5] as number;
      const last = lines[lines.length - 1];
      if (last && Math.abs(last.y - y) < 2) last.text += item.str;
      else lines.push({ y, text: item.str, height: item.height || 10 });
    }
    const gaps = lines.slice(1).map((l, i) => Math.abs(lines[i]!.y - l.y)).filter((g) => g > 0).sort((a, b) => a - b);
    // The line spacing: the gap most lines have (a low percentile, as paragraph gaps are the larger ones).
    const usual = gaps[Math.floor(gaps.length * 0.2)] ?? 12;
    lines.forEach((l, i) => {
      if (i > 0 && Math.abs(lines[i - 1]!.y - l.y) > usual * 1.4) out.push('');
      out.push(l.text);
    });
    out.push('');
  }
  await doc.destroy();
  const text = out.join('\n');
  if (text.replace(/\s+/g, '').length < 20) fail(`${name} has no text layer (a scanned document?): followup reads the text of a PDF and does no OCR.`, 'Run it through OCR first, or save the report as text.');
  return text;
}

/** Reads a report file of any supported format as plain text. */
export async function readReport(file: string): Promise<{ text: string; format: string }> {
  const { kind, ext } = kindOf(file);
  if (kind !== 'report') fail(`${path.basename(file)} is an export (${ext}), not a report.`);
  const bytes = readBytes(file);
  const name = path.basename(file);
  if (ext === '.pdf') return { text: await pdfToText(bytes, name), format: 'pdf' };
  const text = decodeText(bytes, name);
  return { text: ext === '.md' ? markdownToText(text) : text, format: ext.slice(1) };
}
