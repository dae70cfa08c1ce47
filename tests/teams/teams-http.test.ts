import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { serve, type Running } from '../../src/cli/serve.js';
import { silentLogger } from '../../src/core/log.js';
import { teamsStoreFor } from '../../src/store/teams-store.js';
import { engineApp, engineDatabase } from '../engine.js';
import { expectValidCards } from './validate-card.js';
import { channelMention, MockConnector, personalMessage, postActivity, TENANT, type ConnectorCall } from './mock-connector.js';

let connector: MockConnector;
let app: App;
let running: Running;
let url: string;
const emulator = { appId: '', appPassword: '', appType: 'MultiTenant' as const, emulator: true };

beforeAll(async () => {
  connector = await new MockConnector().start();
  app = await engineApp({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '127.0.0.1', FOLLOWUP_NOW: '2014-06-15T09:00:00Z' }, silentLogger);
  running = await serve(app, { teams: emulator }, silentLogger);
  url = `http://127.0.0.1:${running.address!.port}`;
});
afterAll(async () => {
  await running.stop();
  await app.close();
  await connector.stop();
});

type Card = { version: string; body: Array<Record<string, unknown>>; actions?: unknown[] };
const cardOf = (call: ConnectorCall): Card => ((call.body.attachments as Array<{ contentType: string; content: Card }>)[0]!).content;
const textsOf = (v: unknown): string[] => {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, val] of Object.entries(x)) {
        if ((k === 'text' || k === 'value' || k === 'title') && typeof val === 'string') out.push(val);
        else walk(val);
      }
    }
  };
  walk(v);
  return out;
};

async function ask(activity: Record<string, unknown>): Promise<ConnectorCall> {
  const before = connector.calls.length;
  const r = await postActivity(url, activity);
  expect(r.status).toBe(200);
  const replies = connector.calls.slice(before);
  expect(replies.length).toBeGreaterThan(0);
  return replies[replies.length - 1]!;
}

