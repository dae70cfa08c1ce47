import { describe, expect, it } from 'vitest';
import { channelWords, resolveChannelWords } from '../../adapters/teams/names.js';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import { teamsStoreFor } from '../../src/store/teams-store.js';
import { channelMention, personalMessage, postActivity, TENANT, type ConnectorCall } from './mock-connector.js';
import { useTeamsServer } from './server.js';
import { expectValidCards } from './validate-card.js';

const TEAM = '19:team@thread.tacv2';
const MIGRATION = '19:migration@thread.tacv2';
const POLICY = '19:policy@thread.tacv2';

const env = useTeamsServer((connector) => {
  connector.teams.set(TEAM, [{ id: TEAM }, { id: MIGRATION, name: 'Migration' }, { id: POLICY, name: 'Policy Review' }]);
  connector.people.set('29:dave-id', { id: '29:dave-id', name: 'Dave Jones' });
});

/** What the bot said back (card texts or Markdown text). */
const said = (call: ConnectorCall): string => JSON.stringify([call.body.text, call.body.summary, call.body.attachments]);
async function ask(activity: Record<string, unknown>): Promise<ConnectorCall> {
  const before = env.connector.calls.length;
  expect((await postActivity(env.url, activity)).status).toBe(200);
  const reply = env.connector.calls.slice(before).filter((c) => c.method === 'POST').at(-1)!;
  expectValidCards(reply.body);
  return reply;
}
/** The reminders of the two people who talk to the bot here (Bob in channels, Ana in her chat), oldest first, through the app's scheduler store. */
const subscriptions = async (): Promise<Array<{ kind: string; ref: string }>> =>
  (await Promise.all(['29:bob-id', '29:ana-id'].map((user) => env.app.schedules.subscriptionsCreatedBy('teams', TENANT, user))))
    .flat()
    .sort((a, b) => a.id - b.id)
    .map((s) => ({ kind: s.targetKind, ref: s.targetRef }));

