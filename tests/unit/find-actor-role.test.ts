import { describe, expect, it } from 'vitest';
import { testBot } from '../helpers.js';

const t = testBot('2014-03-07T09:00:00Z');

describe('an actor named with words of their role is the actor', () => {
  it('"Pritchett keynote", misspelt or not, answers what Lant Pritchett proposed and said', async () => {
    for (const q of ['Pritchett keynote', 'pritchet keynote', 'Pritchet keynote summary pls']) {
      const r = await t.ask(q);
      expect(r.title, q).toMatch(/^What Lant Pritchett /);
    }
  });

  it('a word that is not in their role keeps the search: "Pritchett bilateral agreements" leads with that item, not all of his', async () => {
    const r = await t.ask('Pritchett bilateral agreements');
    expect(r.title).not.toMatch(/^What Lant Pritchett /);
    expect(r.items?.[0]?.id).toBe('pritchett-bilateral-agreements-arbiter');
  });
});

describe('an alias that is also a topic does not make its actor the subject', () => {
  it('"follow-up to the HLD declaration" is about the Declaration: the item that says it comes first, not the Member States\' items', async () => {
    const r = await t.ask('follow-up to the HLD declaration');
    expect(r.items?.[0]?.id).toBe('meeting-objective-hld-follow-up');
  });

  it('asked as an actor, the alias still names the Member States', async () => {
    const r = await t.ask('what did the HLD Declaration commit to?');
    expect(r.title).toMatch(/Member States/);
  });
});

describe('a question that names an actor with other words', () => {
  it('lists the actor\'s items, the ones the whole question matches best first', async () => {
    const r = await t.ask('Global Knowledge Partnership on Migration and Development - what is it exactly?');
    expect(r.title).toMatch(/^What KNOMAD/);
    const best = t.bot.deps.search.search('Global Knowledge Partnership on Migration and Development - what is it exactly?').hits[0]!.id;
    expect(r.items?.[0]?.id).toBe(best);
    expect(best).toBe('world-bank-knomad-platform');
  });
});

describe('a country named by its adjective', () => {
  it('"the Swedish ambassador" is Sweden\'s panellist', async () => {
    const r = await t.ask('who was the Swedish ambassador on the panel?');
    expect(r.title).toMatch(/Sweden|Åkerman-Börje/);
    expect(r.items?.map((i) => i.id)).toContain('panel-four-speakers');
  });
});
