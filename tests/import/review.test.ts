import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../src/import/report-import.js';
import { ids, ROOT, testBot } from '../helpers.js';

const REPORT = path.join(ROOT, 'tests/fixtures/fictional-meeting-report.md');

async function setup() {
  const t = testBot('2025-03-10T09:00:00Z');
  const r = await importReport(t.db, REPORT, { dryRun: false, meeting: '4th Harbour meeting', date: '2025-03-03', writes: t.bot.deps.writes }, new Date('2025-03-10T09:00:00Z'));
  const find = (words: string) => r.extraction.candidates.find((c) => c.quote.includes(words))!.id;
  return { ...t, r, find };
}

describe('reviewing imported candidates in chat', () => {
  it('lists what waits for review, with Accept and Reject buttons and the citation', async () => {
    const { ask, r } = await setup();
    const reply = await ask('proposed');
    expect(reply.title).toBe(`${r.extraction.candidates.length} candidates waiting for review`);
    const first = reply.items![0]!;
    expect(first.actions?.map((a) => a.label)).toEqual(['Accept', 'Reject']);
    expect(first.citation?.label).toMatch(/^4th Harbour meeting report · .+, ¶\d+$/);
    expect((await ask('proposed 4th harbour meeting')).items?.length).toBe(reply.items?.length);
    expect((await ask('proposed 9th meeting')).tone).toBe('error');
  });

  it('is not searchable before acceptance; accepted, it answers lookups, reminders and names its meeting', async () => {
    const { ask, find } = await setup();
    const tdg = find('harmonised tide-gauge dataset');
    expect(ids(await ask('find tide-gauge dataset'))).not.toContain(tdg);
    const accepted = await ask(`accept ${tdg}`, 'ana');
    expect(accepted.title).toBe(`Accepted: ${tdg}`);
    expect(accepted.items?.[0]?.citation?.label).toMatch(/^4th Harbour meeting report/);
    expect(ids(await ask('find tide-gauge dataset'))).toContain(tdg);
    expect(ids(await ask('what did TDG commit to?'))).toContain(tdg);
    expect(ids(await ask('due in June 2025'))).toContain(tdg);
    expect(JSON.stringify(await ask(`history ${tdg}`))).toMatch(/ana/);
    expect((await ask(`remind me about ${tdg} tomorrow at 9`)).tone).not.toBe('error');
    expect((await ask(`accept ${tdg}`)).title).toMatch(/accepted already/);
  });

  it('edits a candidate before accepting it, and rejects another', async () => {
    const { ask, find } = await setup();
    const survey = find('shoreline survey');
    const edited = await ask(`edit ${survey} due September 2026`);
    expect(JSON.stringify(edited.items?.[0]?.fields)).toMatch(/by September 2026/);
    expect((await ask(`edit ${survey} due 30/09/2026`)).tone).toBe('error');
    expect((await ask(`edit ${survey} kind promise`)).tone).toBe('error');
    await ask(`edit ${survey} actor TDG`);
    await ask(`accept ${survey}`);
    const shown = await ask(`show ${survey}`);
    expect(JSON.stringify(shown)).toMatch(/by September 2026/);
    expect(JSON.stringify(shown)).toMatch(/TDG/);

    const rejectTarget = find('urged members');
    const rejected = await ask(`reject ${rejectTarget}`);
    expect(rejected.title).toBe(`Rejected: ${rejectTarget}`);
    expect(ids(await ask('proposed'))).not.toContain(rejectTarget);
    expect(ids(await ask('proposed rejected'))).toContain(rejectTarget);
    expect((await ask('reject no-such-candidate')).title).toMatch(/no imported candidate/);
    expect((await ask(`reject ${survey}`)).title).toMatch(/already a commitment/);
  });

  it('narrows lookups to one meeting with “in <meeting>”', async () => {
    const { ask, askAll, find } = await setup();
    await ask('accept all');
    const tdg = find('harmonised tide-gauge dataset');
    const all = ids(await askAll('find data')); // every page: a list shows 3 at a time
    const harbour = await askAll('find data in 4th harbour meeting');
    expect(harbour.title).toMatch(/· 4th Harbour meeting$/);
    expect(ids(harbour)).toContain(tdg);
    expect(ids(harbour).every((id) => id.startsWith('m4-'))).toBe(true);
    const twelfth = await ask('find data in 12th meeting');
    expect(ids(twelfth)).not.toContain(tdg);
    expect(ids(twelfth).length).toBeGreaterThan(0);
    expect(all).toEqual(expect.arrayContaining([tdg, ...ids(twelfth).slice(0, 1)]));
    const unknown = await ask('what did ILO commit to in 99th meeting');
    expect(unknown.tone).toBe('error');
    expect(unknown.title).toBe('No meeting called “99th meeting”.');
    expect(unknown.text).toMatch(/12th meeting, 4th Harbour meeting/);
    expect((await ask('find data in the meeting')).tone).not.toBe('error');
    const summary = await ask('summary in 4th harbour meeting');
    expect(summary.title).toMatch(/4th Harbour meeting/);
    expect(JSON.stringify(summary)).not.toMatch(/knomad/);
    // A digest keeps its narrowing: it is stored with the words and applied at each delivery.
    const digest = await ask('digest here every friday 16:00 in 4th harbour meeting');
    expect(digest.tone).not.toBe('error');
    expect(JSON.stringify(digest)).toMatch(/4th [Hh]arbour meeting/);
  });
});
