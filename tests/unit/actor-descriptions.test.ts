import { describe, expect, it } from 'vitest';
import type { Kind } from '../../src/catalog/schema.js';
import { orderTies } from '../../src/commands/find.js';
import { kindsAsked } from '../../src/commands/lookup.js';
import { ActorDirectory } from '../../src/search/actors.js';
import type { ActorRef } from '../../src/store/commitments-repo.js';
import { testBot } from '../helpers.js';

const actor = (a: Partial<ActorRef> & Pick<ActorRef, 'id' | 'name'>): ActorRef => ({ kind: 'organisation', aliases: [], ...a });

// A directory of its own, so the rules are proven on names the catalog does not hold.
const dir = new ActorDirectory([
  actor({ id: 'ifrc', name: 'International Federation of Red Cross and Red Crescent Societies', acronym: 'IFRC' }),
  actor({ id: 'okafor', kind: 'person', name: 'Ada Okafor', surname: 'Okafor', role: 'Professor of Economics, University of Lagos' }),
  actor({ id: 'unhcr', name: 'Office of the United Nations High Commissioner for Refugees', acronym: 'UNHCR' }),
  actor({ id: 'mendes', kind: 'person', name: 'Rui Mendes', surname: 'Mendes', role: 'UNHCR', organisationId: 'unhcr' }),
  actor({ id: 'norway', kind: 'country', name: 'Norway', aliases: ['Norwegian', 'Norwegians'] }),
  actor({ id: 'unicef', name: 'United Nations Children’s Fund', acronym: 'UNICEF' }),
  actor({ id: 'unfpa', name: 'United Nations Population Fund', acronym: 'UNFPA' }),
]);
const ids = (xs: ActorRef[]): string[] => xs.map((a) => a.id);

describe('an actor named by description, not by name', () => {
  it("an organisation's name with words left out and in another order is that organisation", () => {
    expect(ids(dir.described('the red cross federation'))).toEqual(['ifrc']);
    expect(ids(dir.described('high commissioner for refugees office'))).toEqual(['unhcr']);
  });

  it('a person by their institution ("the lagos guy") is the one whose role names it', () => {
    expect(dir.speaksOfSomeone('the lagos guy')).toBe(true);
    expect(ids(dir.described('the lagos guy'))).toEqual(['okafor']);
  });

  it('an organisation found with its own people stands for them', () => {
    expect(ids(dir.described('the refugees office people'))).toEqual(['unhcr']);
  });

  it('a plural demonym is its country', () => {
    expect(ids(dir.described('the norwegians'))).toEqual(['norway']);
  });

  it('words of many names alone describe no one, and two unrelated actors are no answer', () => {
    expect(dir.described('the united nations office')).toEqual([]);
    expect(dir.described('the un fund')).toEqual([]);
    expect(dir.described('the swiss')).toEqual([]);
    expect(dir.speaksOfSomeone('the refugees office')).toBe(false);
  });
});

describe('what the question asks of one actor orders their items by kind', () => {
  it('reads the verb: suggest → proposals, promise → commitments, think → views', () => {
    expect(kindsAsked('what did Okafor suggest countries should do')[0]).toBe('proposal');
    expect(kindsAsked('what did UNHCR promise?')[0]).toBe('commitment');
    expect(kindsAsked('what is the SRSG going to do next')[0]).toBe('commitment');
    expect(kindsAsked('what does Norway think about visas')).toEqual(['view']);
    expect(kindsAsked('what did Norway say')).toEqual([]);
    expect(kindsAsked('what did UNHCR find')).toEqual(['finding']);
    expect(kindsAsked('where can I find data on refugees')).toEqual([]);
  });
});

describe('on the shipped report', () => {
  const t = testBot('2014-03-07T09:00:00Z');

  it('"the harvard guy" is Lant Pritchett, and what he proposed comes first', async () => {
    const r = await t.ask('what did the harvard guy propose');
    expect(r.title).toMatch(/^What Lant Pritchett /);
    const first = t.bot.deps.commitments.get(r.items![0]!.id)!;
    expect(first.kind).toBe('proposal');
  });

  it('"the catholic migration commission" is the ICMC; "the turks" is Turkey; "the swiss" is not named', async () => {
    expect((await t.ask('what did the catholic migration commission say')).title).toMatch(/ICMC/);
    expect((await t.ask('what did the turks commit to')).title).toMatch(/What Turkey /);
    expect((await t.ask('what did the swiss commit to')).title).toMatch(/not named in the report/);
  });

  it('"what did Ratha suggest" leads with his proposal, "what did Ratha find" with his finding', async () => {
    const kindOf = async (q: string): Promise<string> => t.bot.deps.commitments.get((await t.ask(q)).items![0]!.id)!.kind;
    expect(await kindOf('what did ratha suggest')).toBe('proposal');
    expect(await kindOf('what did ratha find')).toBe('finding');
  });

  it('one after another in one conversation, each verb orders its own answer (cached replies do not mix them)', async () => {
    const kindOf = async (q: string): Promise<string> => t.bot.deps.commitments.get((await t.ask(q)).items![0]!.id)!.kind;
    expect(await kindOf('what did Sutherland suggest?')).toBe('proposal');
    expect(await kindOf('what did Sutherland promise?')).toBe('commitment');
    expect(await kindOf('what did Sutherland suggest?')).toBe('proposal');
  });
});

describe('hits that cover a question equally', () => {
  const hit = (id: string, seq: number, score: number, bm25: number) => ({ id, seq, score, bm25 });
  const kinds: Record<string, Kind> = { a: 'proposal', b: 'commitment', c: 'view', d: 'priority' };

  it('come in the kind the question asks for first', () => {
    const hits = [hit('a', 1, 2, 12.5), hit('b', 2, 2, 12.2), hit('c', 3, 1, 20)];
    expect(orderTies(hits, (id) => kinds[id], ['commitment']).map((h) => h.id)).toEqual(['b', 'a', 'c']);
  });

  it('with all but equal bm25 too, in the report\'s order; else by bm25; a better score always leads', () => {
    const near = [hit('d', 9, 4, 19.1), hit('c', 2, 4, 19.0), hit('a', 5, 4, 18.9)];
    expect(orderTies(near, (id) => kinds[id], []).map((h) => h.id)).toEqual(['c', 'a', 'd']);
    const apart = [hit('d', 9, 4, 25), hit('c', 2, 4, 19.0)];
    expect(orderTies(apart, (id) => kinds[id], []).map((h) => h.id)).toEqual(['d', 'c']);
    const better = [hit('a', 9, 5, 10), hit('b', 1, 4, 10)];
    expect(orderTies(better, (id) => kinds[id], ['commitment']).map((h) => h.id)).toEqual(['a', 'b']);
  });

  it('on the report: "turkey\'s priorities as gfmd chair" lists the first priority of its sentence first', async () => {
    const t = testBot('2014-03-07T09:00:00Z');
    const r = await t.ask("what are turkey's priorities as gfmd chair");
    expect(r.items?.[0]?.id).toBe('turkey-gfmd-priority-post-2015');
  });
});
