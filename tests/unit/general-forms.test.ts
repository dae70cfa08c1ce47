import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/commands/index.js';
import { parsePeriod } from '../../src/core/dates.js';
import { editDistance, slipOfFiller } from '../../src/search/tokens.js';
import { ids, testBot } from '../helpers.js';

const registry = createRegistry();
const route = (t: string): [string, string] => {
  const r = registry.route(t);
  return [r.command.spec.name, r.args];
};

describe('seasons are periods (New York’s, meteorological)', () => {
  const NOW = new Date('2014-06-15T12:00:00Z'); // summer
  const p = (t: string) => parsePeriod(t, NOW, 'UTC');
  it('with a year', () => {
    expect(p('autumn 2014')).toMatchObject({ start: '2014-09-01', end: '2014-11-30', label: 'autumn 2014 (September to November)' });
    expect(p('in the fall of 2014')).toMatchObject({ start: '2014-09-01', end: '2014-11-30' });
    expect(p('spring 2015')).toMatchObject({ start: '2015-03-01', end: '2015-05-31' });
    expect(p('winter 2014')).toMatchObject({ start: '2014-12-01', end: '2015-02-28', label: 'winter 2014–15 (December to February)' });
  });
  it('without a year: this one while it lasts, else the next', () => {
    expect(p('summer')).toMatchObject({ start: '2014-06-01', end: '2014-08-31' });
    expect(p('spring')).toMatchObject({ start: '2015-03-01', end: '2015-05-31' });
    expect(parsePeriod('winter', new Date('2015-01-20T12:00:00Z'), 'UTC')).toMatchObject({ start: '2014-12-01', end: '2015-02-28' });
  });
});

describe('typos', () => {
  it('a swap of two neighbouring letters is one edit, as a dropped or changed letter is', () => {
    expect(editDistance('panle', 'panel')).toBe(1);
    expect(editDistance('wrok', 'work')).toBe(1);
    expect(editDistance('moderatd', 'moderated')).toBe(1);
    expect(editDistance('abc', 'cba')).toBe(2);
    expect(editDistance('recruitment', 'recruitmnet', 1)).toBe(1);
    expect(editDistance('recruitment', 'tnemtiurcer', 2)).toBe(3);
  });
  const { ask } = testBot('2014-03-07T09:00:00Z');
  it('swapped letters and chat shorthand in a question are read as meant', async () => {
    expect(ids(await ask('who moderatd the panle'))).toContain('panel-four-speakers');
    expect(ids(await ask('icpd beyond 2014 wrok plan when?'))[0]).toBe('icpd-final-work-plan');
    expect(ids(await ask('wat did sutherlnd say abt post 2015'))[0]).toMatch(/^sutherland-/);
  });
});

describe('forms people type', () => {
  const { ask } = testBot('2014-03-07T09:00:00Z');

  it('“going on” / “lined up” in a period is a date question', async () => {
    expect(route('is anything going on in autumn 2014')[0]).toBe('due');
    expect(route('anything lined up for Q3 2014')[0]).toBe('due');
    const r = await ask('is anything going on in autumn 2014');
    expect(r.title).toBe('Due in autumn 2014 (September to November)');
    expect(ids(r)).toContain('icpd-special-session-sept-2014');
    // Not a date question without a period: "what's going on with KNOMAD" is about KNOMAD.
    expect(ids(await ask('what’s going on with knomad'))).toContain('knomad-recruitment-costs');
  });

  it('a slip of a question word (“wat”, “sya”) asks nothing; a real unknown word still answers “nothing”', async () => {
    expect(['wat', 'sya', 'abotu', 'teh', 'waht'].filter(slipOfFiller)).toEqual(['wat', 'sya', 'abotu', 'teh', 'waht']);
    expect(['hiv', 'ilo', 'iom', 'sdg', 'wfp', 'what', 'ebola'].filter(slipOfFiller)).toEqual([]);
    expect(ids(await ask('wat did unodc sya about traficking victms'))[0]).toBe('unodc-victims-women-girls');
    expect((await ask('what about ebola')).title).toMatch(/The report says nothing about ebola/);
  });

  it('a lookup by id given words instead (“quote on …”, “show knomad stuff”) searches those words; an id still shows its item', async () => {
    expect(route('quote on nobody speaking up for labour mobility')).toEqual(['find', 'on nobody speaking up for labour mobility']);
    expect(route('show knomad stuff')).toEqual(['find', 'knomad stuff']);
    expect(route('show knomad-recruitment-costs')).toEqual(['show', 'knomad-recruitment-costs']);
    expect(route('source knomad-recruitment-costs')[0]).toBe('source');
    expect(ids(await ask('show knomad stuff'))).toContain('knomad-recruitment-costs');
    expect((await ask('source of the remittances data')).title).not.toMatch(/There is no item with the id/);
  });
});

describe('trailing "again" and "pop" for population', () => {
  it('"…again" at the end of a question asks the question', async () => {
    const t = testBot('2014-06-15T09:00:00Z');
    expect((await t.ask('when and where was this meeting held again?')).title).toBe('The 12th meeting was held at United Nations Headquarters, New York on 20–21 February 2014');
    expect(route('agenda 7 again')).toEqual(route('agenda 7'));
  });
  it('"pop" is population in a question (chat shorthand), never a search for music', async () => {
    const t = testBot('2014-06-15T09:00:00Z');
    expect(ids(await t.ask('what did the director of the pop division do at the meeting'))[0]).toBe('wilmoth-closing');
    expect((await t.ask('pop music')).tone).toBe('empty');
  });
});

describe('"go over" asks whether something was discussed', () => {
  it('"did they go over …" searches what follows, not the word "over"', async () => {
    const t = testBot('2014-06-15T09:00:00Z');
    expect((await t.ask("did they go over the SG's 8 point agenda?")).tone).not.toBe('empty');
    expect(ids(await t.ask('did they go over recruitment costs'))).toEqual(ids(await t.ask('did they discuss recruitment costs')));
  });
});
