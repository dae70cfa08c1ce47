import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEASE_MS } from '../../src/scheduler/lease.js';
import type { OutboundMessage, Outbox } from '../../src/scheduler/outbox.js';
import { openDatabase } from '../../src/store/db.js';
import { tempDir } from '../helpers.js';
import { ENGINES } from '../store/engines.js';
import { onEngine, schedulerOn, type Harness } from './harness.js';

/** An outbox whose sends take a few turns of the event loop, so that passes really interleave. */
class SlowOutbox implements Outbox {
  readonly keys: string[] = [];
  readonly resends: string[] = [];
  async send(m: OutboundMessage): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    this.keys.push(m.key);
    if (m.resend) this.resends.push(m.key);
  }
}

/** An outbox that holds its first send until released. */
class GatedOutbox implements Outbox {
  readonly keys: string[] = [];
  private release!: () => void;
  private readonly gate = new Promise<void>((r) => (this.release = r));
  /** Resolves once the first send is waiting at the gate. */
  readonly waiting: Promise<void>;
  private arrived!: () => void;
  constructor() {
    this.waiting = new Promise((r) => (this.arrived = r));
  }
  async send(m: OutboundMessage): Promise<void> {
    if (this.keys.length === 0) {
      this.arrived();
      await this.gate;
    }
    this.keys.push(m.key);
  }
  open(): void {
    this.release();
  }
}

const counts = (keys: string[]): Map<string, number> => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());

describe.each(ENGINES)('deliveries are leased before they are sent, on $name', (engine) => {
  const setup = onEngine(engine);
  async function withDue(n: number, channels: (i: number) => string): Promise<Harness> {
    const s = await setup('2014-06-15T08:00:00Z', undefined, 6, openDatabase(path.join(tempDir(), 'f.db')));
    for (let i = 0; i < n; i++) expect((await s.ask(`remind #${channels(i)} tomorrow at 9 about gfmd`, `u${i}`)).tone).toBe('info');
    s.clock.set('2014-06-16T09:01:00Z');
    return s;
  }
  /** Another pass (elsewhere, or a process that died) leases every ready delivery, as if it had started sending them. */
  async function leaseAs(s: Harness, owner: string, started: boolean): Promise<number> {
    const until = new Date(s.clock.now().getTime() + LEASE_MS);
    const { deliveries } = await s.schedules.lease(owner, s.clock.now(), until, 100);
    if (started) for (const d of deliveries) expect(await s.schedules.startAttempt(d.id, owner, until)).toBe(true);
    return deliveries.length;
  }


  it('two passes of one scheduler at once (a start-up pass and the cron pass) send each delivery once', async () => {
    const s = await withDue(60, (i) => `c${i % 3}`);
    const outbox = new SlowOutbox();
    const one = schedulerOn(s, outbox);
    const [a, b] = await Promise.all([one.tick(), one.tick()]);
    expect(outbox.keys).toHaveLength(60);
    expect([...counts(outbox.keys).values()].every((n) => n === 1)).toBe(true);
    expect(a.sent.length + b.sent.length).toBe(60);
    expect((await s.deliveries()).map((d) => d.status)).toEqual(Array(60).fill('sent'));
  });

  it('two schedulers (two processes’ worth) on one database file send each delivery once', async () => {
    const s = await withDue(60, (i) => `c${i}`);
    const left = new SlowOutbox();
    const right = new SlowOutbox();
    // Both claim what is due, then both deliver at the same time.
    await schedulerOn(s, left).claim();
    // Each leases 10 at a time (a pass leases again until nothing is left), so the two share the backlog.
    await Promise.all([schedulerOn(s, left, { leaseBatch: 10 }).deliver(), schedulerOn(s, right, { leaseBatch: 10 }).deliver()]);
    const all = [...left.keys, ...right.keys];
    expect(all).toHaveLength(60);
    expect(new Set(all).size).toBe(60);
    expect(left.keys.length).toBeGreaterThan(0);
    expect(right.keys.length).toBeGreaterThan(0);
  });

  it('a lease held by a live pass elsewhere is left alone until it expires, then taken over as a resend', async () => {
    const s = await withDue(3, (i) => `c${i}`);
    await schedulerOn(s, new SlowOutbox()).claim();
    // A pass on another machine took them, started sending, and went silent.
    expect(await leaseAs(s, 'elsewhere.example/4242/abc', true)).toBe(3);
    const outbox = new SlowOutbox();
    expect((await schedulerOn(s, outbox).deliver()).sent).toHaveLength(0);
    s.clock.advance(LEASE_MS + 1_000);
    expect((await schedulerOn(s, outbox).deliver()).sent).toHaveLength(3);
    // Taken over after an attempt began elsewhere: the outbox is told to look for an earlier copy.
    expect(outbox.resends).toHaveLength(3);
  });

  it('the leases of a process on this machine that has died are taken over at once', async () => {
    const s = await withDue(2, (i) => `c${i}`);
    await schedulerOn(s, new SlowOutbox()).claim();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    expect(await leaseAs(s, `${hostname()}/${deadPid}/dead`, false)).toBe(2);
    const outbox = new SlowOutbox();
    expect((await schedulerOn(s, outbox).deliver()).sent).toHaveLength(2);
    // And a live one on this machine (this very process, another pass) is respected.
    const t = await withDue(1, () => 'c');
    await schedulerOn(t, new SlowOutbox()).claim();
    expect(await leaseAs(t, `${hostname()}/${process.pid}/other-pass`, false)).toBe(1);
    expect((await schedulerOn(t, new SlowOutbox()).deliver()).sent).toHaveLength(0);
  });

  it('a pass whose lease ran out while it waited does not send what another pass took over', async () => {
    const s = await withDue(5, () => 'one-channel'); // one lane: sent one after another
    await schedulerOn(s, new SlowOutbox()).claim();
    const slow = new GatedOutbox();
    const first = schedulerOn(s, slow).deliver();
    await slow.waiting; // the first pass hangs on its first send, the other four wait behind it
    s.clock.advance(LEASE_MS + 1_000);
    const other = new SlowOutbox();
    const second = await schedulerOn(s, other).deliver();
    // Every lease has run out: the second pass takes all five. The one that was in flight goes as
    // a resend (the platform's outbox looks for the earlier copy first).
    expect(second.sent).toHaveLength(5);
    expect(other.resends).toHaveLength(1);
    slow.open();
    const firstResult = await first;
    // The first pass finishes the send it had started, and sends nothing of what it lost.
    expect(firstResult.sent.map((x) => x.key)).toEqual(other.resends);
    const waited = other.keys.filter((k) => !other.resends.includes(k));
    expect(waited).toHaveLength(4);
    expect(slow.keys.filter((k) => waited.includes(k))).toEqual([]);
  });
});
