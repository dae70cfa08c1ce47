import { describe, expect, it } from 'vitest';
import { ConversationPacer } from '../../adapters/teams/pace.js';
import { createTeamsAdapter } from '../../adapters/teams/app.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { DeliveryError, type OutboundMessage } from '../../src/scheduler/outbox.js';
import { testBot } from '../helpers.js';
import { MockConnector, TENANT } from './mock-connector.js';

const message = (ref: string, kind: 'channel' | 'user' = 'channel'): OutboundMessage => ({
  key: `k-${ref}-${Math.random()}`,
  target: { platform: 'teams', team: TENANT, kind, ref },
  reply: { title: 'Reminder: agenda 7', items: [{ id: 'x', title: 'An item', fields: [{ label: 'Due', value: 'by September 2014' }] }] },
  scheduledFor: '2014-06-17T09:00:00.000Z',
  late: false,
});

async function setup(attempts = 3) {
  const connector = await new MockConnector().start();
  const t = testBot();
  const refs = t.teams; // on the bot's engine (tests/engine.ts)
  // The outbox's waits are recorded, not slept.
  const slept: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    slept.push(ms);
  };
  const adapter = createTeamsAdapter(t.bot, refs, { appId: '', appPassword: '', appType: 'MultiTenant', emulator: true }, silentLogger, { clock: fixedClock('2014-06-17T09:00:00Z'), retry: { attempts, baseMs: 5, maxMs: 20 }, sleep });
  const save = (id: string) =>
    refs.saveReference(TENANT, 'channel', id, { channelId: 'msteams', serviceUrl: connector.url, conversation: { id, conversationType: 'channel', tenantId: TENANT }, bot: { id: '28:followup-bot' } }, new Date());
  return { connector, adapter, save, refs, slept };
}

describe('TeamsOutbox', () => {
  it('retries 502 and 504 with its own bounded policy only (the SDK’s hidden retries are off)', async () => {
    const { connector, adapter, save } = await setup(2);
    await save('19:a@thread.tacv2');
    connector.script('19:a@thread.tacv2', { status: 502 }, { status: 504 }, { status: 502 });
    const err = await adapter.outbox.send(message('19:a@thread.tacv2')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).permanent).toBe(false);
    expect(connector.messages('19:a@thread.tacv2')).toHaveLength(2); // exactly our two attempts
    await connector.stop();
  });

  it('retries 412 and 429 (honouring Retry-After) and then delivers once', async () => {
    const { connector, adapter, save, slept } = await setup(4);
    await save('19:b@thread.tacv2');
    connector.script('19:b@thread.tacv2', { status: 412 }, { status: 429, headers: { 'retry-after': '1' } });
    await adapter.outbox.send(message('19:b@thread.tacv2'));
    // A backoff after the 412 (base 5 ms, jittered), then exactly the 1 s the 429 asked for.
    expect(slept).toHaveLength(2);
    expect(slept[0]).toBeGreaterThanOrEqual(2.5);
    expect(slept[0]).toBeLessThanOrEqual(7.5);
    expect(slept[1]).toBe(1_000);
    expect(connector.messages('19:b@thread.tacv2')).toHaveLength(3);
    await connector.stop();
  });

  it('hands a long Retry-After back to the scheduler instead of waiting', async () => {
    const { connector, adapter, save } = await setup(4);
    await save('19:c@thread.tacv2');
    connector.script('19:c@thread.tacv2', { status: 429, headers: { 'retry-after': '120' } });
    const err = (await adapter.outbox.send(message('19:c@thread.tacv2')).catch((e: unknown) => e)) as DeliveryError;
    expect(err.permanent).toBe(false);
    expect(err.retryAfterMs).toBe(120_000);
    await connector.stop();
  });

  it('fails for good on 403 and 404, and when there is no stored conversation; others are untouched', async () => {
    const { connector, adapter, save } = await setup();
    await save('19:removed@thread.tacv2');
    await save('19:deleted@thread.tacv2');
    await save('19:fine@thread.tacv2');
    connector.script('19:removed@thread.tacv2', { status: 403 });
    connector.script('19:deleted@thread.tacv2', { status: 404 });
    const results = await Promise.allSettled([
      adapter.outbox.send(message('19:removed@thread.tacv2')),
      adapter.outbox.send(message('19:deleted@thread.tacv2')),
      adapter.outbox.send(message('19:never@thread.tacv2')),
      adapter.outbox.send({ ...message('29:nobody', 'user'), target: { platform: 'teams', team: 'another-tenant', kind: 'user', ref: '29:nobody' } }),
      adapter.outbox.send(message('19:fine@thread.tacv2')),
    ]);
    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as DeliveryError) : undefined));
    expect(reasons[0]?.permanent && reasons[0].reason).toMatch(/^403: the bot was removed/);
    expect(reasons[1]?.permanent && reasons[1].reason).toMatch(/^404: the conversation no longer exists/);
    expect(reasons[2]?.permanent && reasons[2].reason).toMatch(/@mention it there once/);
    expect(reasons[3]?.permanent && reasons[3].reason).toMatch(/send it a message once/);
    expect(results[4]!.status).toBe('fulfilled');
    expect(connector.messages('19:removed@thread.tacv2')).toHaveLength(1);
    expect(connector.messages('19:fine@thread.tacv2')).toHaveLength(1);
    await connector.stop();
  });
});

describe('personal reminders for someone who never chatted with the bot', () => {
  it('opens a one-to-one chat from the tenant’s team, sends there, and keeps its reference', async () => {
    const { connector, adapter, save, refs } = await setup();
    await save('19:team-channel@thread.tacv2');
    await adapter.outbox.send(message('29:eve-id', 'user'));
    const created = connector.created();
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ isGroup: false, members: [{ id: '29:eve-id' }], tenantId: TENANT });
    const conversation = (await refs.reference('user', '29:eve-id'))?.reference as { conversation: { id: string } };
    expect(conversation.conversation.id).toMatch(/^a:created-/);
    const sent = connector.messages(conversation.conversation.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.activityId).toBeUndefined();
    // The next one goes straight to the stored chat.
    await adapter.outbox.send(message('29:eve-id', 'user'));
    expect(connector.created()).toHaveLength(1);
    expect(connector.messages(conversation.conversation.id)).toHaveLength(2);
    await connector.stop();
  });
});

describe('ConversationPacer', () => {
  it('allows 7 a second and 60 per 30 seconds to one conversation, independently per conversation', async () => {
    let now = 0;
    const slept: number[] = [];
    const pacer = new ConversationPacer(undefined, () => now, async (ms) => {
      slept.push(ms);
    });
    for (let i = 0; i < 7; i++) await pacer.wait('a');
    expect(slept).toEqual([]);
    await pacer.wait('a'); // the 8th within the same second waits for the first to leave the window
    expect(slept).toEqual([1_000]);
    await pacer.wait('b');
    expect(slept).toHaveLength(1);
    // Spread over time: the 61st message within 30 seconds waits.
    const p = new ConversationPacer(undefined, () => now, async () => undefined);
    now = 0;
    for (let i = 0; i < 60; i++) {
      now = i * 200; // 5 a second: under the per-second limit
      expect(p.delay('c', now), `message ${i}`).toBe(0);
      await p.wait('c');
    }
    now = 60 * 200;
    expect(p.delay('c', now)).toBe(30_000 - now);
  });
});
