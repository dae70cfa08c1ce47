import { describe, expect, it } from 'vitest';
import { ids, testBot } from '../helpers.js';

const NOW = '2014-03-07T12:00:00Z';

describe('a date question with more than a period', () => {
  it('"what is due for UNODC by the end of 2014": that organisation’s items in the period only', async () => {
    const t = testBot(NOW);
    const all = await t.askAll('what is due by the end of 2014');
    const r = await t.ask('what is due for UNODC by the end of 2014');
    expect(r.title).toBe('UNODC: due by 31 December 2014');
    expect(ids(r)).toEqual(['unodc-global-trafficking-report']);
    expect(ids(all).length).toBeGreaterThan(1);
  });

  it('an organisation with nothing dated in the period says so, offers its guessed dates, and names how to see all its items', async () => {
    const t = testBot(NOW);
    const r = await t.ask('what is due for ECE in 2014');
    expect(r.title).toBe('No item of ECE is due in 2014');
    expect(r.tone).toBe('empty');
    expect(r.actions!.map((a) => a.command)).toEqual(['show ces-plenary-migration-statistics']);
    const k = await t.ask('what is due for KNOMAD in September 2014');
    expect(k.title).toBe('No item of KNOMAD is due in September 2014');
    expect(k.text).toContain('`KNOMAD` lists all of them');
  });

  it('a period after other words is read; words that are neither an organisation nor framing are named as not read, never dropped silently', async () => {
    const t = testBot(NOW);
    expect((await t.ask("what's coming up soon after the meeting? next few weeks")).title).toBe('Nothing is due in the next 3 weeks');
    const r = await t.ask('what is due for the unicorn office in 2014');
    expect(r.title).toBe('Due in 2014 (not read: “unicorn office”)');
    expect(ids(r)).toEqual(ids(await t.ask('what is due in 2014')));
    expect((await t.ask('what is due xyzzy')).title).toBe("I couldn't read “xyzzy” as a date or a period.");
  });

  it('"KNOMAD due in 2014" typed as a search is the same date question; a topic before the due word stays a search', async () => {
    const t = testBot(NOW);
    expect((await t.ask('UNODC deadlines in 2014')).title).toBe('UNODC: due in 2014');
    expect(ids(await t.ask('UNODC deadlines in 2014'))).toEqual(['unodc-global-trafficking-report']);
    expect((await t.ask('KNOMAD due in 2014')).title).toBe('No item of KNOMAD is due in 2014');
    expect((await t.ask('what is the World Bank due to deliver in 2014')).title).toBe('No item of World Bank is due in 2014');
    expect((await t.ask('recruitment costs due in 2014')).title).toMatch(/matches? for “recruitment costs due in 2014”/);
  });
});

