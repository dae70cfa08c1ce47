import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findParagraph, parseReport } from '../../src/catalog/report.js';
import { DATA_DIR } from '../helpers.js';

const report = parseReport(readFileSync(path.join(DATA_DIR, 'report/twelfth-coordination-meeting-2014.txt'), 'utf8'));

describe('report parser', () => {
  it('finds the surviving section headings', () => {
    const ids = report.sections.map((s) => s.id);
    expect(ids).toContain('explanatory-notes');
    expect(ids).toContain('report-of-the-twelfth-meeting');
    expect(ids).toContain('VII');
    expect(ids).toContain('VIII');
    expect(report.sections.find((s) => s.id === 'VII')!.title).toBe('VII. Selected Presentations on Data and Indicators on Migration');
  });

  it('numbers paragraphs inside each section and marks cut ones', () => {
    const sutherland = findParagraph(report, 'report-of-the-twelfth-meeting', 2)!;
    expect(sutherland.text.startsWith('migration took place within the rule of law')).toBe(true); // "| " artefact dropped
    expect(sutherland.cutStart).toBe(true);
    expect(sutherland.hadNoise).toBe(true);
    expect(sutherland.text.endsWith('to include migration in the')).toBe(true);
    const ratha = findParagraph(report, 'report-of-the-twelfth-meeting', 14)!;
    expect(ratha.text).toContain('KNOMAD was gathering information on recruitment costs');
    expect(ratha.cutEnd).toBe(true);
    expect(findParagraph(report, 'VII', 1)!.text.startsWith('Ms. Warda Henning of UNODC')).toBe(true);
    expect(findParagraph(report, 'VIII', 1)!.cutEnd).toBe(true); // ends "Mr."
  });

  it('marks a block cut at its start when the block before it broke off, even if its first word is capitalised', () => {
    const body = report.sections.find((s) => s.id === 'report-of-the-twelfth-meeting')!.paragraphs;
    expect(body.filter((p) => p.cutStart).map((p) => p.paragraph)).toEqual([2, 3, 4, 6, 9, 13]);
    expect(body.filter((p) => p.cutEnd).map((p) => p.paragraph)).toEqual([1, 2, 3, 5, 8, 12, 14]);
    const desa = findParagraph(report, 'report-of-the-twelfth-meeting', 13)!;
    expect(desa.text.startsWith('Analysis Division of UN/DESA')).toBe(true);
    expect(desa.cutStart).toBe(true); // ¶12 ends "A sec": ¶13 carries on from a page break
    expect(findParagraph(report, 'VII', 1)!.cutStart).toBe(false); // a heading starts afresh
    // A short title-page line without a full stop is not prose that broke off.
    const r = parseReport('TITLE PAGE\n\nNew York, 20 and\n\nThe designations employed here are the publisher’s own.\n');
    expect(r.sections[0]!.paragraphs[1]!.cutStart).toBe(false);
    const broken = parseReport('I. ONE\n\nThe panel discussed the many issues that were raised at the High-\n\nAnalysis Division of the department.\n');
    expect(broken.sections[0]!.paragraphs[1]!.cutStart).toBe(true);
  });

  it('handles empty and odd input without throwing', () => {
    expect(parseReport('').sections.flatMap((s) => s.paragraphs)).toEqual([]);
    const r = parseReport('I. ONE\n\nText here.\r\n\r\nII. TWO\n\n1.9()2.3(a)\n\nMore text.');
    expect(r.sections.map((s) => s.id)).toEqual(['I', 'II']);
    expect(r.sections[1]!.paragraphs.map((p) => p.text)).toEqual(['More text.']);
  });
});
