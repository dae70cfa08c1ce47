import { describe, expect, it } from 'vitest';
import { isEveryday, spokenRank } from '../../src/core/word-frequency.js';
import { splitCompound } from '../../src/search/query.js';
import { testBot } from '../helpers.js';

describe("a word's everyday rank", () => {
  it('is its best under any case: the list writes "Nobody" with a capital', () => {
    expect(spokenRank('nobody')).toBe(spokenRank('Nobody'));
    expect(isEveryday('nobody')).toBe(true);
    expect(isEveryday('climate')).toBe(false);
  });
});

describe('one word for two the report writes apart', () => {
  // A vocabulary of its own: phrases it holds, and how many documents have them.
  const held = new Map([
    ['south', 3],
    ['east', 4],
    ['south east', 2],
    ['work', 9],
    ['plan', 5],
    ['work plan', 1],
    ['broad', 2],
  ]);
  const vocab = { phraseDf: (p: string[]) => held.get(p.join(' ')) ?? 0, tooCommon: () => false };

  it('is read as the two words when they occur side by side', () => {
    expect(splitCompound('southeast', vocab)).toEqual(['south', 'east']);
    expect(splitCompound('workplan', vocab)).toEqual(['work', 'plan']);
  });

  it('never when the two do not occur together, nor with a part too short to be a word', () => {
    expect(splitCompound('eastsouth', vocab)).toBeUndefined();
    expect(splitCompound('abroad', vocab)).toBeUndefined();
  });

  it('on the report: "southeast asia" finds what it says of South-East Asia', async () => {
    const t = testBot('2014-03-07T09:00:00Z');
    const r = await t.ask('people smuggling in southeast asia');
    expect(r.items?.[0]?.id).toBe('unodc-voluntary-reporting-smuggling');
  });
});

describe('one everyday word does not veto a question the rest of it names', () => {
  const t = testBot('2014-03-07T09:00:00Z');
  const search = (q: string) => t.bot.deps.search.search(q, { limit: 5 });

  it('a word the thesaurus writes into a concept the question names as a term ("a job abroad" after "pay to get a job") is how it is put', () => {
    const r = search('fees migrants pay to get a job abroad');
    expect(r.unknown).toEqual([]);
    expect(r.hits[0]?.id).toBe('ratha-recruitment-cost-burden');
    // A one-word synonym of such a word ("overseas" for "abroad") is put the same way.
    expect(search('how much do migrants pay to get a job overseas').unknown).toEqual([]);
  });

  it('but not for a concept read from scattered words only, nor for an absent topic beside it', () => {
    expect(search('how much does a job abroad pay').unknown).toContain('abroad');
    expect(search('climate finance').unknown).toContain('climate');
    expect(search('recruitment fees in the climate sector').unknown).toContain('climate');
  });

  it('a term of several words is read even where a scattered term took its first word ("paying agents to get a job")', () => {
    const r = search('workers paying agents to get a job abroad');
    expect(r.unknown).toEqual([]);
    expect(r.hits.map((h) => h.id)).toContain('ratha-recruitment-cost-burden');
  });

  it('a verb reaches its noun in -ure ("development failed" → "failure of development")', async () => {
    const r = await t.ask('is migration still seen as a sign that development failed');
    expect(r.items?.[0]?.id).toBe('participants-migration-enabler-of-development');
  });
});

describe('"the meeting" inside a term whose words are scattered', () => {
  it('is kept as the term\'s word ("what aims were set for the meeting": aims of the meeting), not set aside as what every question is about', async () => {
    const t = testBot('2014-03-07T09:00:00Z');
    const r = t.bot.deps.search.search('what aims were set for the meeting', { limit: 3 });
    expect(r.unknown).toEqual([]);
    expect(r.hits[0]?.id).toMatch(/^meeting-objective-/);
    // Alone, "the meeting" still says nothing: "aims" without it is no term.
    expect(t.bot.deps.search.search('what aims were set for the migrants', { limit: 3 }).unknown).toContain('aims');
  });
});
