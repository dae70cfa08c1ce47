import { describe, expect, it } from 'vitest';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { migrate, openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { SubscriptionRepository } from '../../src/store/subscriptions-repo.js';
import { REMINDER_LIMITS } from '../../src/commands/reminder-rules.js';
import type { SchedulerStore } from '../../src/store/contract.js';
import { catalog, testBot } from '../helpers.js';
import { setup } from '../scheduler/harness.js';

/** How many subscriptions are active, read through the scheduler's store (either engine). */
async function live(s: { schedules: SchedulerStore }): Promise<number> {
  let n = 0;
  for (let id = 1, sub; (sub = await s.schedules.subscription(id)); id++) if (sub.state === 'active') n++;
  return n;
}
const statusOf = (s: { db: ReturnType<typeof openDatabase> }, id: string): string => s.db.prepare('SELECT status FROM commitments WHERE id = ?').pluck().get(id) as string;

describe('a reminder shows its topic; it never runs it', () => {
  it('“about done <id>” is shown when it fires, and the item is not touched', async () => {
    const s = setup('2014-06-15T09:00:00Z');
    const before = statusOf(s, 'knomad-recruitment-costs');
    const set = await s.ask('remind #migration in 1 hour about done knomad-recruitment-costs', 'ana');
    expect(set.tone).toBe('info');
    expect(set.text).toMatch(/^About: done knomad-recruitment-costs \(as you wrote it\)\./);
    await s.run('2014-06-15T10:05:00Z', 5);
    expect(s.outbox.sent).toHaveLength(1);
    expect(s.outbox.sent[0]!.reply.title).toBe('Reminder: done knomad-recruitment-costs');
    expect(statusOf(s, 'knomad-recruitment-costs')).toBe(before);
    expect(s.db.prepare("SELECT count(*) FROM audit WHERE commitment_id = 'knomad-recruitment-costs'").pluck().get()).toBe(0);
  });

  it('a reminder about “remind …” never makes more reminders, however often it fires', async () => {
    const s = setup('2014-06-15T09:00:00Z');
    await s.ask('remind #m every 15 minutes about remind #m every 15 minutes about remind #m every 15 minutes about gfmd', 'ana');
    expect(await live(s)).toBe(1);
    await s.run('2014-06-15T11:05:00Z', 15); // 8 firings
    expect(s.outbox.sent.length).toBeGreaterThanOrEqual(8);
    expect(await live(s)).toBe(1);
    expect(s.outbox.sent[0]!.reply.title).toMatch(/^Reminder: remind #m every 15 minutes about/);
  });

  it('other commands that write (status, assign, accept all, focal, tz) are notes too', async () => {
    const s = setup('2014-06-15T09:00:00Z');
    for (const topic of ['status knomad-recruitment-costs dropped', 'assign knomad-recruitment-costs @mallory', 'focal KNOMAD @mallory', 'tz Asia/Tokyo', 'accept all']) {
      expect((await s.ask(`remind me in 1 hour about ${topic}`, 'ana')).text, topic).toMatch(/\(as you wrote it\)/);
    }
    await s.run('2014-06-15T10:05:00Z', 5);
    expect(s.outbox.sent).toHaveLength(5);
    expect(statusOf(s, 'knomad-recruitment-costs')).not.toBe('dropped');
    expect(s.db.prepare('SELECT owner FROM commitments WHERE id = ?').pluck().get('knomad-recruitment-costs')).toBeNull();
    expect(s.db.prepare('SELECT count(*) FROM focal_points').pluck().get()).toBe(0);
    expect(s.db.prepare('SELECT count(*) FROM zones').pluck().get()).toBe(0);
  });

  it('lookups are stored as what they are and answered fresh when they fire', async () => {
    const s = setup('2014-06-15T09:00:00Z');
    await s.ask('remind #a in 1 hour about knomad-recruitment-costs');
    await s.ask('remind #b in 1 hour about gfmd');
    await s.ask('remind #c in 1 hour about what did KNOMAD commit to?');
    await s.ask('remind #d in 1 hour about overdue');
    await s.ask('remind #e in 1 hour about recruitment costs');
    await s.ask('remind #f in 1 hour to call Zoltan');
    await s.ask('remind #g in 1 hour about OWG dates');
    await s.ask('remind #h in 1 hour about who presented the ICPD indicators');
    const topics: unknown[] = [];
    for (const c of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) topics.push(...(await s.schedules.subscriptionsForTarget('console', '', 'channel', c)).map((x) => [x.topic.kind, x.topic.lookup ?? null, x.topic.query]));
    expect(topics).toEqual([
      ['item', null, 'knomad-recruitment-costs'],
      ['lookup', 'gfmd', 'gfmd'],
      ['lookup', 'actor', 'what did KNOMAD commit to'],
      ['lookup', 'overdue', 'overdue'],
      ['lookup', 'find', 'recruitment costs'],
      ['note', null, 'call Zoltan'],
      ['lookup', 'when', 'OWG dates'],
      ['lookup', 'who', 'who presented the ICPD indicators'],
    ]);
    await s.run('2014-06-15T10:05:00Z', 5);
    const title = (ref: string) => s.outbox.sent.find((m) => m.target.ref === ref)!.reply;
    expect(title('a').items![0]!.id).toBe('knomad-recruitment-costs');
    expect(title('b').title).toMatch(/^Reminder: GFMD/);
    expect(title('c').items!.map((i) => i.id)).toContain('knomad-recruitment-costs');
    expect(title('f').title).toBe('Reminder: call Zoltan');
  });

  it('rows stored by version 5 as command strings become typed topics, and none of them runs', async () => {
    // (The catalog is loaded after migrating, by setup() below: no migration up to 6 reads it.)
    const db = openDatabase(':memory:', MIGRATIONS.slice(0, 5));
    const insert = db.prepare(
      `INSERT INTO subscriptions (kind, platform, team, target_kind, target_ref, created_by, topic, schedule, zone, state, next_run_at, created_at, updated_at)
       VALUES (?, 'console', '', 'channel', 'm', 'ana', ?, ?, 'UTC', 'active', '2014-06-15T10:00:00.000Z', '2014-06-15', '2014-06-15')`,
    );
    insert.run('reminder', 'show knomad-recruitment-costs', 'ONCE=2014-06-15T10:00:00.000Z');
    insert.run('reminder', 'done knomad-recruitment-costs', 'ONCE=2014-06-15T10:00:00.000Z');
    insert.run('digest', 'summary gfmd', 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0');
    insert.run('ladder', 'deadlines knomad-recruitment-costs,owg-focus-areas', 'LADDER=30,7,1;OVERDUE=1;BYHOUR=9;BYMINUTE=0');
    insert.run('ladder', 'deadlines', 'LADDER=30,7,1;OVERDUE=1;BYHOUR=9;BYMINUTE=0');
    migrate(db, MIGRATIONS);
    syncCatalog(db, catalog(), new Date('2014-06-15T00:00:00Z')); // this version's catalog load runs on this version's schema
    const subs = new SubscriptionRepository(db);
    expect([1, 2, 3, 4, 5].map((id) => subs.get(id)!.topic)).toEqual([
      { kind: 'item', text: 'knomad-recruitment-costs', query: 'knomad-recruitment-costs' },
      { kind: 'lookup', text: 'done knomad-recruitment-costs', query: 'done knomad-recruitment-costs' },
      { kind: 'summary', text: 'gfmd', query: 'gfmd' },
      { kind: 'deadlines', text: 'knomad-recruitment-costs,owg-focus-areas', query: '', ids: ['knomad-recruitment-costs', 'owg-focus-areas'] },
      { kind: 'deadlines', text: '', query: '' },
    ]);
    // The old "done …" reminder fires as a lookup (a search), never as the command.
    const s = setup('2014-06-15T09:59:00Z', undefined, 6, db);
    const before = statusOf(s, 'knomad-recruitment-costs');
    s.clock.set('2014-06-15T10:00:30Z');
    await s.scheduler.tick();
    expect(s.outbox.to('m').length).toBeGreaterThanOrEqual(2);
    expect(statusOf(s, 'knomad-recruitment-costs')).toBe(before);
  });
});

describe('limits on how many reminders one person or one channel may have', () => {
  it('refuses the one past the limit with a clear message, and counts only those that may still send', async () => {
    const s = setup('2014-06-15T09:00:00Z');
    for (let i = 0; i < REMINDER_LIMITS.perTarget; i++) expect((await s.ask(`remind #flood every 15 minutes about gfmd ${i}`, 'ana')).tone).toBe('info');
    const over = await s.ask('remind #flood every 15 minutes about gfmd', 'ana');
    expect(over.tone).toBe('error');
    expect(over.title).toBe(`#flood already has ${REMINDER_LIMITS.perTarget} reminders and digests, the most one channel can have.`);
    expect(over.text).toMatch(/`reminders #flood`/);
    // Someone else cannot add one there either; stopping one makes room.
    expect((await s.ask('digest #flood every friday 16:00', 'bob')).tone).toBe('error');
    expect((await s.ask('remind #flood before deadlines', 'bob')).tone).toBe('error');
    expect((await s.ask('stop 1', 'ana')).tone).toBe('info');
    expect((await s.ask('remind #flood every 15 minutes about gfmd', 'ana')).tone).toBe('info');
  });

  it('one person has at most so many across channels', async () => {
    const s = setup('2014-06-15T09:00:00Z');
    for (let i = 0; i < REMINDER_LIMITS.perPerson; i++) expect((await s.ask(`remind #c${i} tomorrow at 9 about gfmd`, 'ana')).tone).toBe('info');
    const over = await s.ask('remind #elsewhere tomorrow at 9 about gfmd', 'ana');
    expect(over.title).toBe(`You already have ${REMINDER_LIMITS.perPerson} reminders and digests, the most one person can have.`);
    expect((await s.ask('remind #elsewhere tomorrow at 9 about gfmd', 'bob')).tone).toBe('info');
    const me = await s.ask('remind me tomorrow at 9 about gfmd', 'ana');
    expect(me.tone).toBe('error');
  });
});

describe('only the people a reminder concerns may change it', () => {
  it('another person cannot stop, pause, snooze or resume a personal reminder; its owner and an admin can', async () => {
    const { bot } = testBot('2014-06-15T09:00:00Z', { admins: ['console:root'] });
    const as = (user: string, text: string, channel = 'console') => bot.handle({ text, platform: 'console', user: { id: user }, channel: { id: channel } });
    expect((await as('ana', 'remind me tomorrow at 9 about gfmd')).tone).toBe('info');
    for (const cmd of ['stop 1', 'pause 1', 'snooze 1 1w', 'resume 1']) {
      const r = await as('bob', cmd);
      expect(r.tone, cmd).toBe('error');
      expect(r.title, cmd).toBe('Reminder #1 is not yours to change: it was set by @ana for @ana.');
    }
    expect((await as('ana', 'reminders')).items).toHaveLength(1);
    // bob sees none of ana's own reminders when he asks for hers
    expect((await as('bob', 'reminders @ana')).tone).toBe('empty');
    expect((await as('root', 'reminders @ana')).items).toHaveLength(1);
    expect((await as('ana', 'snooze 1 1d')).tone).toBe('info');
    expect((await as('root', 'pause 1')).title).toBe('Paused reminder #1');
    expect((await as('ana', 'resume 1')).title).toBe('Resumed reminder #1');
    // A reminder bob set for ana: ana (it is for her) and bob (he set it) may both stop it.
    await as('bob', 'remind @ana tomorrow at 9 about gfmd');
    expect((await as('ana', 'stop 2')).title).toBe('Stopped reminder #2');
  });

  it('a channel reminder can be changed from its channel, not from another one', async () => {
    const s = setup('2014-06-15T09:00:00Z');
    const bot = s.bot;
    const as = (user: string, text: string, channel: string) => bot.handle({ text, platform: 'console', user: { id: user }, channel: { id: channel } });
    expect((await as('ana', 'remind #migration every monday at 9am about gfmd', 'migration')).tone).toBe('info');
    expect((await as('bob', 'pause 1', 'random')).tone).toBe('error');
    expect((await as('bob', 'pause 1', 'migration')).title).toBe('Paused reminder #1');
  });
});

describe('snooze limits', () => {
  it('an absurd snooze is a clear mistake, not an internal error', async () => {
    const s = setup('2014-06-15T09:00:00Z');
    await s.ask('remind me tomorrow at 9 about gfmd');
    for (const text of ['snooze 1 99999999d', 'snooze 1 999999999999w', 'snooze 1 400d', 'snooze 1 until 2099-01-01']) {
      const r = await s.ask(text);
      expect(r.tone, text).toBe('error');
      expect(r.title, text).toMatch(/is too far off: a snooze lasts at most a year\.$/);
    }
    expect((await s.ask('snooze 1 300d')).tone).toBe('info');
  });
});
