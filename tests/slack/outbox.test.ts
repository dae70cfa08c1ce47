import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackOutbox, type Timer } from '../../adapters/slack/outbox.js';
import { silentLogger } from '../../src/core/log.js';
import { createScheduledRenderer } from '../../src/commands/scheduled.js';
import { Scheduler } from '../../src/scheduler/engine.js';
import { DeliveryError, type OutboundMessage } from '../../src/scheduler/outbox.js';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import { ManualClock, testBot } from '../helpers.js';
import { MockSlack, type Scripted } from './mock-slack.js';

let mock: MockSlack;
beforeAll(async () => {
  mock = await new MockSlack().start();
});
afterAll(async () => mock.stop());

/** A timer that never sleeps: it records each wait and moves its clock by it. */
class CountingTimer implements Timer {
  at = 1_000_000;
  sleeps: number[] = [];
  now(): number {
    return this.at;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.at += ms;
  }
}
const outbox = (paceMs = 0, timer: Timer = new CountingTimer()) => new SlackOutbox(new webApi.WebClient('xoxb-test', { slackApiUrl: mock.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } }), silentLogger, paceMs, timer);
const message = (channel: string, key = `k-${channel}`): OutboundMessage => ({
  key,
  target: { platform: 'slack', team: 'T1', kind: 'channel', ref: channel },
  reply: { title: 'Reminder: <!channel> test', items: [] },
  scheduledFor: '2014-03-03T09:00:00.000Z',
  late: false,
});
const limited = (retryAfter?: string): Scripted => ({ status: 429, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter }, body: { ok: false, error: 'ratelimited' } });