describe('Teams channel names in `#name`', () => {
  it('finds the #name words that are channels (not numbers, not ids) and resolves them against a channel list', () => {
    expect(channelWords(`remind #migration, stop #5 and #${MIGRATION}`)).toEqual(['migration']);
    const r = resolveChannelWords('remind #policy-review and #nope every monday', [{ id: POLICY, name: 'Policy Review' }]);
    expect(r).toEqual({ text: `remind #${POLICY} and #nope every monday`, unknown: ['nope'] });
  });

  it('`remind #policy-review …` in a team channel stores that channel (from the team’s channel list) and names it', async () => {
    const before = env.connector.calls.length;
    const reply = await ask(channelMention(env.connector.url, 'remind #policy-review every monday at 9am about gfmd'));
    expect(env.connector.calls.slice(before).some((c) => c.method === 'GET' && c.path === `/v3/teams/${encodeURIComponent(TEAM)}/conversations`)).toBe(true);
    expect(said(reply)).toMatch(/#Policy Review/);
    expect(said(reply)).not.toContain(POLICY);
    expect((await subscriptions()).at(-1)).toEqual({ kind: 'channel', ref: POLICY });
    // The reminder can be delivered there: the channel is addressable although nobody asked the bot in it yet.
    const stored = await teamsStoreFor({ db: env.app.db, pool: env.app.pool }).reference('channel', POLICY);
    expect(stored?.reference).toMatchObject({ conversation: { id: POLICY }, serviceUrl: env.connector.url });
    // The list is cached: a second message asks Teams nothing.
    const again = env.connector.calls.length;
    await ask(channelMention(env.connector.url, 'reminders #migration'));
    expect(env.connector.calls.slice(again).filter((c) => c.method === 'GET')).toEqual([]);
  });

  it('says at once that a #name is no channel of the team, and stores nothing', async () => {
    const count = (await subscriptions()).length;
    const reply = await ask(channelMention(env.connector.url, 'remind #budget every monday at 9am about gfmd'));
    expect(said(reply)).toMatch(/There is no channel called #budget in this team/);
    expect(said(reply)).toMatch(/#Migration, #Policy Review/);
    expect(await subscriptions()).toHaveLength(count);
  });

  it('in a personal chat, says it cannot tell which team’s channel #migration is (today it was accepted and failed when due)', async () => {
    const count = (await subscriptions()).length;
    const reply = await ask(personalMessage(env.connector.url, 'remind #migration every monday at 9am about gfmd'));
    expect(said(reply)).toMatch(/I can't tell which channel #migration is from this chat/);
    expect(said(reply)).toMatch(/remind here/);
    expect(await subscriptions()).toHaveLength(count);
  });

  it('lists reminders with channel names, and a thread’s channel by the name Teams gives it', async () => {
    const reply = await ask(channelMention(env.connector.url, 'reminders #policy-review'));
    expect(said(reply)).toMatch(/Reminders for #Policy Review/);
    expect(said(reply)).not.toContain('@thread.tacv2');
  });
});

describe('Teams people and channel names asked of Teams when no activity carried them', () => {
  it('a person from the roster (TeamsInfo.getMember), a channel from its team’s list; unknown ones stay ids', async () => {
    const names = env.app.bot.deps.names;
    expect(await names.label({ platform: 'teams', team: TENANT, kind: 'user', id: '29:dave-id' })).toBe('@Dave Jones');
    expect(env.connector.calls.some((c) => c.method === 'GET' && c.path.endsWith('/members/29%3Adave-id'))).toBe(true);
    expect(await names.label({ platform: 'teams', team: TENANT, kind: 'user', id: '29:nobody' })).toBe('@29:nobody');
    // A channel seen once without its name (Teams does not always send it), with its team.
    await ask(channelMention(env.connector.url, 'help', { conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: '19:quiet@thread.tacv2;messageid=2' }, channelData: { channel: { id: '19:quiet@thread.tacv2' }, team: { id: '19:other-team@thread.tacv2' }, tenant: { id: TENANT } } }));
    env.connector.teams.set('19:other-team@thread.tacv2', [{ id: '19:quiet@thread.tacv2', name: 'Quiet Room' }]);
    expect(await names.label({ platform: 'teams', team: TENANT, kind: 'channel', id: '19:quiet@thread.tacv2' })).toBe('#Quiet Room');
  });
});

describe('Teams people in history and digests by display name', () => {
  it('summary says who changed an item by the name Teams gave, not by the 29: id', async () => {
    await ask(personalMessage(env.connector.url, 'progress knomad-recruitment-costs survey sent to 12 corridors'));
    const reply = await ask(personalMessage(env.connector.url, 'summary KNOMAD'));
    expect(said(reply)).toContain('“survey sent to 12 corridors” by Ana Lopez');
    expect(said(reply)).not.toContain('29:ana-id');
  });

  it('history names a person no activity named (a change stored without a name) from the roster', async () => {
    // A change kept from before names were stored (or imported): only the Teams id (a note, through the app's writes).
    const old = new CommitmentRepository(env.app.db).get('owg-focus-areas')!.status;
    const by = { platform: 'teams' as const, team: TENANT, userId: '29:dave-id', userName: null };
    await env.app.writes.run('status', { id: 'owg-focus-areas', status: null, old, note: 'draft list circulated', by, at: '2014-03-01T10:00:00.000Z' });
    await ask(personalMessage(env.connector.url, 'assign owg-focus-areas me'));
    const reply = await ask(personalMessage(env.connector.url, 'history owg-focus-areas'));
    expect(said(reply)).toContain('Dave Jones (teams)');
    expect(said(reply)).toContain('Ana Lopez (teams)');
    expect(said(reply)).toContain('Owner none → @Ana Lopez');
    expect(said(reply)).not.toMatch(/29:(dave|ana)-id/);
  });
});
