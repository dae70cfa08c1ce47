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