describe('Slack outbox', () => {
  it('posts with chat.postMessage, unfurls off, escaped, the delivery key in metadata', async () => {
    await outbox().send(message('C10'));
    const call = mock.posts().find((c) => c.body.channel === 'C10')!;
    expect(call.body).toMatchObject({ channel: 'C10', unfurl_links: 'false', unfurl_media: 'false', text: 'Reminder: &lt;!channel&gt; test' });
    expect(call.body.metadata).toEqual({ event_type: 'followup_delivery', event_payload: { key: 'k-C10' } });
  });

  it('honours Retry-After 0 and 1 in place', async () => {
    mock.script('chat.postMessage', limited('0'), { body: { ok: true } });
    await outbox().send(message('C11'));
    mock.script('chat.postMessage', limited('1'), { body: { ok: true } });
    const timer = new CountingTimer();
    await outbox(0, timer).send(message('C12'));
    expect(timer.sleeps).toEqual([1_000]); // waited the second Slack asked for, then posted again
    expect(mock.posts().filter((c) => c.body.channel === 'C12')).toHaveLength(2);
  });

  it('a 429 without Retry-After, or asking for a long wait, goes back to the scheduler as transient', async () => {
    mock.script('chat.postMessage', limited());
    const missing = await outbox().send(message('C13')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DeliveryError);
    expect((missing as DeliveryError).permanent).toBe(false);
    mock.script('chat.postMessage', limited('120'));
    const long = (await outbox().send(message('C14')).catch((e: unknown) => e)) as DeliveryError;
    expect(long).toMatchObject({ permanent: false, retryAfterMs: 120_000 });
  });

  it('channel_not_found, not_in_channel and is_archived are permanent, with a readable reason', async () => {
    for (const code of ['channel_not_found', 'not_in_channel', 'is_archived']) {
      mock.script('chat.postMessage', { body: { ok: false, error: code } });
      const err = (await outbox().send(message(`C-${code}`)).catch((e: unknown) => e)) as DeliveryError;
      expect(err.permanent, code).toBe(true);
      expect(err.reason.startsWith(`${code}: `)).toBe(true);
    }
  });

  it('paces posts to one channel about one a second', async () => {
    const timer = new CountingTimer();
    const o = outbox(1_000, timer);
    await o.send(message('C20', 'a'));
    await o.send(message('C20', 'b'));
    await o.send(message('C21', 'c')); // another channel does not wait
    timer.at += 5_000;
    await o.send(message('C20', 'd')); // a second later than the last post, no wait either
    expect(timer.sleeps).toEqual([1_000]);
    expect(mock.posts().filter((c) => c.body.channel === 'C20')).toHaveLength(3);
  });

  it('through the scheduler: a channel that is gone marks the reminder failed, visible in reminders; others go out', async () => {
    const clock = new ManualClock('2014-03-02T10:00:00Z');
    const t = testBot('2014-03-02T10:00:00Z', { clock });
    const ask = (text: string) => t.bot.handle({ text, platform: 'slack', team: 'T1', user: { id: 'U1' }, channel: { id: 'C1' } });
    await ask('remind #CGONE every monday at 9am about gfmd');
    await ask('remind #COK every monday at 9am about gfmd');
    const scheduler = new Scheduler(t.bot.deps.schedules, new CommitmentRepository(t.db), outbox(), createScheduledRenderer(t.bot.deps), clock, silentLogger, { graceMs: 6 * 3_600_000 });
    // #CGONE is gone, by channel (not by the order of the posts: the two lanes run side by side).
    mock.respond('chat.postMessage', (body) => ({ body: body.channel === 'CGONE' ? { ok: false, error: 'channel_not_found' } : { ok: true, channel: body.channel, ts: '1.0' } }));
    clock.set('2014-03-03T09:00:00Z');
    const r = await scheduler.tick();
    expect(r).toMatchObject({ failed: 1 });
    expect(r.sent).toHaveLength(1);
    const list = await ask('reminders #CGONE');
    expect(list.items![0]!.fields.find((f) => f.label === 'Failed')!.value).toBe('channel_not_found: the channel was not found (deleted, or private without the bot)');
  });

  it('a resend first looks for the copy an earlier attempt may have posted (by the key in its metadata)', async () => {
    const earlier = { ok: true, messages: [{ ts: '1.1', text: 'other' }, { ts: '1.2', text: 'Reminder', metadata: { event_type: 'followup_delivery', event_payload: { key: 'k-resent' } } }] };
    // Found: nothing is posted again.
    mock.script('conversations.history', { body: earlier });
    let before = mock.posts().length;
    await outbox().send({ ...message('C20', 'k-resent'), resend: true });
    expect(mock.posts().length).toBe(before);
    const history = mock.calls.filter((c) => c.method === 'conversations.history').pop()!;
    expect(history.body).toMatchObject({ channel: 'C20', include_all_metadata: 'true', oldest: String(Date.parse('2014-03-03T09:00:00Z') / 1000 - 60) });
    // Another key in the history, or no history access (missing scope): it posts.
    mock.script('conversations.history', { body: earlier });
    before = mock.posts().length;
    await outbox().send({ ...message('C21', 'k-new'), resend: true });
    mock.script('conversations.history', { body: { ok: false, error: 'missing_scope' } });
    await outbox().send({ ...message('C22', 'k-new2'), resend: true });
    expect(mock.posts().length).toBe(before + 2);
    // A person: the DM is opened first to read its history.
    mock.script('conversations.open', { body: { ok: true, channel: { id: 'D77' } } });
    mock.script('conversations.history', { body: { ok: true, messages: [{ ts: '2.1', metadata: { event_type: 'followup_delivery', event_payload: { key: 'k-dm' } } }] } });
    before = mock.posts().length;
    await outbox().send({ ...message('U7', 'k-dm'), target: { platform: 'slack', team: 'T1', kind: 'user', ref: 'U7' }, resend: true });
    expect(mock.posts().length).toBe(before);
    expect(mock.calls.filter((c) => c.method === 'conversations.history').pop()!.body.channel).toBe('D77');
    // A first attempt never looks.
    const looked = mock.calls.filter((c) => c.method === 'conversations.history').length;
    await outbox().send(message('C23', 'k-first'));
    expect(mock.calls.filter((c) => c.method === 'conversations.history').length).toBe(looked);
  });

  it('through the scheduler: a delivery retried after a failure is sent as a resend', async () => {
    const clock = new ManualClock('2014-03-02T10:00:00Z');
    const t = testBot('2014-03-02T10:00:00Z', { clock });
    await t.bot.handle({ text: 'remind #CR every monday at 9am about gfmd', platform: 'slack', team: 'T1', user: { id: 'U1' }, channel: { id: 'C1' } });
    const seen: Array<boolean | undefined> = [];
    let fail = true;
    const flaky = { send: async (m: OutboundMessage) => {
      seen.push(m.resend);
      if (fail) {
        fail = false;
        throw new DeliveryError(false, 'timeout', 1_000);
      }
    } };
    const scheduler = new Scheduler(t.bot.deps.schedules, new CommitmentRepository(t.db), flaky, createScheduledRenderer(t.bot.deps), clock, silentLogger, { graceMs: 6 * 3_600_000 });
    clock.set('2014-03-03T09:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ retrying: 1 });
    clock.set('2014-03-03T09:00:02Z');
    expect((await scheduler.tick()).sent).toHaveLength(1);
    expect(seen).toEqual([undefined, true]);
  });
});
