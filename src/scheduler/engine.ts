import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Platform } from '../core/message.js';
import type { Reply } from '../core/reply.js';
import type { CommitmentRepository } from '../store/commitments-repo.js';
import type { Db } from '../store/db.js';
import type { Delivery, DeliveryRepository } from '../store/deliveries-repo.js';
import type { Subscription, SubscriptionRepository } from '../store/subscriptions-repo.js';
import { DeliveryError, type DeliveryTarget, type Outbox } from './outbox.js';
import { LEASE_MS, ownerIsGone, passOwner, runLanes } from './lease.js';
import { ladderRungs, nextOccurrence, parseSchedule, type Rung, type Schedule } from './schedule.js';

export interface SchedulerOptions {
  /** A run missed by less than this is delivered once, marked late; older ones are skipped. */
  graceMs: number;
  /** How many due subscriptions one pass claims. */
  batch?: number;
  maxAttempts?: number;
  /**
   * The platforms this process delivers to: it claims and sends only their subscriptions, so a
   * console session on a Slack bot's database never takes the Slack reminders. All when unset.
   */
  platforms?: readonly Platform[];
  /** How many recipients are sent to side by side (each one's messages stay in order). */
  lanes?: number;
}

export interface TickResult {
  claimed: number;
  sent: Array<{ key: string; late: boolean; title: string }>;
  skipped: number;
  failed: number;
  retrying: number;
}

/** A delivery is "late" when it goes out more than this after its time. */
const LATE_AFTER_MS = 2 * 60_000;

export function recipientOf(kind: 'user' | 'channel', ref: string): string {
  return `${kind}:${ref}`;
}

export function targetOf(sub: Subscription, recipient: string): DeliveryTarget {
  const i = recipient.indexOf(':');
  return { platform: sub.platform, team: sub.team, kind: recipient.slice(0, i) as 'user' | 'channel', ref: recipient.slice(i + 1) };
}

export type Renderer = (sub: Subscription, delivery: Delivery, rungs: Rung[]) => Promise<Reply>;

/**
 * The scheduler: one pass ("tick") claims due subscriptions by index, records each delivery
 * with its idempotency key in the same transaction as it moves the schedule on, and only then
 * sends. A crash between the two leaves pending deliveries that the next pass sends; a send is
 * never recorded twice. Before sending, each delivery re-reads its subscription and is skipped
 * if the subscription was stopped, paused or changed meanwhile.
 */
export class Scheduler {
  private readonly batch: number;
  private readonly maxAttempts: number;
  private readonly lanes: number;

  constructor(
    private readonly db: Db,
    private readonly repos: { subscriptions: SubscriptionRepository; deliveries: DeliveryRepository; commitments: CommitmentRepository },
    private readonly outbox: Outbox,
    private readonly render: Renderer,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: SchedulerOptions,
  ) {
    this.batch = opts.batch ?? 5_000;
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.lanes = opts.lanes ?? 8;
  }

  /** Claims what is due at `now` and records deliveries; sends nothing. */
  claim(now: Date = this.clock.now()): number {
    const { subscriptions, deliveries } = this.repos;
    return this.db
      .transaction(() => {
        const due = subscriptions.due(now, this.batch, this.opts.platforms);
        for (const sub of due) this.claimOne(sub, now, deliveries, subscriptions);
        return due.length;
      })
      .immediate();
  }

  private claimOne(sub: Subscription, now: Date, deliveries: DeliveryRepository, subscriptions: SubscriptionRepository): void {
    const schedule = parseSchedule(sub.schedule);
    const claimed = sub.nextRunAt!;
    const record = (at: Date, recipient: string, status: 'pending' | 'skipped', detail?: string): void => {
      const late = now.getTime() - at.getTime() > LATE_AFTER_MS;
      deliveries.record({ subscriptionId: sub.id, scheduledFor: at.toISOString(), recipient, version: sub.version, status, late, ...(detail ? { detail } : {}) }, now);
    };
    const withinGrace = (at: Date): boolean => now.getTime() - at.getTime() <= this.opts.graceMs;
    const missed = (at: Date): string => `missed by ${hours(now.getTime() - at.getTime())} (the bot was down longer than the ${hours(this.opts.graceMs)} grace period)`;

    if (schedule.type === 'ladder') {
      const all = this.rungs(sub, schedule);
      const rungs = all.filter((r) => r.at.getTime() >= Date.parse(claimed) && r.at <= now);
      const instants = [...new Set(rungs.map((r) => r.at.getTime()))];
      for (const t of instants) {
        const at = new Date(t);
        const recipients = new Set(rungs.filter((r) => r.at.getTime() === t).map((r) => this.recipientFor(sub, r)));
        for (const rcp of recipients) record(at, rcp, withinGrace(at) ? 'pending' : 'skipped', withinGrace(at) ? undefined : missed(at));
      }
      const next = all.find((r) => r.at > now);
      subscriptions.advance(sub.id, claimed, next ? next.at.toISOString() : null, now.toISOString(), now);
      return;
    }

    // The latest occurrence at or before now; earlier missed ones are not replayed one by one.
    let latest = new Date(claimed);
    let skippedRuns = 0;
    let next: Date | undefined;
    for (let i = 0; i < 100_000; i++) {
      next = nextOccurrence(schedule, latest, sub.zone);
      if (!next || next > now) break;
      latest = next;
      skippedRuns++;
    }
    const recipient = recipientOf(sub.targetKind, sub.targetRef);
    if (skippedRuns > 0) record(new Date(claimed), recipient, 'skipped', `${skippedRuns} missed run${skippedRuns === 1 ? '' : 's'} not replayed; ${missed(new Date(claimed))}`);
    if (withinGrace(latest)) record(latest, recipient, 'pending');
    else record(latest, recipient, 'skipped', missed(latest));
    subscriptions.advance(sub.id, claimed, next ? next.toISOString() : null, now.toISOString(), now);
  }