describe('Teams over /api/messages (anonymous Emulator mode, loopback)', () => {
  it('answers a personal-chat question with an Adaptive Card 1.5 that quotes and cites the report', async () => {
    const activity = personalMessage(connector.url, 'what did KNOMAD commit to?');
    const reply = await ask(activity);
    expect(reply.method).toBe('POST');
    expect(reply.conversationId).toBe('a:personal-ana');
    expect(reply.activityId).toBe(activity.id); // a reply to the message
    const attachment = (reply.body.attachments as Array<{ contentType: string }>)[0]!;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = cardOf(reply);
    expect(card.version).toBe('1.5');
    const texts = textsOf(card).join('\n');
    expect(texts).toMatch(/KNOMAD/);
    expect(texts).toMatch(/12th meeting report · .*¶\d+/);
    expect(texts).toMatch(/knomad-recruitment-costs/);
    // Buttons submit the command they stand for.
    const submits = JSON.stringify(card).match(/"command":"[^"]+"/g) ?? [];
    expect(submits.some((s) => s.includes('done knomad-recruitment-costs') || s.includes('source knomad-recruitment-costs'))).toBe(true);
  });

  it('strips the @mention in a channel and answers in the thread', async () => {
    const reply = await ask(channelMention(connector.url, 'agenda 7'));
    expect(reply.conversationId).toBe('19:migration@thread.tacv2;messageid=1700000000001');
    expect(textsOf(cardOf(reply))[0]).toMatch(/^Agenda point 7/);
  });

  it('uses the time zone the Teams client reports until the person sets one', async () => {
    // personalMessage carries clientInfo with timezone Europe/Zurich: 9:00 there is 07:00 UTC in June.
    const reply = await ask(personalMessage(connector.url, 'remind me tomorrow at 9 about gfmd'));
    const said = JSON.stringify(reply.body);
    expect(said).toMatch(/Europe\/Zurich/);
    const sub = (await app.schedules.subscriptionsCreatedBy('teams', TENANT, '29:ana-id')).at(-1)!;
    expect({ zone: sub.zone, next: sub.nextRunAt }).toEqual({ zone: 'Europe/Zurich', next: '2014-06-16T07:00:00.000Z' });
  });

  it('answers an @mention in a group chat', async () => {
    const act = channelMention(connector.url, 'gfmd', { conversation: { isGroup: true, conversationType: 'groupChat', tenantId: TENANT, id: '19:group-chat@thread.v2' }, channelData: { tenant: { id: TENANT } } });
    const reply = await ask(act);
    expect(reply.conversationId).toBe('19:group-chat@thread.v2');
    expect(textsOf(cardOf(reply)).join('\n')).toMatch(/GFMD/);
  });

  it('turns other people’s mentions into @ids, so a reminder can be set for them', async () => {
    const activity = channelMention(connector.url, 'remind <at>Carla</at> tomorrow at 9 about gfmd', {
      entities: [
        { type: 'mention', text: '<at>followup</at>', mentioned: { id: '28:followup-bot', name: 'followup' } },
        { type: 'mention', text: '<at>Carla</at>', mentioned: { id: '29:carla-id', name: 'Carla' } },
      ],
    });
    const reply = await ask(activity);
    const said = reply.body.text ? String(reply.body.text) : textsOf(cardOf(reply)).join('\n');
    expect(said).toMatch(/remind @Carla /); // her name, not her id
    const latest = (await app.schedules.subscriptionsCreatedBy('teams', TENANT, '29:bob-id')).at(-1)!; // Bob's mention
    expect([latest.targetKind, latest.targetRef]).toEqual(['user', '29:carla-id']);
  });

  it('handles a card submit: Mark done updates the card in place and lands in the history with the Teams user', async () => {
    const first = await ask(personalMessage(connector.url, 'ces-plenary-migration-statistics'));
    const card = cardOf(first);
    expect(JSON.stringify(card)).toContain('done ces-plenary-migration-statistics');
    const before = connector.calls.length;
    const r = await postActivity(url, personalMessage(connector.url, '', { text: undefined, replyToId: first.responseId, value: { followup: 'run', command: 'done ces-plenary-migration-statistics', action: 'done' } }));
    expect(r.status).toBe(200);
    const update = connector.calls.slice(before).find((c) => c.method === 'PUT');
    expect(update, 'the card is updated in place').toBeDefined();
    const updated = JSON.stringify(cardOf(update!));
    expect(updated).toMatch(/Done/);
    expect(updated).not.toContain('done ces-plenary-migration-statistics');
    const history = await ask(personalMessage(connector.url, 'history ces-plenary-migration-statistics'));
    expect(JSON.stringify(cardOf(history))).toMatch(/"title":"By","value":"Ana Lopez \(teams\)"/);
    expect(JSON.stringify(history.body)).toMatch(/teams/i);
  });

  it('reviews imported candidates from the card: Accept updates the item in place', async () => {
    const { importReport } = await import('../../src/import/report-import.js');
    const { ROOT } = await import('../helpers.js');
    const r = await importReport(app.db, path.join(ROOT, 'tests/fixtures/fictional-meeting-report.md'), { dryRun: false, meeting: '4th Harbour meeting', date: '2025-03-03', writes: app.writes }, new Date());
    const first = r.extraction.candidates[0]!.id;
    const list = await ask(personalMessage(connector.url, 'proposed'));
    expect(JSON.stringify(cardOf(list))).toContain(`accept ${first}`);
    const before = connector.calls.length;
    const listId = list.responseId;
    expect((await postActivity(url, personalMessage(connector.url, '', { text: undefined, replyToId: listId, value: { followup: 'run', command: `accept ${first}`, action: 'accept' } }))).status).toBe(200);
    const update = connector.calls.slice(before).find((c) => c.method === 'PUT');
    expect(update, 'the card is updated in place').toBeDefined();
    const card = JSON.stringify(cardOf(update!));
    expect(card).not.toContain(`accept ${first}`); // that item is a commitment now
    expect(card).toContain(`accept ${r.extraction.candidates[1]!.id}`); // the others are still there
    const history = await ask(personalMessage(connector.url, `history ${first}`));
    expect(JSON.stringify(cardOf(history))).toMatch(/"title":"By","value":"Ana Lopez \(teams\)"/);
  });

  it('answers a submit it does not know, and an empty message, helpfully', async () => {
    const unknown = await ask(personalMessage(connector.url, '', { text: undefined, value: { action: 'approve', id: 42 } }));
    expect(String(unknown.body.text)).toMatch(/no longer in use/);
    const forged = await ask(personalMessage(connector.url, '', { text: undefined, value: { followup: 'run', command: 42 } }));
    expect(String(forged.body.text)).toMatch(/no longer in use/);
    const empty = await ask(personalMessage(connector.url, '   '));
    expect(JSON.stringify(empty.body)).toMatch(/agenda|help/i);
  });

  it('keeps long answers under 28 KB and says how many more there are', async () => {
    const reply = await ask(personalMessage(connector.url, 'due 2014'));
    expect(Buffer.byteLength(JSON.stringify(reply.body))).toBeLessThan(28 * 1024);
    expect(textsOf(cardOf(reply)).join('\n')).toMatch(/…and \d+ more/);
  });

  it('stores the conversation reference from installationUpdate and welcomes on conversationUpdate', async () => {
    const refs = teamsStoreFor({ db: app.db, pool: app.pool });
    const install = personalMessage(connector.url, '', { type: 'installationUpdate', action: 'add', text: undefined, from: { id: '29:dora-id', name: 'Dora' }, conversation: { conversationType: 'personal', tenantId: TENANT, id: 'a:personal-dora' } });
    const before = connector.calls.length;
    expect((await postActivity(url, install)).status).toBe(200);
    expect((await refs.reference('user', '29:dora-id'))?.reference).toMatchObject({ conversation: { id: 'a:personal-dora' }, serviceUrl: connector.url });
    const update = { ...install, type: 'conversationUpdate', action: undefined, membersAdded: [{ id: '28:followup-bot' }] };
    expect((await postActivity(url, update)).status).toBe(200);
    const welcome = connector.calls.slice(before).filter((c) => c.conversationId === 'a:personal-dora');
    expect(welcome).toHaveLength(1); // once, on conversationUpdate (installationUpdate is not greeted twice)
    expect(JSON.stringify(welcome[0]!.body)).toMatch(/Hello\. I’m followup/);
    expectValidCards(welcome[0]!.body);
    // Three buttons that ask example questions.
    const buttons = (cardOf(welcome[0]!).actions ?? []) as Array<{ type: string; title: string; data: { command: string } }>;
    expect(buttons).toHaveLength(3);
    expect(buttons.every((b) => b.type === 'Action.Execute' && b.data.command === b.title)).toBe(true);
    expect(buttons.map((b) => b.title)).toContain('what did KNOMAD commit to?');
    // A channel's reference addresses the channel, not the thread it came from.
    expect((await refs.reference('channel', '19:migration@thread.tacv2'))?.reference).toMatchObject({ conversation: { id: '19:migration@thread.tacv2' } });
  });

  it('refuses malformed JSON and non-activities, and ignores unknown activity types', async () => {
    expect((await postActivity(url, '{"type": "message", ')).status).toBe(400);
    expect((await postActivity(url, '[1,2,3]')).status).toBe(400);
    expect((await postActivity(url, { text: 'no type' })).status).toBe(400);
    const before = connector.calls.length;
    expect((await postActivity(url, personalMessage(connector.url, 'x', { type: 'somethingNew' }))).status).toBe(200);
    expect((await postActivity(url, personalMessage(connector.url, '', { type: 'typing' }))).status).toBe(200);
    expect(connector.calls.length).toBe(before);
    const get = await fetch(`${url}/api/messages`);
    expect(get.status).toBe(405);
  });

  it('refuses an activity without an http(s) serviceUrl (400) and sends nothing anywhere', async () => {
    const before = connector.calls.length;
    for (const serviceUrl of [undefined, '', 'not a url', 'ftp://127.0.0.1/', 42]) {
      const r = await postActivity(url, personalMessage(connector.url, 'agenda 7', { serviceUrl }));
      expect(r.status, String(serviceUrl)).toBe(400);
      expect(JSON.parse(r.body)).toEqual({ error: expect.stringMatching(/serviceUrl/) });
    }
    // Barrier: a message with its serviceUrl gets its one reply, and nothing else arrived.
    await ask(personalMessage(connector.url, 'agenda 7'));
    expect(connector.calls.length).toBe(before + 1);
  });

  it("answers an invoke the bot does not offer with 400, not botbuilder's 501", async () => {
    const r = await postActivity(url, personalMessage(connector.url, '', { type: 'invoke', name: 'composeExtension/query', text: undefined }));
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/no \\"composeExtension\/query\\" invoke activities/);
  });
});

