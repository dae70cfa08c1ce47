import { afterEach, describe, expect, it } from 'vitest';
import { CARD_DAYS, type TeamsStore } from '../../src/store/teams-contract.js';
import { ENGINES } from './engines.js';

const NOW = new Date('2014-06-15T09:00:00.000Z');
const days = (n: number): Date => new Date(NOW.getTime() + n * 86_400_000);
const ref = (id: string) => ({ channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id, tenantId: 'tenant-1' } });

describe.each(ENGINES)('the Teams store on $name', (engine) => {
  const open: TeamsStore[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  async function two(): Promise<[TeamsStore, TeamsStore]> {
    const db = await engine.database();
    const a = await db.teams();
    const b = await db.teams();
    open.push(a, b);
    return [a, b];
  }

  it('keeps conversation addresses, the latest per tenant, and forgets one when the app is removed — seen by another instance', async () => {
    const [a, b] = await two();
    await a.saveReference('tenant-1', 'channel', '19:a@thread', ref('19:a@thread'), NOW);
    await a.saveReference('tenant-1', 'user', '29:ana', ref('a:1'), days(1));
    await a.saveReference('tenant-2', 'channel', '19:b@thread', ref('19:b@thread'), days(2));
    expect(await b.reference('channel', '19:a@thread')).toEqual({ team: 'tenant-1', reference: ref('19:a@thread'), updatedAt: NOW.toISOString() });
    expect((await b.latestInTeam('tenant-1'))?.reference).toEqual(ref('a:1'));
    // A fresher address replaces the old one.
    await b.saveReference('tenant-1', 'channel', '19:a@thread', ref('19:a2@thread'), days(3));
    expect((await a.reference('channel', '19:a@thread'))?.reference).toEqual(ref('19:a2@thread'));
    expect((await a.latestInTeam('tenant-1'))?.reference).toEqual(ref('19:a2@thread'));
    await b.removeReference('channel', '19:a@thread');
    expect(await a.reference('channel', '19:a@thread')).toBeUndefined();
    expect(await a.reference('user', '19:a@thread')).toBeUndefined();
    expect(await a.latestInTeam('tenant-3')).toBeUndefined();
  });

  it('keeps sent cards by conversation and activity, replaces a card updated in place, and drops cards older than the limit', async () => {
    const [a, b] = await two();
    await a.rememberCard('conv-1', 'act-1', { body: ['first'] }, NOW);
    await a.rememberCard('conv-2', 'act-1', { body: ['other conversation'] }, NOW);
    expect(await b.card('conv-1', 'act-1')).toEqual({ body: ['first'] });
    expect(await b.card('conv-2', 'act-1')).toEqual({ body: ['other conversation'] });
    expect(await b.card('conv-1', 'act-2')).toBeUndefined();
    await b.rememberCard('conv-1', 'act-1', { body: ['updated'] }, days(1));
    expect(await a.card('conv-1', 'act-1')).toEqual({ body: ['updated'] });
    // A card kept later than the limit after the others: the old ones go.
    await a.rememberCard('conv-3', 'act-9', { body: ['new'] }, days(CARD_DAYS + 1));
    expect(await b.card('conv-2', 'act-1')).toBeUndefined();
    expect(await b.card('conv-1', 'act-1')).toEqual({ body: ['updated'] });
    await a.rememberCard('conv-3', 'act-10', { body: ['newer'] }, days(CARD_DAYS + 2));
    expect(await b.card('conv-1', 'act-1')).toBeUndefined();
    expect(await b.card('conv-3', 'act-9')).toEqual({ body: ['new'] });
  });
});
