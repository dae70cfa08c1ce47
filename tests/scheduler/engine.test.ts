import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/scheduler/outbox.js';
import { ENGINES } from '../store/engines.js';
import { onEngine } from './harness.js';

// The whole suite on each engine: the scheduler over SQLite and over PostgreSQL (tests/store/engines.ts).
describe.each(ENGINES)('the scheduler on $name', { timeout: 120_000 }, (engine) => {
  const setup = onEngine(engine);

  describe('scheduler over weeks of a simulated clock', () => {
    it('delivers every run once, on time, in the right zone', async () => {
      const s = await setup('2014-03-01T10:00:00Z'); // a Saturday
      for (const q of [
        'remind #a every monday at 9am about gfmd',
        'remind #b every weekday 8:30 Europe/Zurich about overdue',
        'remind me about knomad-recruitment-costs in 3 days',
        'remind #c every 2 weeks about agenda 7',
        'remind #d every month on the 1st about tracks',
        'digest #e every friday 16:00',
      ]) expect((await s.ask(q)).tone, q).toBe('info');
      await s.run('2014-04-02T00:00:00Z');

      expect(s.outbox.to('a')).toEqual(['2014-03-03T09:00:00.000Z', '2014-03-10T09:00:00.000Z', '2014-03-17T09:00:00.000Z', '2014-03-24T09:00:00.000Z', '2014-03-31T09:00:00.000Z']);
      const b = s.outbox.to('b');
      expect(b).toHaveLength(22); // weekdays from 3 to 31 March, and 1 April
      expect(b[0]).toBe('2014-03-03T07:30:00.000Z'); // 08:30 in Zurich (CET)
      expect(b.at(-1)).toBe('2014-04-01T06:30:00.000Z'); // 08:30 in Zurich (CEST, after 30 March)
      expect(s.outbox.to('tester')).toEqual(['2014-03-04T10:00:00.000Z']);
      expect(s.outbox.to('c')).toEqual(['2014-03-15T09:00:00.000Z', '2014-03-29T09:00:00.000Z']);
      expect(s.outbox.to('d')).toEqual(['2014-04-01T09:00:00.000Z']);
      expect(s.outbox.to('e')).toEqual(['2014-03-07T16:00:00.000Z', '2014-03-14T16:00:00.000Z', '2014-03-21T16:00:00.000Z', '2014-03-28T16:00:00.000Z']);
      // Exactly once, never late, each with its own key, sent at its time.
      const keys = s.outbox.sent.map((m) => m.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const m of s.outbox.sent) {
        expect(m.late).toBe(false);
        expect(m.at).toBe(m.scheduledFor);
      }
      // The content is worked out at delivery time.
      expect(s.outbox.sent.find((m) => m.target.ref === 'a')!.reply.title).toBe('Reminder: GFMD chairmanship 2014–2015 (Turkey): priorities');
      expect(s.outbox.sent.find((m) => m.target.ref === 'tester')!.reply.items![0]!.id).toBe('knomad-recruitment-costs');
      // Every scheduled message offers to snooze or stop it.
      expect(s.outbox.sent.find((m) => m.target.ref === 'a')!.reply.controls!.map((a) => a.command)).toEqual(['snooze 1 1d', 'snooze 1 1w', 'stop 1']);
    });

    it('ticking twice at the same instant delivers nothing the second time', async () => {
      const s = await setup('2014-03-02T10:00:00Z');
      await s.ask('remind #a every monday at 9am about gfmd');
      s.clock.set('2014-03-03T09:00:00Z');
      expect((await s.scheduler.tick()).sent).toHaveLength(1);
      expect(await s.scheduler.tick()).toEqual({ claimed: 0, sent: [], skipped: 0, failed: 0, retrying: 0 });
    });
  });

  describe('downtime', () => {
    it('a restart 1 hour late delivers the missed run once, marked late', async () => {
      const s = await setup('2014-03-02T10:00:00Z');
      await s.ask('remind #a every monday at 9am about gfmd');
      s.clock.set('2014-03-03T10:00:00Z'); // down from 08:59 to 10:00
      const r = await s.scheduler.tick();
      expect(r.sent).toEqual([{ key: expect.stringContaining(':2014-03-03T09:00:00.000Z:channel:a'), late: true, title: expect.stringMatching(/^Reminder:/) }]);
      expect(s.outbox.sent[0]!.reply.text).toMatch(/Sent late: it was due Mon 3 Mar 2014, 09:00/);
      await s.run('2014-03-10T09:30:00Z');
      expect(s.outbox.to('a')).toEqual(['2014-03-03T09:00:00.000Z', '2014-03-10T09:00:00.000Z']);
      expect(s.outbox.sent[1]!.late).toBe(false);
    });

    it('a restart 3 days late skips the old runs, records them, and replays nothing', async () => {
      const s = await setup('2014-03-02T10:00:00Z');
      await s.ask('remind #a every monday at 9am about gfmd');
      await s.ask('remind #h every 30 minutes about overdue');
      s.clock.set('2014-03-06T10:00:00Z');
      const r = await s.scheduler.tick();
      // The weekly run is 3 days old: skipped. The half-hourly one: its latest run (10:00) is on time.
      expect(s.outbox.to('a')).toEqual([]);
      expect(s.outbox.to('h')).toEqual(['2014-03-06T10:00:00.000Z']);
      expect(r.sent).toHaveLength(1);
      const list = await s.ask('reminders #a');
      expect(list.items![0]!.fields.find((f) => f.label === 'Last delivery')!.value).toMatch(/^skipped \(late\), Mon 3 Mar 2014, 09:00 \(UTC\) — missed by 3 days \(the bot was down longer than the 6 h grace period\)/);
      expect(list.items![0]!.fields.find((f) => f.label === 'Next')!.value).toBe('Mon 10 Mar 2014, 09:00 (UTC)');
      const half = await s.ask('reminders #h');
      expect(half.items![0]!.fields.find((f) => f.label === 'Next')!.value).toBe('Thu 6 Mar 2014, 10:30 (UTC)');
      // 3 days of half-hourly runs were recorded as one skipped row, not replayed one by one.
      const rows = (await s.deliveries()).filter((d) => d.recipient === 'channel:h');
      expect(rows.map((x) => x.status)).toEqual(['skipped', 'sent']);
      expect(rows[0]!.detail).toMatch(/^\d+ missed runs not replayed/);
    });
  });

  describe('failures', () => {
    it('a broken channel never blocks the others; permanent failures mark the subscription failed; transient ones retry', async () => {
      let flaky = 1;
      const s = await setup('2014-03-02T10:00:00Z', (m) => {
        if (m.target.ref === 'gone') return new DeliveryError(true, 'channel_not_found: the channel was deleted or the bot removed');
        if (m.target.ref === 'flaky' && flaky-- > 0) return new DeliveryError(false, 'ratelimited', 60_000);
        return undefined;
      });
      for (const ch of ['gone', 'flaky', 'ok']) await s.ask(`remind #${ch} every monday at 9am about gfmd`);
      s.clock.set('2014-03-03T09:00:00Z');
      const r = await s.scheduler.tick();
      expect(r).toMatchObject({ claimed: 3, failed: 1, retrying: 1 });
      expect(s.outbox.to('ok')).toEqual(['2014-03-03T09:00:00.000Z']);
      const gone = await s.ask('reminders #gone');
      expect(gone.items![0]!.fields.find((f) => f.label === 'Failed')!.value).toBe('channel_not_found: the channel was deleted or the bot removed');
      expect(gone.items![0]!.fields.find((f) => f.label === 'Next')!.value).toBe('Failed');
      s.clock.set('2014-03-03T09:01:00Z');
      await s.scheduler.tick();
      expect(s.outbox.to('flaky')).toEqual(['2014-03-03T09:00:00.000Z']);
      await s.run('2014-03-10T09:00:00Z', 30);
      expect(s.outbox.to('gone')).toEqual([]); // failed subscriptions stay quiet until resumed
      expect(s.outbox.to('ok')).toHaveLength(2);
    });

    it('re-reads the subscription before sending: paused or stopped after the claim means nothing is sent', async () => {
      const s = await setup('2014-03-02T10:00:00Z');
      await s.ask('remind #a every monday at 9am about gfmd');
      await s.ask('remind #b every monday at 9am about gfmd');
      s.clock.set('2014-03-03T09:00:00Z');
      expect(await s.scheduler.claim()).toBe(2);
      await s.ask('pause 1');
      await s.ask('stop 2');
      const r = await s.scheduler.deliver();
      expect(r).toMatchObject({ sent: [], skipped: 2 });
      await s.ask('resume 1');
      await s.run('2014-03-10T09:00:00Z', 30);
      expect(s.outbox.to('a')).toEqual(['2014-03-10T09:00:00.000Z']);
      expect(s.outbox.to('b')).toEqual([]);
    });
  });

  describe('snooze, ladders, digests', () => {
    it('snooze moves the next run; the schedule then carries on', async () => {
      const s = await setup('2014-03-02T10:00:00Z');
      await s.ask('remind #a every monday at 9am about gfmd');
      expect((await s.ask('snooze 1 2h')).title).toMatch(/^Snoozed reminder #1 until Sun 2 Mar 2014, 12:00/);
      await s.run('2014-03-10T10:00:00Z', 30);
      expect(s.outbox.to('a')).toEqual(['2014-03-02T12:00:00.000Z', '2014-03-03T09:00:00.000Z', '2014-03-10T09:00:00.000Z']);
    });

    it('deadline ladders: 30, 7, 1 days before and once overdue; owners get their own; done items stop', async () => {
      const s = await setup('2014-08-15T10:00:00Z');
      await s.ask('assign icpd-final-work-plan @sam');
      expect((await s.ask('remind #team before deadlines')).tone).toBe('info');
      await s.run('2015-01-05T10:00:00Z', 180);
      const at = (ref: string) => s.outbox.sent.filter((m) => m.target.ref === ref).map((m) => `${m.scheduledFor.slice(0, 10)} ${m.reply.items!.map((i) => i.title.split(':')[0]).join(', ')}`);
      expect(at('sam')).toEqual(['2014-08-31 30 days to the deadline', '2014-09-23 7 days to the deadline', '2014-09-29 1 day to the deadline', '2014-10-01 Overdue']);
      expect(at('team')).toEqual(['2014-12-01 30 days to the deadline', '2014-12-24 7 days to the deadline', '2014-12-30 1 day to the deadline', '2015-01-01 Overdue']);
      // Only deadlines have rungs: the special session (an event, September 2014) has none.
      expect(s.outbox.sent.flatMap((m) => m.reply.items!.map((i) => i.id))).not.toContain('icpd-special-session-sept-2014');
      // Marking an item done stops its rungs.
      const t = await setup('2014-08-15T10:00:00Z');
      await t.ask('done icpd-final-work-plan');
      await t.ask('remind #team before deadlines');
      await t.run('2014-10-05T10:00:00Z', 180);
      expect(t.outbox.sent.flatMap((m) => m.reply.items!.map((i) => i.id))).not.toContain('icpd-final-work-plan');
    });

    it('a scheduled digest says what changed since the previous one', async () => {
      const s = await setup('2014-03-02T10:00:00Z');
      await s.ask('digest #e every monday 9:00');
      await s.run('2014-03-03T09:00:00Z', 60);
      s.clock.set('2014-03-05T12:00:00Z');
      await s.ask('progress knomad-recruitment-costs survey sent to 12 corridors', 'ana');
      await s.run('2014-03-17T09:00:00Z', 60);
      const digests = s.outbox.sent.filter((m) => m.target.ref === 'e');
      expect(digests).toHaveLength(3);
      const changed = (i: number) => digests[i]!.reply.items!.filter((x) => x.title.startsWith('Changed')).map((x) => x.id);
      expect(changed(0)).toEqual([]);
      expect(changed(1)).toEqual(['knomad-recruitment-costs']);
      expect(digests[1]!.reply.items!.find((x) => x.id === 'knomad-recruitment-costs')!.fields.find((f) => f.label === 'Changes')!.value).toBe('note “survey sent to 12 corridors” by ana');
      expect(changed(2)).toEqual([]);
      expect(digests[1]!.reply.text).toMatch(/1 changed since the previous digest/);
    });
  });

  describe('time zones of people', () => {
    it('a reminder for me follows my zone', async () => {
      const s = await setup('2014-03-02T10:00:00Z');
      await s.ask('tz America/New_York');
      await s.ask('remind me every monday at 9am about gfmd');
      await s.run('2014-03-03T15:00:00Z', 30);
      expect(s.outbox.to('tester')).toEqual([DateTime.fromISO('2014-03-03T09:00', { zone: 'America/New_York' }).toUTC().toISO()]);
    });
  });
});
