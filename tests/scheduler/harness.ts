import { afterEach } from 'vitest';
import { createScheduledRenderer } from '../../src/commands/scheduled.js';
import { silentLogger } from '../../src/core/log.js';
import { Scheduler, type SchedulerOptions } from '../../src/scheduler/engine.js';
import type { DeliveryError, OutboundMessage, Outbox } from '../../src/scheduler/outbox.js';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import type { SchedulerStore } from '../../src/store/contract.js';
import type { Db } from '../../src/store/db.js';
import type { Delivery } from '../../src/store/deliveries-repo.js';
import { ManualClock, testBot, type TestBot } from '../helpers.js';
import type { EngineUnderTest } from '../store/engines.js';

/** Records what it is sent (with the clock's time), failing the messages `fail` picks. */
export class RecordingOutbox implements Outbox {
  sent: Array<OutboundMessage & { at: string }> = [];
  constructor(
    private readonly clock: ManualClock,
    private readonly fail: (m: OutboundMessage) => DeliveryError | undefined = () => undefined,
  ) {}
  async send(m: OutboundMessage): Promise<void> {
    const err = this.fail(m);
    if (err) throw err;
    this.sent.push({ ...m, at: this.clock.now().toISOString() });
  }
  to(ref: string): string[] {
    return this.sent.filter((m) => m.target.ref === ref).map((m) => m.scheduledFor);
  }
}

export type Harness = ReturnType<typeof setup>;

/**
 * A bot and a scheduler on a simulated clock. The scheduler's store is `store` when given (a
 * parameterised suite: see onEngines), else the bot's own SQLite database.
 */
export function setup(start: string, fail?: (m: OutboundMessage) => DeliveryError | undefined, graceHours = 6, db?: Db, store?: SchedulerStore) {
  const clock = new ManualClock(start);
  const t = testBot(start, { clock, ...(db ? { db } : {}), ...(store ? { schedules: store } : {}) });
  const schedules = t.bot.deps.schedules;
  const outbox = new RecordingOutbox(clock, fail);
  const scheduler = schedulerOn({ ...t, clock }, outbox, { graceMs: graceHours * 3_600_000 });
  /** Ticks every `stepMin` minutes until `until`. */
  const run = async (until: string, stepMin = 5): Promise<void> => {
    while (clock.now().getTime() < Date.parse(until)) {
      clock.advance(stepMin * 60_000);
      await scheduler.tick();
    }
  };
  /** Every delivery the store holds, oldest first (engine-neutral, instead of SQL on one engine). */
  const deliveries = async (): Promise<Delivery[]> => {
    const all: Delivery[] = [];
    for (let id = 1; await schedules.subscription(id); id++) all.push(...(await schedules.deliveriesOf(id)));
    return all.sort((a, b) => a.id - b.id);
  };
  return { ...t, clock, outbox, scheduler, run, schedules, deliveries };
}

/** Another scheduler (another pass's owner) on the same store, with its own outbox. */
export function schedulerOn(s: Pick<TestBot, 'db' | 'bot'> & { clock: ManualClock }, outbox: Outbox, opts: Partial<SchedulerOptions> = {}): Scheduler {
  return new Scheduler(s.bot.deps.schedules, new CommitmentRepository(s.db), outbox, createScheduledRenderer(s.bot.deps), s.clock, silentLogger, { graceMs: 6 * 3_600_000, ...opts });
}

/**
 * For a suite run on each engine (describe.each(ENGINES)): `setup` with a fresh database of that
 * engine as the scheduler's store, closed after each test. SQLite: the bot's own database file.
 */
export function onEngine(engine: EngineUnderTest) {
  const open: SchedulerStore[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (start: string, fail?: (m: OutboundMessage) => DeliveryError | undefined, graceHours = 6, db?: Db): Promise<Harness> => {
    if (engine.name === 'sqlite') return setup(start, fail, graceHours, db);
    const store = await (await engine.database()).instance();
    open.push(store);
    return setup(start, fail, graceHours, db, store);
  };
}
