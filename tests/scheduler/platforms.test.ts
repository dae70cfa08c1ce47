import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/message.js';
import { silentLogger } from '../../src/core/log.js';
import { createScheduledRenderer } from '../../src/commands/scheduled.js';
import { Scheduler } from '../../src/scheduler/engine.js';
import type { OutboundMessage } from '../../src/scheduler/outbox.js';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import { ManualClock, testBot } from '../helpers.js';

describe('processes serving different platforms share one database', () => {
  it('each claims and sends only its own platforms’ reminders; none is taken by the other', async () => {
    const clock = new ManualClock('2014-03-02T10:00:00Z');
    const t = testBot('2014-03-02T10:00:00Z', { clock });
    const say = (platform: Platform, channel: string) =>
      t.bot.handle({ text: `remind #${channel} every monday at 9am about gfmd`, platform, team: 'T1', user: { id: 'U1' }, channel: { id: channel } });
    await say('slack', 'CSLACK');
    await say('console', 'console');
    const store = t.bot.deps.schedules; // the bot's own, on the chosen engine (tests/engine.ts)
    const sent: Record<string, OutboundMessage[]> = { console: [], slack: [] };
    const scheduler = (platform: 'console' | 'slack') =>
      new Scheduler(store, new CommitmentRepository(t.db), { send: async (m) => void sent[platform]!.push(m) }, createScheduledRenderer(t.bot.deps), clock, silentLogger, { graceMs: 6 * 3_600_000, platforms: [platform] });

    clock.set('2014-03-03T09:00:00Z');
    // The console session runs first: it takes only the console reminder.
    expect(await scheduler('console').tick()).toMatchObject({ claimed: 1, sent: [expect.anything()] });
    expect(sent.console!.map((m) => m.target.ref)).toEqual(['console']);
    const slackSub = (await store.subscriptionsForTarget('slack', 'T1', 'channel', 'CSLACK'))[0]!;
    const consoleSub = (await store.subscriptionsForTarget('console', 'T1', 'channel', 'console'))[0]!;
    expect(slackSub.nextRunAt).toBe('2014-03-03T09:00:00.000Z'); // untouched, still due
    // The Slack server then delivers its own.
    expect(await scheduler('slack').tick()).toMatchObject({ claimed: 1, sent: [expect.anything()] });
    expect(sent.slack!.map((m) => m.target.ref)).toEqual(['CSLACK']);
    // A pending Slack delivery left by a crash is not picked up by the console either.
    clock.set('2014-03-10T09:00:00Z');
    await new Scheduler(store, new CommitmentRepository(t.db), { send: async () => undefined }, createScheduledRenderer(t.bot.deps), clock, silentLogger, { graceMs: 6 * 3_600_000, platforms: ['slack'] }).claim();
    const consoleKeys = (await scheduler('console').tick()).sent.map((s) => s.key);
    expect(consoleKeys.some((k) => k.startsWith(`${slackSub.id}:`))).toBe(false);
    expect(sent.console!.every((m) => m.target.platform === 'console')).toBe(true);
    // The deliveries ready then that are still pending (of both reminders, the only ones): the Slack one alone.
    const deliveries = (await Promise.all([slackSub, consoleSub].map((s) => store.deliveriesOf(s.id)))).flat();
    expect(deliveries.filter((d) => d.status === 'pending' && d.retryAt! <= '2014-03-10T09:00:00.000Z').map((d) => d.subscriptionId)).toEqual([slackSub.id]);
    expect((await scheduler('slack').deliver()).sent).toHaveLength(1);
  });
});
