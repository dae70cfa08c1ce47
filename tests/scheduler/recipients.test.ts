import { describe, expect, it } from 'vitest';
import { DeliveryError, type OutboundMessage, type Outbox } from '../../src/scheduler/outbox.js';
import { ENGINES } from '../store/engines.js';
import { onEngine, schedulerOn } from './harness.js';

describe.each(ENGINES)('recipients on $name', { timeout: 60_000 }, (engine) => {
  const setup = onEngine(engine);

  describe('one recipient’s failure is that recipient’s alone', () => {
    it('an owner the platform does not know loses their rung; the ladder and its channel carry on, and `reminders` says who failed and why', async () => {
      const s = await setup('2014-08-15T10:00:00Z', (m) => (m.target.ref === 'ghost' ? new DeliveryError(true, 'user_not_found: the person was not found') : undefined));
      await s.ask('assign icpd-final-work-plan @ghost');
      expect((await s.ask('remind #team before deadlines')).tone).toBe('info');
      await s.run('2014-12-02T10:00:00Z', 180);
      const at = (ref: string) => s.outbox.sent.filter((m) => m.target.ref === ref).map((m) => `${m.scheduledFor.slice(0, 10)} ${m.reply.items!.map((i) => i.id).join(', ')}`);
      // The ghost's rungs (30, 7 and 1 days before 30 September, then overdue) failed; the channel's own went out.
      expect(at('ghost')).toEqual([]);
      expect(at('team')).toEqual(['2014-12-01 unodc-global-trafficking-report']);
      const list = await s.ask('reminders #team');
      const fields = Object.fromEntries(list.items![0]!.fields.map((f) => [f.label, f.value]));
      expect(fields.Next).toMatch(/^\w{3} \d+ \w{3} 2014/); // still running, not "Failed"
      expect(fields['Not delivered to']).toBe('@ghost (user_not_found: the person was not found)');
      expect(fields.Failed).toBeUndefined();
    });

    it('when the subscription’s own channel is gone, the subscription is marked failed', async () => {
      const s = await setup('2014-08-15T10:00:00Z', (m) => (m.target.ref === 'gone' ? new DeliveryError(true, 'channel_not_found: the channel was not found') : undefined));
      await s.ask('remind #gone before deadlines');
      await s.run('2014-09-01T10:00:00Z', 60); // the work plan's 30-day rung, 31 August
      const list = await s.ask('reminders #gone');
      expect(list.items![0]!.fields.find((f) => f.label === 'Failed')?.value).toBe('channel_not_found: the channel was not found');
    });
  });

  describe('retries', () => {
    it('a delivery that keeps failing is tried exactly five times, then marked failed saying so', async () => {
      let sends = 0;
      const s = await setup('2014-03-02T10:00:00Z', () => {
        sends++;
        return new DeliveryError(false, 'Slack answered internal_error');
      });
      await s.ask('remind #a tomorrow at 9 about gfmd');
      await s.run('2014-03-04T12:00:00Z', 1); // long enough for every backoff (30 s · 2^n, at most an hour)
      expect(sends).toBe(5);
      const [row, ...none] = await s.deliveries();
      expect(none).toEqual([]);
      expect(row).toMatchObject({ status: 'failed', attempts: 5, detail: 'gave up after 5 attempts: Slack answered internal_error' });
    });
  });

  /**
   * A flooded channel's first post is held until #other's post has gone out (or 5 s, the most a
   * lane one after another would make it wait): side by side, #other goes first whatever each
   * engine's round trips cost; one after another, it would come after all twenty.
   */
  class PacedOutbox implements Outbox {
    readonly order: string[] = [];
    private otherSent!: () => void;
    private readonly other = new Promise<void>((r) => (this.otherSent = r));
    async send(m: OutboundMessage): Promise<void> {
      if (m.target.ref === 'flood' && !this.order.includes('flood')) await Promise.race([this.other, new Promise((r) => setTimeout(r, 5_000))]);
      this.order.push(m.target.ref);
      if (m.target.ref === 'other') this.otherSent();
    }
  }

  describe('channels are sent to side by side', () => {
    it('a flooded channel does not hold back another channel due at the same time', async () => {
      const s = await setup('2014-06-15T08:00:00Z');
      for (let i = 0; i < 20; i++) await s.ask(`remind #flood tomorrow at 9 about gfmd ${i}`, `u${i}`);
      await s.ask('remind #other tomorrow at 9 about gfmd', 'someone');
      s.clock.set('2014-06-16T09:01:00Z');
      const outbox = new PacedOutbox();
      const r = await schedulerOn(s, outbox).tick();
      expect(r.sent).toHaveLength(21);
      // #other was created last: one after another it would come after all twenty #flood posts.
      expect(outbox.order.indexOf('other')).toBeLessThan(2);
      expect(outbox.order.filter((c) => c === 'flood')).toHaveLength(20);
    });
  });
});
