import { createScheduledRenderer } from '../../src/commands/scheduled.js';
import { silentLogger } from '../../src/core/log.js';
import { Scheduler, type SchedulerOptions } from '../../src/scheduler/engine.js';
import type { DeliveryError, OutboundMessage, Outbox } from '../../src/scheduler/outbox.js';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import type { Db } from '../../src/store/db.js';
import { DeliveryRepository } from '../../src/store/deliveries-repo.js';
import { SubscriptionRepository } from '../../src/store/subscriptions-repo.js';
import { ManualClock, testBot, type TestBot } from '../helpers.js';

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

export function setup(start: string, fail?: (m: OutboundMessage) => DeliveryError | undefined, graceHours = 6, db?: Db) {
  const clock = new ManualClock(start);
  const t = testBot(start, { clock, ...(db ? { db } : {}) });
  const outbox = new RecordingOutbox(clock, fail);
  const scheduler = schedulerOn({ ...t, clock }, outbox, { graceMs: graceHours * 3_600_000 });
  /** Ticks every `stepMin` minutes until `until`. */
  const run = async (until: string, stepMin = 5): Promise<void> => {
    while (clock.now().getTime() < Date.parse(until)) {
      clock.advance(stepMin * 60_000);
      await scheduler.tick();
    }
  };
  return { ...t, clock, outbox, scheduler, run };
}

/** Another scheduler (another pass's owner) on the same database, with its own outbox. */
export function schedulerOn(s: Pick<TestBot, 'db' | 'bot'> & { clock: ManualClock }, outbox: Outbox, opts: Partial<SchedulerOptions> = {}): Scheduler {
  return new Scheduler(
    s.db,
    { subscriptions: new SubscriptionRepository(s.db), deliveries: new DeliveryRepository(s.db), commitments: new CommitmentRepository(s.db) },
    outbox,
    createScheduledRenderer(s.bot.deps),
    s.clock,
    silentLogger,
    { graceMs: 6 * 3_600_000, ...opts },
  );
}