describe('proactive reminders through stored references', () => {
  it('delivers a channel reminder after a restart, retries 429 and 502, and marks 403 failed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'followup-teams-'));
    const db = path.join(dir, 'teams.db');
    const config = (now: string) => ({ FOLLOWUP_DB: db, PORT: '0', HOST: '127.0.0.1', FOLLOWUP_NOW: now });
    // The same data after the restart: the SQLite file, or one PostgreSQL database of its own.
    const database = engineDatabase();
    const retry = { attempts: 4, baseMs: 5, maxMs: 20 };

    // Monday 16 June 2014: two channels set reminders for 9:00 the next day.
    let a = await engineApp(config('2014-06-16T08:00:00Z'), silentLogger, database);
    let r = await serve(a, { teams: emulator }, silentLogger, { retry });
    const u = `http://127.0.0.1:${r.address!.port}`;
    for (const [channel, text] of [
      ['19:ok@thread.tacv2', 'remind here tomorrow at 9 about gfmd'],
      ['19:gone@thread.tacv2', 'remind here tomorrow at 9 about agenda 7'],
    ] as const) {
      const act = channelMention(connector.url, text, { conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${channel};messageid=1` }, channelData: { channel: { id: channel }, tenant: { id: TENANT } } });
      expect((await postActivity(u, act)).status).toBe(200);
    }
    await r.stop();
    await a.close();

    connector.script('19:ok@thread.tacv2', { status: 429, headers: { 'retry-after': '0' } }, { status: 502 });
    connector.script('19:gone@thread.tacv2', { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } });
    const before = connector.calls.length;
    // Restarted the next morning: the start-up pass delivers from the stored references.
    a = await engineApp(config('2014-06-17T09:00:30Z'), silentLogger, database);
    r = await serve(a, { teams: emulator }, silentLogger, { retry });
    // Barrier: both deliveries are final in the database (sent, failed), so no send for them can still come.
    const subs = [...(await a.schedules.subscriptionsForTarget('teams', TENANT, 'channel', '19:ok@thread.tacv2')), ...(await a.schedules.subscriptionsForTarget('teams', TENANT, 'channel', '19:gone@thread.tacv2'))];
    expect(subs).toHaveLength(2);
    const final = async (): Promise<number> => (await Promise.all(subs.map((s) => a.schedules.deliveriesOf(s.id)))).flat().filter((d) => d.status === 'sent' || d.status === 'failed').length;
    for (const end = Date.now() + 10_000; (await final()) < 2 && Date.now() < end; ) await new Promise((res) => setTimeout(res, 10));
    expect(await final()).toBe(2);
    const ok = connector.calls.slice(before).filter((c) => c.conversationId === '19:ok@thread.tacv2');
    expect(ok.map((c) => c.method)).toEqual(['POST', 'POST', 'POST']); // 429, 502, then delivered — no more
    expect(textsOf(cardOf(ok[2]!)).join('\n')).toMatch(/GFMD|gfmd/);
    expect(ok[2]!.activityId).toBeUndefined(); // a new post in the channel, not a reply in an old thread
    expect(JSON.stringify(cardOf(ok[2]!))).toMatch(/"command":"snooze \d+ 1d"/); // scheduled messages carry Snooze
    const gone = connector.calls.slice(before).filter((c) => c.conversationId === '19:gone@thread.tacv2');
    expect(gone).toHaveLength(1); // 403 is not retried
    const list = await a.bot.handle({ text: 'reminders here', platform: 'teams', user: { id: '29:bob-id' }, channel: { id: '19:gone@thread.tacv2' }, team: TENANT });
    expect(JSON.stringify(list)).toMatch(/403: the bot was removed/);
    await r.stop();
    await a.close();
  });
});
