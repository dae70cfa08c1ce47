import { describe, expect, it } from 'vitest';
import { CHANNEL_ITEMS } from '../../src/commands/scheduled.js';
import { setup } from './harness.js';

describe('scheduled messages to a channel stay short', () => {
  it(`a channel reminder shows at most ${CHANNEL_ITEMS} items, says how many more and how to see them; a personal one is not cut`, async () => {
    const s = setup('2014-03-02T10:00:00Z');
    // `gfmd` answers with more than five items (the chairmanship's priorities and the items about them).
    const all = (await s.ask('gfmd')).items!.length;
    expect(all).toBeGreaterThan(CHANNEL_ITEMS);
    await s.ask('remind #a every monday at 9am about gfmd');
    await s.ask('remind me every monday at 9am about gfmd');
    await s.run('2014-03-03T09:05:00Z');
    const channel = s.outbox.sent.find((m) => m.target.ref === 'a')!.reply;
    expect(channel.items).toHaveLength(CHANNEL_ITEMS);
    expect(channel.more?.count).toBeGreaterThanOrEqual(all - CHANNEL_ITEMS);
    expect(channel.more?.hint).toBe('Ask me `gfmd` to see them all.');
    // Snooze and Stop are the message's own controls, not item buttons; Stop is styled as ending something.
    expect(channel.controls!.map((a) => [a.label, a.style ?? ''])).toEqual([['Snooze 1 day', ''], ['Snooze 1 week', ''], ['Stop', 'danger']]);
    expect(JSON.stringify(channel.actions ?? [])).not.toMatch(/snooze|stop/);
    const personal = s.outbox.sent.find((m) => m.target.kind === 'user')!.reply;
    expect(personal.items!.length).toBeGreaterThan(CHANNEL_ITEMS);
  });
});