  /** Rungs of a ladder: only items that are still open; an owner or focal point gets their own. */
  rungs(sub: Subscription, schedule: Extract<Schedule, { type: 'ladder' }>): Rung[] {
    const ids = this.ladderScope(sub);
    const items = this.repos.commitments.withDeadlines().filter((c) => c.status !== 'done' && c.status !== 'dropped' && (!ids || ids.has(c.id)));
    return ladderRungs(schedule, items, sub.zone);
  }

  private ladderScope(sub: Subscription): Set<string> | undefined {
    return sub.topic.ids?.length ? new Set(sub.topic.ids) : undefined;
  }

  recipientFor(sub: Subscription, rung: Rung): string {
    const owner = this.repos.commitments.get(rung.commitmentId)?.owner;
    return owner ? recipientOf('user', owner) : recipientOf(sub.targetKind, sub.targetRef);
  }

  /**
   * Sends every pending delivery that is ready. Each is leased first (an owner and an expiry, set
   * in the transaction that reads it), so no other pass, in this process or another, sends it
   * too; a lease whose process died on this machine is taken over at once, any other when it
   * expires. Recipients are lanes that run side by side: a flooded channel never holds back the
   * others, and one recipient's failure never blocks the others.
   */
  async deliver(now: Date = this.clock.now()): Promise<Omit<TickResult, 'claimed'>> {
    const result: Omit<TickResult, 'claimed'> = { sent: [], skipped: 0, failed: 0, retrying: 0 };
    const { deliveries } = this.repos;
    const pass = { owner: passOwner(), sent: [] as Array<{ id: number; at: Date }> };
    try {
      for (let round = 0; round < 1_000; round++) {
        const leased = this.db
          .transaction(() => {
            if (round === 0) this.takeOverFromTheDead(now);
            return deliveries.lease(pass.owner, now, this.leaseEnd(), this.batch, this.opts.platforms);
          })
          .immediate();
        if (leased.length === 0) break;
        const lanes = new Map<string, Delivery[]>();
        for (const d of leased) {
          const lane = lanes.get(d.recipient);
          if (lane) lane.push(d);
          else lanes.set(d.recipient, [d]);
        }
        await runLanes([...lanes.values()], this.lanes, (d) => this.deliverOne(d, now, pass, result));
        if (leased.length < this.batch) break;
      }
    } finally {
      this.db.transaction(() => {
        this.recordSent(pass);
        deliveries.release(pass.owner);
      })();
    }
    return result;
  }

  private leaseEnd(): Date {
    return new Date(this.clock.now().getTime() + LEASE_MS);
  }

  /** Leases held by processes of this machine that are gone: free them now rather than at expiry. */
  private takeOverFromTheDead(now: Date): void {
    for (const owner of this.repos.deliveries.leaseOwners(now)) {
      if (!ownerIsGone(owner)) continue;
      const n = this.repos.deliveries.release(owner);
      this.log.info({ owner, deliveries: n }, 'took over the deliveries of a pass whose process is gone');
    }
  }

  /**
   * "Sent" marks are committed with the next transaction the pass makes (one commit per message
   * instead of two); a crash before that leaves them pending with an attempt counted, and the pass
   * that takes them over checks for an earlier copy before sending (OutboundMessage.resend).
   */
  private recordSent(pass: { sent: Array<{ id: number; at: Date }> }): void {
    for (const s of pass.sent) this.repos.deliveries.finish(s.id, 'sent', s.at);
    pass.sent = [];
  }

