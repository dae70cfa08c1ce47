import { verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import type { MockSlack } from './mock-slack.js';
import { startSlackServer, type SlackServer } from './server.js';
import { form, post, signature } from './signed.js';

let mock: MockSlack;
let app: App;
let url: string;
let server: SlackServer;

beforeAll(async () => {
  server = await startSlackServer();
  ({ mock, app, url } = server);
});
afterAll(() => server.stop());

const command = (text: string, extra: Record<string, string> = {}) =>
  form({ token: 'x', team_id: 'T1', team_domain: 'un', channel_id: 'C1', channel_name: 'migration', user_id: 'U1', user_name: 'ana', command: '/followup', text, response_url: mock.responseUrl('c1'), trigger_id: 't', ...extra });


describe('request verification', () => {
  it("accepts Slack's published example signature", async () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    expect(signature(body, 1531420618, secret)).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
    vi.useFakeTimers({ now: 1531420618 * 1000 + 30_000, toFake: ['Date'] });
    try {
      expect(() =>
        verifySlackRequest({ signingSecret: secret, body, headers: { 'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503', 'x-slack-request-timestamp': 1531420618 } }),
      ).not.toThrow();
      expect(() => verifySlackRequest({ signingSecret: secret, body: `${body}x`, headers: { 'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503', 'x-slack-request-timestamp': 1531420618 } })).toThrow();
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses missing, old, future and invalid signatures, missing headers, and ssl_check smuggling', async () => {
    const body = command('agenda');
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      await post(`${url}/slack/events`, body, { sign: false }),
      await post(`${url}/slack/events`, body, { timestamp: now - 600 }),
      await post(`${url}/slack/events`, body, { timestamp: now + 600 }),
      await post(`${url}/slack/events`, body, { secret: 'wrong-secret-0123456789abcdef' }),
      await post(`${url}/slack/events`, body, { sign: false, headers: { 'x-slack-signature': signature(body, now) } }),
    ];
    cases.forEach((r, i) => expect(r.status, `case ${i}`).toBe(401));
    expect(mock.posts()).toHaveLength(0);
  });

  it('an unsigned ssl_check (Slack sends them unsigned) gets 200 but never runs a smuggled command', async () => {
    const smuggled = `ssl_check=1&${command('done ces-plenary-migration-statistics')}`;
    const r = await post(`${url}/slack/events`, smuggled, { sign: false });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    const show = (await post(`${url}/slack/events`, command('show ces-plenary-migration-statistics'))).json();
    expect(JSON.stringify(show)).toContain('*Status*\\nOpen');
    expect((await post(`${url}/slack/events`, `${command('agenda')}&ssl_check=1`, { secret: 'wrong-secret-0123456789abcdef' })).text).toBe('');
  });

  it('answers url_verification and signed ssl_check', async () => {
    const r = await post(`${url}/slack/events`, JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }), { json: true });
    expect(r.status).toBe(200);
    expect(r.text).toContain('abc123');
    expect((await post(`${url}/slack/events`, form({ ssl_check: '1', token: 'x' }))).status).toBe(200);
  });

  it('serves /healthz and refuses other paths', async () => {
    const h = await fetch(`${url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ ok: true, platforms: ['slack'] });
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    expect((await fetch(`${url}/slack/events`)).status).toBe(405);
  });
});

describe('slash commands', () => {
  it('answer in the ack, as Block Kit, ephemeral for lookups', async () => {
    const r = await post(`${url}/slack/events`, command('what did KNOMAD commit to?'));
    expect(r.status).toBe(200);
    const msg = r.json() as { response_type: string; text: string; blocks: Array<Record<string, unknown>>; unfurl_links: boolean };
    expect(msg.response_type).toBe('ephemeral');
    expect(msg.unfurl_links).toBe(false);
    expect(msg.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'What KNOMAD (Global Knowledge Partnership on Migration and Development) is doing', emoji: true } });
    const sections = msg.blocks.filter((b) => b.type === 'section').map((b) => JSON.stringify(b));
    expect(sections.some((s) => s.includes('KNOMAD is gathering information on recruitment costs'))).toBe(true);
    const context = msg.blocks.find((b) => b.type === 'context');
    expect(JSON.stringify(context)).toContain('12th meeting report · Report of the Twelfth Meeting, ¶14 “In the second presentation…”');
    type El = { type: string; style?: string; text?: { text: string }; options?: Array<{ text: { text: string } }> };
    const first = msg.blocks.find((b) => b.type === 'actions')!.elements as El[];
    // Mark done is the one primary button; Show source, Remind me and Details are in the overflow menu.
    expect(first.map((e) => [e.type, e.style ?? '', e.text?.text ?? ''])).toEqual([['button', 'primary', 'Mark done'], ['overflow', '', '']]);
    expect(first[1]!.options!.map((o) => o.text.text)).toEqual(['Show source', 'Remind me', 'Details']);
  });

  it('a mention of a person with their name (<@U…|name>) shows the name, and the reminder is theirs', async () => {
    const r = (await post(`${url}/slack/events`, command('remind <@U55|dora> tomorrow at 9 about gfmd'))).json() as { blocks: Array<{ text?: { text: string } }> };
    expect(r.blocks[0]!.text!.text).toMatch(/^OK — I'll remind @dora /);
    const latest = (await app.schedules.subscriptionsCreatedBy('slack', 'T1', 'U1')).at(-1)!;
    expect([latest.targetKind, latest.targetRef]).toEqual(['user', 'U55']);
  });

  it('summaries and channel reminders post in the channel', async () => {
    expect((await post(`${url}/slack/events`, command('summary gfmd'))).json()).toMatchObject({ response_type: 'in_channel' });
    expect((await post(`${url}/slack/events`, command('remind <#C1|migration> every monday at 9am about gfmd'))).json()).toMatchObject({ response_type: 'in_channel' });
  });

  it('escapes text so nothing can ping a channel or fake a link', async () => {
    const r = (await post(`${url}/slack/events`, command('find <!channel> <!here> <https://evil.example|click> recruitment'))).json();
    const s = JSON.stringify(r);
    expect(s).not.toMatch(/<!channel>|<!here>|<!everyone>|<https?:/);
  });
});

describe('events', () => {
  it('one reply for the same event_id delivered four times (two at once, then retries)', async () => {
    const before = mock.posts().length;
    const from = mock.calls.length;
    const event = JSON.stringify({
      token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'Ev1', event_time: 1,
      event: { type: 'app_mention', user: 'U1', text: '<@UBOT> agenda 7', ts: '1.1', channel: 'C1', event_ts: '1.1' },
    });
    const [a, b] = await Promise.all([post(`${url}/slack/events`, event, { json: true }), post(`${url}/slack/events`, event, { json: true })]);
    const c = await post(`${url}/slack/events`, event, { json: true, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    const d = await post(`${url}/slack/events`, event, { json: true, headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } });
    for (const r of [a, b, c, d]) expect(r.status).toBe(200);
    // The answer itself: events are handled after their ack, and on PostgreSQL (round trips) a later event can be answered first.
    await mock.call((x) => x.method === 'chat.postMessage' && x.body.channel === 'C1', from);
    // Barrier: a new event sent after the answer; once its own answer is posted, the copies were handled long before.
    const barrier = JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'Ev1-barrier', event_time: 2, event: { type: 'app_mention', user: 'U1', text: '<@UBOT> gfmd', ts: '1.9', channel: 'C2', event_ts: '1.9' } });
    const start = mock.calls.length;
    await post(`${url}/slack/events`, barrier, { json: true });
    await mock.call((x) => x.method === 'chat.postMessage' && x.body.channel === 'C2', start);
    const posts = mock.posts().slice(before).filter((p) => p.body.channel === 'C1');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({ channel: 'C1', thread_ts: '1.1' }); // answered in the mention's thread
    expect(JSON.stringify(posts[0]!.body.blocks)).toContain('Agenda point 7');
  });

  it('answers direct messages, not its own or other bots', async () => {
    const before = mock.posts().length;
    const dm = (id: string, extra: Record<string, unknown>) =>
      JSON.stringify({ token: 'x', team_id: 'T1', type: 'event_callback', event_id: id, event: { type: 'message', channel_type: 'im', channel: 'D1', ts: '2.1', text: 'gfmd', ...extra } });
    await post(`${url}/slack/events`, dm('Ev2', { user: 'U1' }), { json: true });
    await post(`${url}/slack/events`, dm('Ev3', { user: 'U9', bot_id: 'B9' }), { json: true });
    await post(`${url}/slack/events`, dm('Ev4', { user: 'U9', subtype: 'message_changed' }), { json: true });
    // Barrier: a person's DM in another conversation, sent after them; both answers are awaited (either can come first on PostgreSQL).
    await post(`${url}/slack/events`, dm('Ev5', { user: 'U1', channel: 'D2' }), { json: true });
    await mock.call((x) => x.method === 'chat.postMessage' && x.body.channel === 'D2', 0);
    await mock.call((x) => x.method === 'chat.postMessage' && x.body.channel === 'D1', 0);
    expect(mock.posts().slice(before).map((p) => p.body.channel).sort()).toEqual(['D1', 'D2']);
  });
});

describe('buttons', () => {
  it('Mark done runs as the clicking user, replies, and lands in the history with the Slack user', async () => {
    const payload = {
      type: 'block_actions',
      team: { id: 'T1', domain: 'un' },
      user: { id: 'U7', username: 'bob', team_id: 'T1' },
      channel: { id: 'C1', name: 'migration' },
      api_app_id: 'A1',
      token: 'x',
      trigger_id: 't',
      response_url: mock.responseUrl('b1'),
      actions: [{ type: 'button', action_id: 'followup:run:done:0', block_id: 'item:owg-focus-areas', value: 'done owg-focus-areas', action_ts: '3.1', text: { type: 'plain_text', text: 'Mark done' } }],
    };
    const r = await post(`${url}/slack/events`, form({ payload: JSON.stringify(payload) }));
    expect(r.status).toBe(200);
    const reply = await mock.response('b1');
    expect(JSON.stringify(reply.body)).toContain('owg-focus-areas: open → done');
    const history = (await post(`${url}/slack/events`, command('history owg-focus-areas'))).json();
    expect(JSON.stringify(history)).toContain('Bob Lee (slack)'); // the clicker by display name (users.info), not by handle
  });

  it('Mark done on a channel message updates that item in the message', async () => {
    const lookup = (await post(`${url}/slack/events`, command('agenda 7'))).json() as { blocks: unknown[]; text: string };
    // Quiet: at most one primary button an item; the rest behind the item's overflow menu.
    for (const b of lookup.blocks as Array<{ type: string; elements?: Array<{ type: string; style?: string }> }>) {
      if (b.type === 'actions') expect(b.elements!.filter((e) => e.style === 'primary').length).toBeLessThanOrEqual(1);
    }
    // Two items of the shown page that still offer Mark done: press one, the other keeps it.
    const [pressed, other] = JSON.stringify(lookup.blocks).match(/(?<="value":"done )[a-z0-9-]+/g)!;
    const payload = {
      type: 'block_actions', team: { id: 'T1' }, user: { id: 'U8' }, channel: { id: 'C1' }, token: 'x', response_url: mock.responseUrl('b3'),
      message: { type: 'message', text: lookup.text, blocks: lookup.blocks, ts: '5.1' },
      actions: [{ type: 'button', action_id: 'followup:run:done:0', block_id: `item:${pressed}`, value: `done ${pressed}`, action_ts: '5.2' }],
    };
    expect((await post(`${url}/slack/events`, form({ payload: JSON.stringify(payload) }))).status).toBe(200);
    const reply = await mock.response('b3');
    expect(reply.body.replace_original).toBe(true);
    const blocks = JSON.stringify(reply.body.blocks);
    expect(other).toBeDefined();
    expect(blocks).not.toContain(`done ${pressed}`);
    expect(blocks).toContain(`done ${other}`);
    expect((reply.body.blocks as unknown[]).length).toBe(lookup.blocks.length);
  });

  it('Accept on an imported candidate turns it into a commitment in place, in the message it was clicked in', async () => {
    const { importReport } = await import('../../src/import/report-import.js');
    const { ROOT } = await import('../helpers.js');
    const r = await importReport(app.db, `${ROOT}/tests/fixtures/fictional-meeting-report.md`, { dryRun: false, meeting: '4th Harbour meeting', date: '2025-03-03', writes: app.writes }, new Date());
    const [first, second] = r.extraction.candidates.map((c) => c.id);
    const list = (await post(`${url}/slack/events`, command('proposed'))).json() as { blocks: unknown[]; text: string };
    expect(JSON.stringify(list.blocks)).toContain(`accept ${first}`);
    const payload = {
      type: 'block_actions', team: { id: 'T1' }, user: { id: 'U9', username: 'carla' }, channel: { id: 'C1' }, token: 'x', response_url: mock.responseUrl('b4'),
      message: { type: 'message', text: list.text, blocks: list.blocks, ts: '6.1' },
      actions: [{ type: 'button', action_id: 'followup:run:accept:0', block_id: `item:${first}`, value: `accept ${first}`, action_ts: '6.2' }],
    };
    expect((await post(`${url}/slack/events`, form({ payload: JSON.stringify(payload) }))).status).toBe(200);
    const reply = await mock.response('b4');
    expect(reply.body.replace_original).toBe(true);
    const blocks = JSON.stringify(reply.body.blocks);
    expect(blocks).not.toContain(`accept ${first}`);
    expect(blocks).toContain(`accept ${second}`);
    const history = (await post(`${url}/slack/events`, command(`history ${first}`))).json();
    expect(JSON.stringify(history)).toContain('carla (slack)');
  });

  it('an unknown button gets an answer, not a spinner', async () => {
    const payload = { type: 'block_actions', team: { id: 'T1' }, user: { id: 'U7' }, channel: { id: 'C1' }, token: 'x', response_url: mock.responseUrl('b2'), actions: [{ type: 'button', action_id: 'someone-else:thing', block_id: 'x', value: 'x', action_ts: '4.1' }] };
    expect((await post(`${url}/slack/events`, form({ payload: JSON.stringify(payload) }))).status).toBe(200);
    const reply = await mock.response('b2');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/no longer in use/) });
  });
});
