import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/extract.js';
import { splitSentences } from '../../src/extract/sentences.js';
import { findDue, findRecurrence } from '../../src/extract/dates.js';
import { markdownToText } from '../../src/import/read.js';
import { ROOT } from '../helpers.js';

const text = markdownToText(readFileSync(path.join(ROOT, 'tests/fixtures/fictional-meeting-report.md'), 'utf8'));
const result = extract(text, { id: 'hccr-4', name: 'Harbour Council, 4th meeting', shortName: '4th Harbour meeting', date: '2025-03-03' }, { known: [], abbreviations: new Map(), tracks: [{ id: 'data', name: 'Data', aliases: ['dataset', 'data'] }] });
const byQuote = (words: string) => {
  const c = result.candidates.find((x) => x.quote.includes(words));
  expect(c, `a candidate quoting “${words}”`).toBeDefined();
  return c!;
};

describe('extraction on a different (fictional) report', () => {
  it('reads its sections and its abbreviations table', () => {
    expect(result.abbreviations).toEqual([
      { acronym: 'CRF', expansion: 'Coastal Resilience Fund' },
      { acronym: 'SWAN', expansion: 'South-West Atlantic Network of Observatories' },
      { acronym: 'TDG', expansion: 'Tidal Data Group' },
    ]);
    expect(result.sections.map((s) => s.id)).toEqual(expect.arrayContaining(['I', 'II', 'III', 'IV']));
  });

  it('proposes the commitments with their actors, dates, precision and basis', () => {
    const tdg = byQuote('harmonised tide-gauge dataset');
    expect(tdg.actors.map((a) => a.acronym ?? a.name)).toEqual(expect.arrayContaining(['TDG']));
    expect(tdg.due).toMatchObject({ date: '2025-06-30', precision: 'day', basis: 'stated' });
    expect(tdg.section.id).toBe('II');
    expect(tdg.tracks).toContain('data');

    const swan = byQuote('planned to complete the installation');
    expect(swan.due).toMatchObject({ date: '2025-10-31', precision: 'month', basis: 'stated' });
    expect(swan.actors[0]?.acronym).toBe('SWAN'); // carried over from the sentence before
    expect(swan.actorsInferred).toBe(true);

    const survey = byQuote('shoreline survey');
    expect(survey.due).toMatchObject({ date: '2026-12-31', precision: 'year' });
    expect(survey.actors.map((a) => a.name)).toContain('Ministry of Ports');

    const call = byQuote('open a call for community projects');
    expect(call.kind).toBe('milestone');
    expect(call.due).toMatchObject({ precision: 'approximate', basis: 'inferred', date: '2025-04-14' });
    expect(call.due?.reasoning).toMatch(/coming weeks/);

    const urged = byQuote('urged members');
    expect(urged.kind).toBe('proposal');
    expect(urged.actors.map((a) => a.name)).toEqual(expect.arrayContaining(['Mr. Tomás Reyes']));

    const yearly = byQuote('report on disbursements every year');
    expect(yearly.recurrence).toMatchObject({ every: 1, unit: 'year' });
  });

  it('leaves out sentences without a commitment, and its candidates have unique ids', () => {
    expect(result.candidates.some((c) => c.quote.includes('thanked the host city'))).toBe(false);
    expect(new Set(result.candidates.map((c) => c.id)).size).toBe(result.candidates.length);
    expect(result.candidates.every((c) => c.id.startsWith('m4-'))).toBe(true);
  });

  it('never takes PDF glyph noise for words', () => {
    const noisy = `${text}\n\nThe Fund would publish its rules by May 2025. possmt1.9()10.40.9(e)9.2(a) n-1.6(r)-464.6(he\n`;
    const r = extract(noisy, { id: 'x', name: 'x', shortName: '4th', date: '2025-03-03' }, { known: [], abbreviations: new Map(), tracks: [] });
    const c = r.candidates.find((x) => x.quote.includes('publish its rules'));
    expect(c?.quote).toBe('The Fund would publish its rules by May 2025.');
    expect(JSON.stringify(r)).not.toMatch(/possmt|464\.6/);
  });
});

describe('extraction pieces', () => {
  it('splits sentences but not after titles and initials', () => {
    expect(splitSentences('Mr. Ratha spoke. The U.N. agreed. Ms. Holm would act by 2025.').map((s) => s.text)).toEqual(['Mr. Ratha spoke.', 'The U.N. agreed.', 'Ms. Holm would act by 2025.']);
  });

  it('reads dates with their precision, and infers relative ones from the meeting date', () => {
    expect(findDue('agreed by July 2014', '2014-02-20')).toMatchObject({ date: '2014-07-31', precision: 'month', basis: 'stated' });
    expect(findDue('on 21 February 2014', '2014-02-20')).toMatchObject({ date: '2014-02-21', precision: 'day' });
    expect(findDue('by the end of 2015', '2014-02-20')).toMatchObject({ date: '2015-12-31', precision: 'year' });
    expect(findDue('at its upcoming plenary session', '2014-02-20')).toMatchObject({ precision: 'approximate', basis: 'inferred' });
    expect(findDue('later this year', '2014-02-20')).toMatchObject({ date: '2014-12-31', basis: 'inferred' });
    expect(findDue('without any date', '2014-02-20')).toBeUndefined();
    expect(findRecurrence('a global report every two years')).toMatchObject({ every: 2, unit: 'year' });
  });
});