  private async deliverOne(d: Delivery, now: Date, pass: { owner: string; sent: Array<{ id: number; at: Date }> }, result: Omit<TickResult, 'claimed'>): Promise<void> {
    const { deliveries, subscriptions } = this.repos;
    const skip = (why: string): void => {
      this.db.transaction(() => {
        this.recordSent(pass);
        deliveries.finish(d.id, 'skipped', now, why);
      })();
      result.skipped++;
    };
    const sub = subscriptions.get(d.subscriptionId);
    // Re-read: stopped, paused or changed since the run was claimed means do nothing.
    if (!sub || sub.version !== d.version || !['active', 'finished'].includes(sub.state)) return skip(`subscription ${sub ? sub.state : 'deleted'} or changed before sending`);
    const schedule = parseSchedule(sub.schedule);
    const rungs = schedule.type === 'ladder' ? this.rungs(sub, schedule).filter((r) => r.at.toISOString() === d.scheduledFor && this.recipientFor(sub, r) === d.recipient) : [];
    if (schedule.type === 'ladder' && rungs.length === 0) return skip('nothing left to remind about (done, dropped or changed)');
    const started = this.db.transaction(() => {
      this.recordSent(pass);
      return deliveries.startAttempt(d.id, pass.owner, this.leaseEnd());
    })();
    // The lease ran out while this lane waited, and another pass has it now: it sends, not us.
    if (!started) return;
    const attempts = d.attempts + 1;
    try {
      const reply = await this.render(sub, d, rungs);
      const message = { key: d.idempotencyKey, target: targetOf(sub, d.recipient), reply, scheduledFor: d.scheduledFor, late: d.late === 1, ...(d.attempts > 0 ? { resend: true } : {}) };
      await withinSendTimeout(this.outbox.send(message));
      pass.sent.push({ id: d.id, at: this.clock.now() });
      result.sent.push({ key: d.idempotencyKey, late: d.late === 1, title: reply.title });
    } catch (err) {
      this.db.transaction(() => {
        this.recordSent(pass);
        this.recordFailure(d, sub, err, attempts, now, result);
      })();
    }
  }

  private recordFailure(d: Delivery, sub: Subscription, err: unknown, attempts: number, now: Date, result: Omit<TickResult, 'claimed'>): void {
    const { deliveries, subscriptions } = this.repos;
    if (err instanceof DeliveryError && err.permanent) {
      deliveries.finish(d.id, 'failed', now, err.reason);
      result.failed++;
      // Only the subscription's own channel or person being gone ends it; an owner the platform
      // does not know loses that message alone (`reminders` shows who and why).
      if (d.recipient === recipientOf(sub.targetKind, sub.targetRef)) {
        subscriptions.setState(sub.id, 'failed', now, { failureReason: err.reason });
        this.log.warn({ subscription: sub.id, key: d.idempotencyKey, reason: err.reason }, 'delivery failed for good; subscription marked failed');
      } else {
        this.log.warn({ subscription: sub.id, key: d.idempotencyKey, recipient: d.recipient, reason: err.reason }, 'delivery to one recipient failed for good; the others still get theirs');
      }
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (attempts >= this.maxAttempts) {
      deliveries.finish(d.id, 'failed', now, `gave up after ${attempts} attempts: ${message}`);
      this.log.error({ err, subscription: sub.id, key: d.idempotencyKey }, 'delivery failed after retries');
      result.failed++;
      return;
    }
    const backoff = err instanceof DeliveryError && err.retryAfterMs !== undefined ? err.retryAfterMs : Math.min(3_600_000, 30_000 * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
    deliveries.retryLater(d.id, new Date(now.getTime() + backoff), message);
    this.log.warn({ err, subscription: sub.id, key: d.idempotencyKey, retryInMs: Math.round(backoff) }, 'delivery failed; will retry');
    result.retrying++;
  }

  /** One pass: claim, then deliver. */
  async tick(now: Date = this.clock.now()): Promise<TickResult> {
    const claimed = this.claim(now);
    return { claimed, ...(await this.deliver(now)) };
  }
}

/**
 * A send that hangs is given up well before its lease runs out (it goes back to the queue as a
 * resend), so a pass that takes a delivery over is never racing one still waiting on the platform.
 */
const SEND_TIMEOUT_MS = Math.floor(LEASE_MS / 2);

async function withinSendTimeout(send: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeliveryError(false, `the platform did not answer within ${SEND_TIMEOUT_MS / 60_000} minutes`)), SEND_TIMEOUT_MS);
    timer.unref();
  });
  try {
    await Promise.race([send, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 48 ? `${Math.round(h / 24)} days` : h >= 1 ? `${Math.round(h * 10) / 10} h` : `${Math.round(ms / 60_000)} min`;
}
