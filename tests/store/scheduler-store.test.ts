import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimPlan, SchedulerStore } from '../../src/store/contract.js';
import type { NewSubscription, Subscription } from '../../src/store/subscriptions-repo.js';
import { ENGINES } from './engines.js';

const T0 = new Date('2014-09-01T09:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

function reminder(n: number, o: Partial<NewSubscription> = {}): NewSubscription {
  return {
    kind: 'reminder',
    platform: 'slack',
    team: 'T1',
    targetKind: 'channel',
    targetRef: `C${n}`,
    createdBy: 'U1',
    topic: { kind: 'lookup', text: `KNOMAD ${n}`, query: `KNOMAD ${n}`, lookup: 'actor' },
    schedule: 'every day at 09:00',
    zone: 'Europe/Zurich',
    nextRunAt: T0.toISOString(),
    ...o,
  };
}

/** One pending delivery at the claimed run for the subscription's own target; the next run a day later. */
const daily = (sub: Subscription): ClaimPlan => ({
  deliveries: [{ scheduledFor: sub.nextRunAt!, recipient: `${sub.targetKind}:${sub.targetRef}`, status: 'pending', late: false }],
  next: new Date(Date.parse(sub.nextRunAt!) + 86_400_000).toISOString(),
});

describe.each(ENGINES)('the scheduler store on $name', (engine) => {
  const open: SchedulerStore[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  async function instances(n: number): Promise<SchedulerStore[]> {
    const db = await engine.database();
    const stores: SchedulerStore[] = [];
    for (let i = 0; i < n; i++) stores.push(await db.instance());
    open.push(...stores);
    return stores;
  }
  async function pendingOf(store: SchedulerStore, subs: Subscription[]): Promise<number[]> {
    const all = await Promise.all(subs.map((s) => store.deliveriesOf(s.id)));
    return all.flat().filter((d) => d.status === 'pending').map((d) => d.id);
  }

  it('keeps a subscription as it was given (typed topic, instants as ISO strings) and bumps its version on a change', async () => {
    const [store] = await instances(1);
    const sub = await store!.createSubscription(reminder(1, { topic: { kind: 'deadlines', text: 'gfmd-1, gfmd-2', query: '', ids: ['gfmd-1', 'gfmd-2'] } }), T0);
    expect(sub).toMatchObject({ kind: 'reminder', platform: 'slack', team: 'T1', targetKind: 'channel', targetRef: 'C1', state: 'active', nextRunAt: T0.toISOString(), version: 1, createdAt: T0.toISOString() });
    expect(sub.topic).toEqual({ kind: 'deadlines', text: 'gfmd-1, gfmd-2', query: '', ids: ['gfmd-1', 'gfmd-2'] });
    expect(await store!.subscription(sub.id)).toEqual(sub);
    await store!.setSubscriptionState(sub.id, 'paused', at(1), { snoozedFrom: T0.toISOString() });
    expect(await store!.subscription(sub.id)).toMatchObject({ state: 'paused', version: 2, snoozedFrom: T0.toISOString(), nextRunAt: T0.toISOString() });
    expect(await store!.subscription(sub.id + 1000)).toBeUndefined();
  });

  it('finds the subscriptions about one item: reminders about it and ladders that include it, not stopped ones nor word lookups', async () => {
    const [store] = await instances(1);
    const about = await store!.createSubscription(reminder(1, { topic: { kind: 'item', text: 'knomad-recruitment-costs', query: 'knomad-recruitment-costs' } }), T0);
    const ladder = await store!.createSubscription(reminder(2, { kind: 'ladder', topic: { kind: 'deadlines', text: 'deadlines', query: '', ids: ['owg-focus-areas', 'knomad-recruitment-costs'] } }), T0);
    await store!.createSubscription(reminder(3), T0); // a lookup about the words "KNOMAD 3"
    await store!.createSubscription(reminder(4, { topic: { kind: 'item', text: 'knomad-recruitment', query: 'knomad-recruitment' } }), T0); // another id, a prefix of it
    const stopped = await store!.createSubscription(reminder(5, { topic: { kind: 'item', text: 'knomad-recruitment-costs', query: 'knomad-recruitment-costs' } }), T0);
    await store!.setSubscriptionState(stopped.id, 'stopped', T0);
    expect((await store!.subscriptionsAbout('knomad-recruitment-costs')).map((s) => s.id).sort()).toEqual([about.id, ladder.id].sort());
    expect((await store!.subscriptionsAbout('owg-focus-areas')).map((s) => s.id)).toEqual([ladder.id]);
    expect(await store!.subscriptionsAbout('nothing-here')).toEqual([]);
  });

  it('claims what is due, records its deliveries and moves each on; nothing else', async () => {
    const [store] = await instances(1);
    const due = await store!.createSubscription(reminder(1), T0);
    const later = await store!.createSubscription(reminder(2, { nextRunAt: at(10).toISOString() }), T0);
    const teams = await store!.createSubscription(reminder(3, { platform: 'teams' }), T0);
    const once = await store!.createSubscription(reminder(4), T0);
    const plans = (sub: Subscription): ClaimPlan =>
      sub.id === once.id ? { deliveries: [{ scheduledFor: sub.nextRunAt!, recipient: 'user:U9', status: 'skipped', late: true, detail: 'missed' }], next: null } : daily(sub);
    expect(await store!.claimDue(at(1), 100, plans, ['slack'])).toEqual({ claimed: 2, recorded: 2 });
    expect(await store!.subscription(due.id)).toMatchObject({ state: 'active', nextRunAt: '2014-09-02T09:00:00.000Z', lastRunAt: at(1).toISOString(), version: 1 });
    expect(await store!.subscription(once.id)).toMatchObject({ state: 'finished', nextRunAt: null });
    expect(await store!.subscription(later.id)).toMatchObject({ nextRunAt: at(10).toISOString(), lastRunAt: null });
    expect(await store!.subscription(teams.id)).toMatchObject({ nextRunAt: T0.toISOString() });
    const [d] = await store!.deliveriesOf(due.id);
    expect(d).toMatchObject({ subscriptionId: due.id, scheduledFor: T0.toISOString(), recipient: 'channel:C1', idempotencyKey: `${due.id}:${T0.toISOString()}:channel:C1`, version: 1, status: 'pending', late: 0, attempts: 0, retryAt: at(1).toISOString(), finishedAt: null, leaseOwner: null });
    expect(await store!.deliveriesOf(once.id)).toEqual([expect.objectContaining({ status: 'skipped', late: 1, detail: 'missed', retryAt: null, finishedAt: at(1).toISOString() })]);
    expect(await store!.delivery(d!.id)).toEqual(d);
    expect(await store!.claimDue(at(2), 100, plans, ['slack'])).toEqual({ claimed: 0, recorded: 0 });
  });

  it('never records a delivery twice: the idempotency key is unique in the database', async () => {
    const [store] = await instances(1);
    const sub = await store!.createSubscription(reminder(1), T0);
    await store!.claimDue(at(1), 10, daily);
    // A user moves the run back to the instant already claimed: the same key comes up again.
    await store!.setSubscriptionState(sub.id, 'active', at(2), { nextRunAt: T0.toISOString() });
    expect(await store!.claimDue(at(3), 10, daily)).toEqual({ claimed: 1, recorded: 0 });
    expect(await store!.deliveriesOf(sub.id)).toHaveLength(1);
  });

  it('two instances claiming at once claim each due subscription exactly once', async () => {
    const [a, b] = await instances(2);
    const subs: Subscription[] = [];
    for (let i = 0; i < 120; i++) subs.push(await a!.createSubscription(reminder(i), T0));
    const drain = async (s: SchedulerStore): Promise<number> => {
      let total = 0;
      for (;;) {
        const { claimed } = await s.claimDue(at(1), 7, daily);
        if (claimed === 0) return total;
        total += claimed;
      }
    };
    const [na, nb] = await Promise.all([drain(a!), drain(b!)]);
    expect(na + nb).toBe(120);
    const counts = await Promise.all(subs.map(async (s) => (await a!.deliveriesOf(s.id)).length));
    expect(counts.every((n) => n === 1)).toBe(true);
  });

  it('leases each ready delivery to one instance at a time; two instances leasing at once share them out', async () => {
    const [a, b] = await instances(2);
    const subs: Subscription[] = [];
    for (let i = 0; i < 60; i++) subs.push(await a!.createSubscription(reminder(i), T0));
    await a!.claimDue(at(1), 100, daily);
    const drain = async (s: SchedulerStore, owner: string): Promise<number[]> => {
      const got: number[] = [];
      for (;;) {
        const { deliveries } = await s.lease(owner, at(1), at(6), 5);
        if (deliveries.length === 0) return got;
        got.push(...deliveries.map((d) => d.id));
      }
    };
    const [la, lb] = await Promise.all([drain(a!, 'host/1/a'), drain(b!, 'host/2/b')]);
    expect([...la, ...lb].sort((x, y) => x - y)).toEqual((await pendingOf(a!, subs)).sort((x, y) => x - y));
    expect(new Set([...la, ...lb]).size).toBe(la.length + lb.length);
    const d = await a!.delivery(la[0] ?? lb[0]!);
    expect(d).toMatchObject({ leaseOwner: la.length ? 'host/1/a' : 'host/2/b', leaseUntil: at(6).toISOString() });
  });

  it("takes over a crashed instance's deliveries once its lease has expired; the crashed one may no longer send them", async () => {
    const [a, b] = await instances(2);
    const sub = await a!.createSubscription(reminder(1), T0);
    await a!.claimDue(at(1), 10, daily);
    const [d] = (await a!.lease('host/1/a', at(1), at(6), 10)).deliveries;
    expect(d).toBeDefined();
    expect((await b!.lease('host/2/b', at(5), at(10), 10)).deliveries).toEqual([]);
    const taken = await b!.lease('host/2/b', at(6), at(11), 10);
    expect(taken.deliveries.map((x) => x.id)).toEqual([d!.id]);
    expect(await a!.startAttempt(d!.id, 'host/1/a', at(12))).toBe(false);
    expect(await b!.startAttempt(d!.id, 'host/2/b', at(12))).toBe(true);
    expect(await b!.delivery(d!.id)).toMatchObject({ attempts: 1, leaseOwner: 'host/2/b', leaseUntil: at(12).toISOString() });
    expect((await b!.deliveriesOf(sub.id)).length).toBe(1);
  });

  it('takes over at once the leases of an owner known to be gone, and says whose', async () => {
    const [a, b] = await instances(2);
    await a!.createSubscription(reminder(1), T0);
    await a!.createSubscription(reminder(2), T0);
    await a!.claimDue(at(1), 10, daily);
    expect((await a!.lease('host/1/a', at(1), at(6), 10)).deliveries).toHaveLength(2);
    const taken = await b!.lease('host/2/b', at(2), at(7), 10, { isGone: (o) => o === 'host/1/a' });
    expect(taken.tookOver).toEqual([{ owner: 'host/1/a', deliveries: 2 }]);
    expect(taken.deliveries).toHaveLength(2);
    expect(taken.deliveries.every((d) => d.leaseOwner === 'host/2/b')).toBe(true);
  });

  it('counts attempts, puts a failed send back until its retry time, and ends deliveries (marking earlier sends on the way)', async () => {
    const [store] = await instances(1);
    const subs = [await store!.createSubscription(reminder(1), T0), await store!.createSubscription(reminder(2), T0), await store!.createSubscription(reminder(3), T0)];
    await store!.claimDue(at(1), 10, daily);
    const [d1, d2, d3] = (await store!.lease('o', at(1), at(6), 10)).deliveries;
    expect(await store!.startAttempt(d1!.id, 'o', at(7))).toBe(true);
    // d1 went out; its mark rides with the next unit of work.
    expect(await store!.startAttempt(d2!.id, 'o', at(7), [{ id: d1!.id, at: at(2) }])).toBe(true);
    expect(await store!.delivery(d1!.id)).toMatchObject({ status: 'sent', finishedAt: at(2).toISOString(), leaseOwner: null });
    await store!.retryLater(d2!.id, at(30), 'timeout');
    expect(await store!.delivery(d2!.id)).toMatchObject({ status: 'pending', attempts: 1, retryAt: at(30).toISOString(), detail: 'timeout', leaseOwner: null });
    expect(await store!.startAttempt(d3!.id, 'o', at(7))).toBe(true);
    await store!.finish(d3!.id, 'failed', at(3), { detail: 'channel_not_found', failSubscription: { id: subs[2]!.id, reason: 'channel_not_found' } });
    expect(await store!.subscription(subs[2]!.id)).toMatchObject({ state: 'failed', failureReason: 'channel_not_found', version: 2 });
    expect(await store!.failedRecipients(subs[2]!.id)).toEqual([{ recipient: 'channel:C3', detail: 'channel_not_found', at: at(3).toISOString() }]);
    expect((await store!.lease('o', at(29), at(34), 10)).deliveries).toEqual([]);
    expect((await store!.lease('o', at(30), at(35), 10)).deliveries.map((d) => d.id)).toEqual([d2!.id]);
    expect(await store!.release('o')).toBe(1);
    expect(await store!.delivery(d2!.id)).toMatchObject({ leaseOwner: null, leaseUntil: null, attempts: 1 });
  });

  it('leases only the platforms asked for, oldest retry first', async () => {
    const [store] = await instances(1);
    const slack = await store!.createSubscription(reminder(1, { nextRunAt: at(-5).toISOString() }), T0);
    const slack2 = await store!.createSubscription(reminder(2), T0);
    await store!.createSubscription(reminder(3, { platform: 'teams' }), T0);
    await store!.claimDue(at(1), 10, daily);
    const [early] = await store!.deliveriesOf(slack.id);
    await store!.retryLater(early!.id, at(0), 'later');
    const leased = (await store!.lease('o', at(2), at(7), 10, { platforms: ['slack'] })).deliveries;
    expect(leased.map((d) => d.subscriptionId)).toEqual([slack.id, slack2.id]);
  });

  it("lists a target's and a creator's subscriptions (not the stopped ones) and counts the live ones for the quotas", async () => {
    const [store] = await instances(1);
    const mine = await store!.createSubscription(reminder(1, { targetRef: 'C1', createdBy: 'U1' }), T0);
    const paused = await store!.createSubscription(reminder(2, { targetRef: 'C1', createdBy: 'U1' }), T0);
    const stopped = await store!.createSubscription(reminder(3, { targetRef: 'C1', createdBy: 'U1' }), T0);
    const finished = await store!.createSubscription(reminder(4, { targetRef: 'C1', createdBy: 'U1', nextRunAt: null }), T0);
    const other = await store!.createSubscription(reminder(5, { targetRef: 'C2', createdBy: 'U2' }), T0);
    await store!.createSubscription(reminder(6, { targetRef: 'C1', createdBy: 'U1', team: 'T2' }), T0);
    await store!.setSubscriptionState(paused.id, 'paused', at(1));
    await store!.setSubscriptionState(stopped.id, 'stopped', at(1));
    expect((await store!.subscriptionsForTarget('slack', 'T1', 'channel', 'C1')).map((s) => s.id)).toEqual([mine.id, paused.id, finished.id]);
    expect((await store!.subscriptionsCreatedBy('slack', 'T1', 'U2')).map((s) => s.id)).toEqual([other.id]);
    expect(await store!.liveCreatedBy('slack', 'T1', 'U1')).toBe(2);
    expect(await store!.liveForTarget('slack', 'T1', 'channel', 'C1')).toBe(2);
    expect(await store!.liveForTarget('teams', 'T1', 'channel', 'C1')).toBe(0);
    expect(await store!.lastDelivery(mine.id)).toBeUndefined();
    await store!.claimDue(at(1), 10, daily);
    expect(await store!.lastDelivery(mine.id)).toMatchObject({ subscriptionId: mine.id, status: 'pending' });
  });
});
