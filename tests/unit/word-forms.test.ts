import { describe, expect, it } from 'vitest';
import { derivations, oneSpelling, spellings } from '../../src/search/variants.js';
import { testBot } from '../helpers.js';

const t = testBot('2014-03-07T09:00:00Z');
const ids = (r: { items?: Array<{ id: string }> }): string[] => (r.items ?? []).map((i) => i.id);

describe('word forms people type that the report spells otherwise', () => {
  it('spellings: British and American, and chat shorthand', () => {
    expect(spellings('organised')).toContain('organized');
    expect(spellings('labor')).toContain('labour');
    expect(spellings('centre')).toContain('center');
    expect(spellings('programme')).toContain('program');
    expect(spellings('org')).toEqual(['organization']);
    expect(spellings('govts')).toEqual(['governments']);
    expect(oneSpelling('centre')).toBe(oneSpelling('center'));
    expect(oneSpelling('labour')).toBe(oneSpelling('labor'));
    expect(oneSpelling('organisation')).toBe(oneSpelling('organization'));
  });

  it('derivations: the noun of a verb and back, never a different word', () => {
    expect(derivations('disaggregated')).toContain('disaggregation');
    expect(derivations('integration')).toContain('integrate');
    expect(derivations('centre')).not.toContain('central');
    expect(derivations('income')).not.toContain('incoming');
  });

  it('names in either English reach the same actor', async () => {
    expect((await t.ask('Centre for Migration Studies')).title).toMatch(/Center for Migration Studies/);
    expect((await t.ask('anything from the International Labor Organization?')).title).toMatch(/ILO/);
    expect((await t.ask('who organised this meeting')).title).toBe('Who: Population Division');
  });

  it('a word the report lacks is read through its family, and the answer says so', async () => {
    const r = await t.ask('disaggregated data');
    expect(ids(r)[0]).toBe('icpd-disaggregation');
    expect(r.text).toMatch(/disaggregation — for “disaggregated”/);
  });

  it('light verbs and chat shorthand weigh nothing', async () => {
    expect(ids(await t.ask('can migrants take their pensions with them?'))[0]).toBe('informal-group-migration-indicators');
    expect(ids(await t.ask('who puts out the global trafficking report'))[0]).toBe('unodc-global-trafficking-report');
    expect((await t.ask("what's civil society's position on all this")).tone).toBe('info');
  });
});

describe('who did something', () => {
  it('a verb alone must be the report’s own words: "opened" is not the Open Working Group', async () => {
    const opened = await t.ask('who opened the meeting?');
    expect(opened.tone).toBe('empty');
    expect(opened.title).toBe('The report does not say who opened the meeting');
    expect((await t.ask('who closed the meeting?')).title).toBe('Who: John Wilmoth');
  });

  it('the leading verb is not searched for: the topic is', async () => {
    const r = await t.ask('who presented on trafficking data');
    expect(r.title).toMatch(/UNODC/);
    expect(ids(r)[0]).toBe('unodc-trafficking-data');
  });
});

describe('dates that fit the period asked', () => {
  it('a date known only to the year is not in a month of it', async () => {
    expect((await t.ask('anything due in December 2014?')).tone).toBe('empty');
    expect(ids(await t.askAll('due in 2014'))).toContain('unodc-global-trafficking-report');
  });

  it('a period holding only a guessed date says nothing is due and offers the guess', async () => {
    const r = await t.ask('is anything due in June?');
    expect(r.tone).toBe('empty');
    expect(r.title).toBe('Nothing is due in June 2014');
    expect(r.actions?.map((a) => a.command)).toEqual(['show ces-plenary-migration-statistics']);
  });

  it('stated dates come before inferred ones in a window', async () => {
    const r = await t.askAll('what happened in october 2013?');
    expect(ids(r)).toEqual(['ece-almaty-workshop', 'hld-outcome-by-consensus']);
  });
});

describe('questions put in everyday words', () => {
  it('everyday words the report lacks are set aside when the rest is specific, and the answer says so', async () => {
    const r = await t.ask('why do the regional commissions matter for migration?');
    expect(r.tone).toBe('info');
    expect(r.text).toMatch(/No item mentions “matter”/);
    const idea = await t.ask("what was Pritchett's big idea?");
    expect(idea.items?.length).toBeGreaterThan(0);
    expect(idea.items!.every((i) => i.id.startsWith('pritchett-'))).toBe(true);
  });

  it('a topic word the report lacks still makes the answer "nothing", with a name beside it too', async () => {
    expect((await t.ask('what did KNOMAD say about climate finance?')).tone).toBe('empty');
    expect((await t.ask('health care for migrants')).tone).toBe('empty');
    // Everyday words with nothing specific beside them are not an answer either.
    expect((await t.ask('what is the big deal with migration?')).tone).toBe('empty');
  });

  it('an organisation named in the question leads its matches', async () => {
    const r = await t.ask('What did the UNODC representative talk about?');
    expect(ids(r)[0]).toMatch(/^unodc-/);
  });

  it('the meeting: when and where; the SG’s plan; what took place in a year', async () => {
    expect((await t.ask('when and where was this meeting?')).title).toBe('The 12th meeting was held at United Nations Headquarters, New York on 20–21 February 2014');
    expect((await t.ask("SG's 8 point plan?")).title).toMatch(/eight-point agenda/);
    expect(ids(await t.askAll('what took place in 2013?'))).toEqual(['ece-almaty-workshop', 'hld-outcome-by-consensus']);
  });
});

describe('misspelt names', () => {
  it('a name one or two letters off reaches the person, said so; a name the report lacks does not', async () => {
    const r = await t.ask('who is Dilip Rata');
    expect(r.title).toMatch(/Dilip Ratha/);
    expect(r.text).toMatch(/Showing results for “Dilip Ratha”/);
    expect((await t.ask('UNICEF')).tone).toBe('empty');
    expect((await t.ask('mexico')).tone).toBe('empty');
  });
});

describe('numbers and periods as people write them', () => {
  it('a number in words is its digits, both in the question and in the report', async () => {
    expect((await t.ask('8 point agenda')).title).toMatch(/eight-point agenda/);
    expect(ids(await t.ask('civil society 5 year plan'))[0]).toBe('civil-society-five-year-plan');
  });

  it('a period after words that only frame it is a date question', async () => {
    for (const q of ['What deadlines or events fall in the second half of 2014?', 'events in the second half of 2014']) {
      expect((await t.ask(q)).title, q).toBe('Due in the second half of 2014');
    }
    // A topic with a year is still a search.
    expect((await t.ask('migration events in 2014')).title).not.toMatch(/^Due/);
  });
});

describe('a role as the question', () => {
  it('a role the report records for one person leads to them; a topic word in a role does not', async () => {
    expect((await t.ask('keynote speaker?')).title).toMatch(/^Who: Lant Pritchett/);
    expect((await t.ask('manager of the remittances unit')).title).toMatch(/^Who: Dilip Ratha/);
    expect((await t.ask('remittances')).title).not.toMatch(/^Who:/);
  });
});
