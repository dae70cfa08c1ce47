import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../adapters/slack/oauth.js';
import type { SlackStore } from '../../src/store/slack-contract.js';
import { ENGINES } from '../store/engines.js';
import { MockSlack, type RecordedCall } from './mock-slack.js';
import { grant, install, mention, OAUTH, oauthInstance, recordingLogger, redirect, type Instance } from './oauth-harness.js';
import { form, post } from './signed.js';

const bearer = (token: string) => `Bearer ${token}`;
const refreshes = (mock: MockSlack): RecordedCall[] => mock.calls.filter((c) => c.method === 'oauth.v2.access' && c.body.grant_type === 'refresh_token');
const codeGrants = (mock: MockSlack): RecordedCall[] => mock.calls.filter((c) => c.method === 'oauth.v2.access' && c.body.code !== undefined);

describe.each(ENGINES)('Slack OAuth on $name: every workspace installs the app and is answered with its own token', (engine) => {
  let mock: MockSlack;
  const running: Instance[] = [];
  const stores: SlackStore[] = [];
  let database: Awaited<ReturnType<typeof engine.database>>;
  beforeEach(async () => {
    mock = await new MockSlack().start();
    database = await engine.database();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((i) => i.stop()));
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await mock.stop();
  });
  async function instance(log?: ReturnType<typeof recordingLogger>['log']): Promise<Instance> {
    const store = await database.slack();
    stores.push(store);
    const i = await oauthInstance(mock, store, log);
    running.push(i);
    return i;
  }
  /** A barrier: a mention sent after the others, in its own channel; once it is answered, the ones before were handled. */
  async function settled(i: Instance, team: string, tag: string): Promise<void> {
    const from = mock.calls.length;
    await post(`${i.url}/slack/events`, mention(`Ev-${tag}`, { team, channel: `C-${tag}`, text: 'gfmd' }), { json: true });
    await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === `C-${tag}`, from);
  }

  it('installs through /slack/install and /slack/oauth_redirect, then answers that workspace with its own token; the team reaching the bot is the installation’s', async () => {
    const logs = recordingLogger();
    const a = await instance(logs.log);
    mock.script('oauth.v2.access', grant({ team: 'T9', token: 'xoxb-T9-first' }), grant({ team: 'T8', token: 'xoxb-T8-first' }));
    const done = await install(a, 'code-T9');
    expect(done.status).toBe(200);
    expect(done.text).toContain('Thank you!');
    expect(done.link.searchParams.get('client_id')).toBe(OAUTH.clientId);
    expect(done.link.searchParams.get('scope')!.split(',')).toEqual(BOT_SCOPES);
    expect(codeGrants(mock)).toEqual([expect.objectContaining({ body: expect.objectContaining({ code: 'code-T9', client_id: OAUTH.clientId, client_secret: OAUTH.clientSecret }) })]);
    expect((await install(a, 'code-T8')).status).toBe(200);

    // A mention in each workspace: the reply goes out with that workspace's token.
    const from = mock.calls.length;
    expect((await post(`${a.url}/slack/events`, mention('Ev-T9', { team: 'T9', channel: 'C9' }), { json: true })).status).toBe(200);
    expect((await post(`${a.url}/slack/events`, mention('Ev-T8', { team: 'T8', channel: 'C8' }), { json: true })).status).toBe(200);
    const t9 = await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === 'C9', from);
    const t8 = await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === 'C8', from);
    expect(t9.authorization).toBe(bearer('xoxb-T9-first'));
    expect(t8.authorization).toBe(bearer('xoxb-T8-first'));
    expect(JSON.stringify(t9.body.blocks)).toContain('Agenda point 7');

    // A slash command of T9 is answered, as T9.
    const ack = await post(`${a.url}/slack/events`, form({ token: 'x', team_id: 'T9', channel_id: 'C9', user_id: 'U1', user_name: 'ana', command: '/followup', text: 'agenda 7', response_url: mock.responseUrl('c9'), trigger_id: 't' }));
    expect(ack.status).toBe(200);
    expect(ack.text).toContain('Agenda point 7');
    // (The two mentions are acked before they are handled: either may reach the bot first.)
    expect([...a.teams.slice(0, 2)].sort()).toEqual(['T8', 'T9']);
    expect(a.teams.slice(2)).toEqual(['T9']);

    // A scheduled message to T8 goes out with T8's token, outside any request.
    await a.adapter.outbox.send({ key: 'k1', target: { platform: 'slack', team: 'T8', kind: 'channel', ref: 'C8' }, reply: { title: 'Reminder: agenda 7', items: [] }, scheduledFor: '2026-03-01T09:00:00.000Z', late: false });
    expect(mock.posts().at(-1)).toMatchObject({ authorization: bearer('xoxb-T8-first'), body: expect.objectContaining({ channel: 'C8' }) });

    // A workspace that never installed the app gets nothing, and its scheduled message fails for good.
    const before = mock.posts().length;
    await post(`${a.url}/slack/events`, mention('Ev-T7', { team: 'T7', channel: 'C7' }), { json: true });
    await settled(a, 'T9', 'after-T7');
    expect(mock.posts().slice(before).map((p) => p.body.channel)).toEqual(['C-after-T7']);
    // Logged at debug level, the flow still never shows a secret or a token.
    expect(logs.lines.some((l) => l.includes('app installed'))).toBe(true);
    for (const secret of [OAUTH.clientSecret, OAUTH.stateSecret, 'xoxb-T9-first', 'xoxb-T8-first']) expect(logs.lines.filter((l) => l.includes(secret))).toEqual([]);
    await expect(a.adapter.outbox.send({ key: 'k2', target: { platform: 'slack', team: 'T7', kind: 'channel', ref: 'C7' }, reply: { title: 'x', items: [] }, scheduledFor: '2026-03-01T09:00:00.000Z', late: false })).rejects.toMatchObject({ permanent: true });
  });

  it('refuses a forged state (not signed with SLACK_STATE_SECRET, or signed by another secret) without asking Slack for a token', async () => {
    const a = await instance();
    mock.script('oauth.v2.access', grant({ team: 'T9', token: 'xoxb-T9-first' }));
    // The attacker controls their own browser: cookie and query agree.
    for (const forged of ['made-up', 'bm9uY2U.bWFj', `${'a'.repeat(32)}.${'b'.repeat(43)}`]) {
      const r = await redirect(a, 'code-forged', forged);
      expect(r.status, forged).toBe(400);
      expect(r.text).toContain('slack_oauth_invalid_state');
      expect(r.text).not.toMatch(/\n\s+at /);
    }
    // A real install page's state, with its signature changed.
    const page = await fetch(`${a.url}/slack/install`);
    const state = /slack-app-oauth-state=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]!;
    const [nonce] = state.split('.');
    expect((await redirect(a, 'code-forged', `${nonce}.${'x'.repeat(43)}`)).status).toBe(400);
    expect(codeGrants(mock)).toEqual([]);
    // The untouched state still works: refusing the forgeries did not use it up.
    expect((await redirect(a, 'code-T9', state)).status).toBe(200);
    expect(codeGrants(mock)).toHaveLength(1);
  });

  it('refuses a replayed state, on the same instance and on another one', async () => {
    const [a, b] = [await instance(), await instance()];
    mock.script('oauth.v2.access', grant({ team: 'T9', token: 'xoxb-T9-first' }), grant({ team: 'T9', token: 'xoxb-T9-evil' }));
    // Started on one instance, the redirect lands on the other: the state is shared through the database.
    const first = await install(a, 'code-T9', b);
    expect(first.status).toBe(200);
    for (const i of [a, b]) {
      const again = await redirect(i, 'code-again', first.state);
      expect(again.status).toBe(400);
      expect(again.text).toContain('slack_oauth_invalid_state');
    }
    expect(codeGrants(mock).map((c) => c.body.code)).toEqual(['code-T9']);
    // The installation kept is the first one.
    const from = mock.calls.length;
    await post(`${a.url}/slack/events`, mention('Ev-1', { team: 'T9', channel: 'C9' }), { json: true });
    expect((await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === 'C9', from)).authorization).toBe(bearer('xoxb-T9-first'));
  });

  it('takes an org-wide install: every workspace of the organisation is answered with the org token, as its own team', async () => {
    const a = await instance();
    mock.script('oauth.v2.access', grant({ enterprise: 'E1', token: 'xoxb-E1-org' }));
    mock.script('auth.test', { body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', enterprise_id: 'E1', url: 'https://un.enterprise.slack.com/' } });
    const done = await install(a, 'code-E1');
    expect(done.status).toBe(200);
    expect(done.text).toContain('https://un.enterprise.slack.com/manage/organization/apps/profile/A0FOLLOWUP/workspaces/add');
    const from = mock.calls.length;
    await post(`${a.url}/slack/events`, mention('Ev-T5', { team: 'T5', enterprise: 'E1', channel: 'C5' }), { json: true });
    await post(`${a.url}/slack/events`, mention('Ev-T6', { team: 'T6', enterprise: 'E1', channel: 'C6' }), { json: true });
    for (const channel of ['C5', 'C6']) expect((await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === channel, from)).authorization).toBe(bearer('xoxb-E1-org'));
    expect(a.teams.sort()).toEqual(['T5', 'T6']);
    // A button click there: org-wide, Slack sends `team: null`; it counts as the person's own workspace.
    const click = {
      type: 'block_actions', user: { id: 'U1', username: 'ana', team_id: 'T6' }, api_app_id: 'A0FOLLOWUP', token: 'x', team: null, enterprise: { id: 'E1' }, is_enterprise_install: true,
      channel: { id: 'C6' }, container: { type: 'message', message_ts: '1.1', channel_id: 'C6' }, response_url: mock.responseUrl('org-click'), trigger_id: '1.2.3',
      actions: [{ action_id: 'followup:run:agenda:0', block_id: 'b', type: 'button', value: 'agenda 7', action_ts: '2.1' }],
    };
    expect((await post(`${a.url}/slack/events`, form({ payload: JSON.stringify(click) }))).status).toBe(200);
    expect(JSON.stringify((await mock.response('org-click')).body)).toContain('Agenda point 7');
    expect(a.teams).toEqual(['T5', 'T6', 'T6']);
    // Another instance sends T5's scheduled message: it finds the org install by the team alone.
    const b = await instance();
    await b.adapter.outbox.send({ key: 'k5', target: { platform: 'slack', team: 'T5', kind: 'channel', ref: 'C5' }, reply: { title: 'Reminder', items: [] }, scheduledFor: '2026-03-01T09:00:00.000Z', late: false });
    expect(mock.posts().at(-1)).toMatchObject({ authorization: bearer('xoxb-E1-org'), body: expect.objectContaining({ channel: 'C5' }) });
  });

  it('refreshes an expiring rotating token ONCE when two instances need it at the same moment; both answer with the new token', async () => {
    const watch = recordingLogger();
    const [a, b] = [await instance(watch.log), await instance(watch.log)];
    // Token rotation: this token expires in 10 minutes, well inside the refresh window.
    mock.script('oauth.v2.access', grant({ team: 'T9', token: 'xoxb-T9-old', refresh: 'xoxe-1-first', expiresIn: 600 }));
    expect((await install(a, 'code-T9')).status).toBe(200);
    // The refresh is held until the second instance is known to wait for it (or, were there no lock, asks Slack too).
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    mock.respond('oauth.v2.access', async () => {
      await released;
      return { body: { ok: true, token_type: 'bot', access_token: 'xoxb-T9-new', refresh_token: 'xoxe-1-second', expires_in: 43_200, team: { id: 'T9' } } };
    });
    const from = mock.calls.length;
    const sent = [post(`${a.url}/slack/events`, mention('Ev-a', { team: 'T9', channel: 'CA' }), { json: true }), post(`${b.url}/slack/events`, mention('Ev-b', { team: 'T9', channel: 'CB' }), { json: true })];
    await mock.call((c) => c.method === 'oauth.v2.access' && c.body.grant_type === 'refresh_token', from);
    await Promise.race([watch.until(/another instance is refreshing/), mock.call((c) => c.method === 'oauth.v2.access' && c.body.grant_type === 'refresh_token', mock.calls.findIndex((c, i) => i >= from && c.body.grant_type === 'refresh_token') + 1, 15_000)]);
    release();
    await Promise.all(sent);
    const ca = await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === 'CA', from);
    const cb = await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === 'CB', from);
    expect(refreshes(mock)).toHaveLength(1);
    expect(refreshes(mock)[0]!.body).toMatchObject({ refresh_token: 'xoxe-1-first', client_id: OAUTH.clientId, client_secret: OAUTH.clientSecret });
    expect([ca.authorization, cb.authorization]).toEqual([bearer('xoxb-T9-new'), bearer('xoxb-T9-new')]);
    // Fresh now: the next request refreshes nothing.
    await settled(b, 'T9', 'later');
    expect(refreshes(mock)).toHaveLength(1);
    expect(mock.posts().at(-1)!.authorization).toBe(bearer('xoxb-T9-new'));
  });

  it('forgets a workspace that removed the app (app_uninstalled) or revoked its bot token (tokens_revoked), on every instance', async () => {
    const watch = recordingLogger();
    const [a, b] = [await instance(watch.log), await instance()];
    mock.script('oauth.v2.access', grant({ team: 'T9', token: 'xoxb-T9-first' }), grant({ team: 'T8', token: 'xoxb-T8-first' }));
    await install(a, 'code-T9');
    await install(a, 'code-T8');
    const event = (id: string, team: string, inner: Record<string, unknown>) => JSON.stringify({ token: 'x', team_id: team, api_app_id: 'A0FOLLOWUP', type: 'event_callback', event_id: id, event_time: 1, event: inner });
    // A user token revoked: the installation stays.
    await post(`${a.url}/slack/events`, event('Ev-r0', 'T8', { type: 'tokens_revoked', tokens: { oauth: ['U1'] } }), { json: true });
    await post(`${a.url}/slack/events`, event('Ev-u', 'T9', { type: 'app_uninstalled' }), { json: true });
    await post(`${a.url}/slack/events`, event('Ev-r', 'T8', { type: 'tokens_revoked', tokens: { bot: ['UBOT'] } }), { json: true });
    // Events are acked before their listener runs: wait until both removals are done.
    await watch.until(/"team":"T9".*installation removed/);
    await watch.until(/"team":"T8".*installation removed/);
    expect(watch.lines.filter((l) => l.includes('installation removed'))).toHaveLength(2);
    const send = (team: string) => b.adapter.outbox.send({ key: `k-${team}`, target: { platform: 'slack', team, kind: 'channel', ref: 'C1' }, reply: { title: 'Reminder', items: [] }, scheduledFor: '2026-03-01T09:00:00.000Z', late: false });
    await expect(send('T9')).rejects.toMatchObject({ permanent: true, reason: 'the app is not installed in the workspace T9' });
    await expect(send('T8')).rejects.toMatchObject({ permanent: true });
    const before = mock.posts().length;
    await post(`${b.url}/slack/events`, mention('Ev-after', { team: 'T9', channel: 'C9' }), { json: true });
    // Installed again, it is answered again (a barrier for the mention before).
    mock.script('oauth.v2.access', grant({ team: 'T9', token: 'xoxb-T9-again' }));
    await install(b, 'code-T9-again');
    await settled(b, 'T9', 'again');
    expect(mock.posts().slice(before).map((p) => [p.body.channel, p.authorization])).toEqual([['C-again', bearer('xoxb-T9-again')]]);
  });

  it('answers the same signed event delivered to two instances at once ONCE', async () => {
    const [a, b] = [await instance(), await instance()];
    mock.script('oauth.v2.access', grant({ team: 'T9', token: 'xoxb-T9-first' }));
    expect((await install(a, 'code-T9')).status).toBe(200);
    const event = mention('Ev-twice', { team: 'T9', channel: 'C9' });
    const statuses = await Promise.all([post(`${a.url}/slack/events`, event, { json: true }), post(`${b.url}/slack/events`, event, { json: true }), post(`${b.url}/slack/events`, event, { json: true, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })]);
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200]);
    await settled(a, 'T9', 'a');
    await settled(b, 'T9', 'b');
    expect(mock.posts().filter((p) => p.body.channel === 'C9')).toHaveLength(1);
  });
});
