import { describe, expect, it } from 'vitest';
import { ids, testBot } from '../helpers.js';

const { ask } = testBot();

describe('find says how it read the question', () => {
  it('a thesaurus expansion: which term matched, and for what', async () => {
    const r = await ask('find money sent home');
    expect(ids(r)).toContain('informal-group-migration-indicators');
    expect(r.text).toContain('remittances — for “money sent home”');
  });

  it('a real word is never "corrected"; a typo is, and the answer says so', async () => {
    for (const w of ['pensions', 'funding', 'resettlement']) expect((await ask(`find ${w}`)).text ?? '', w).not.toMatch(/Showing results for/);
    expect((await ask('find remitances')).text).toMatch(/Showing results for “remittances” \(you typed “remitances”\)/);
  });
});

describe('honest "nothing found"', () => {
  it('the rarest word occurs nowhere: the report says nothing about it; close items are suggestions only', async () => {
    const r = await ask('find climate finance');
    expect(r.title).toBe('The report says nothing about climate finance');
    expect(r.tone).toBe('empty');
    expect(r.items ?? []).toEqual([]);
    expect(r.more).toBeUndefined();
    expect(r.text).toMatch(/No item mentions “climate”/);
    for (const a of r.actions ?? []) expect(a.command).toMatch(/^show |^(agenda|gfmd|tracks|due 2014|overdue|help)$/);
    expect((await ask('What does the report say about Ebola?')).title).toBe('The report says nothing about Ebola');
  });
});

describe('every actor the report names answers, even with no item', () => {
  it('abbreviations of the report that are no actor: IOM, GMG, ICAT, CMS, EU', async () => {
    for (const [q, acronym, expansion] of [
      ['IOM', 'IOM', 'International Organization for Migration'],
      ['what is GMG doing?', 'GMG', 'Global Migration Group'],
      ['what did ICAT commit to', 'ICAT', 'Inter-Agency Coordination Group Against Trafficking in Persons'],
      ['find CMS', 'CMS', 'Center for Migration Studies'],
      ['the European Union', 'EU', 'European Union'],
    ] as const) {
      const r = await ask(q);
      expect(r.tone, q).not.toBe('error');
      expect(`${r.title} ${r.text}`, q).toContain(`${acronym} (${expansion})`);
      if (!r.items?.length) expect(r.text, q).toBe(`${acronym} (${expansion}) is in the report's list of abbreviations; the report records nothing ${acronym} said or committed to.`);
    }
  });

  it('named inside a question, too', async () => {
    const r = await ask('please tell me about the Global Migration Group');
    expect(r.text).toBe("GMG (Global Migration Group) is in the report's list of abbreviations; the report records nothing GMG said or committed to.");
    expect(ids(await ask('tell me about Ratha please'))).toContain('knomad-recruitment-costs');
  });

  it('a person with no item', async () => {
    // Every person the shipped catalog names has an item now: take John Wilmoth's away.
    const t = testBot();
    t.db.prepare("DELETE FROM commitment_actors WHERE actor_id = 'wilmoth'").run();
    const r = await t.ask('John Wilmoth');
    expect(r.tone).toBe('empty');
    expect(r.text).toBe('John Wilmoth (Director of the Population Division of UN/DESA) is named in the report; the report records nothing John Wilmoth said or committed to.');
  });

  it('an organisation the report never names', async () => {
    const r = await ask('what is UNICEF doing');
    expect(r.title).toBe('“UNICEF” is not named in the report.');
  });
});
