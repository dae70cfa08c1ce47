import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Platform } from '../core/message.js';
import type { Reply } from '../core/reply.js';
import type { CommitmentRepository } from '../store/commitments-repo.js';
import type { SchedulerStore, SentMark } from '../store/contract.js';
import type { Delivery } from '../store/deliveries-repo.js';
import type { Subscription } from '../store/subscriptions-repo.js';
import { DeliveryError, type DeliveryTarget, type Outbox } from './outbox.js';
import { LEASE_MS, ownerIsGone, passOwner, runLanes } from './lease.js';
import { planClaim, recipientOf, type Ladders } from './plan.js';
import { ladderRungs, parseSchedule, type Rung, type Schedule } from './schedule.js';

export { recipientOf } from './plan.js';

export interface SchedulerOptions {
  /** A run missed by less than this is delivered once, marked late; older ones are skipped. */
  graceMs: number;
  /** How many due subscriptions one claim takes. */
  batch?: number;
  /**
   * How many pending deliveries one lease takes (a pass leases again until none is left): small
   * enough that several instances share a backlog rather than one taking it all.
   */
  leaseBatch?: number;
  maxAttempts?: number;
  /**
   * The platforms this process delivers to: it claims and sends only their subscriptions, so a
   * console session on a Slack bot's database never takes the Slack reminders. All when unset.
   */
  platforms?: readonly Platform[];
  /** How many recipients are sent to side by side (each one's messages stay in order). */
  lanes?: number;
  /** How long a pass holds what it leased (FOLLOWUP_LEASE_SECONDS); a send is given up after half of it. */
  leaseMs?: number;
  /** This instance's name in lease owners (FOLLOWUP_INSTANCE; the host name by default). */
  instance?: string;
  /**
   * Runs before each pass: brings the follow-up data the messages are rendered from up to date
   * (PostgreSQL's shared log). A failure is logged and the pass renders from what it has.
   */
  beforePass?: () => Promise<void>;
}

export interface TickResult {
  claimed: number;
  sent: Array<{ key: string; late: boolean; title: string }>;
  skipped: number;
  failed: number;
  retrying: number;
}

type Delivered = Omit<TickResult, 'claimed'>;

/** One pass's lease owner, and the sends it has not recorded yet (they go with its next unit of work). */
interface Pass {
  owner: string;
  sent: SentMark[];
}

export function targetOf(sub: Subscription, recipient: string): DeliveryTarget {
  const i = recipient.indexOf(':');
  return { platform: sub.platform, team: sub.team, kind: recipient.slice(0, i) as 'user' | 'channel', ref: recipient.slice(i + 1) };
}

export type Renderer = (sub: Subscription, delivery: Delivery, rungs: Rung[]) => Promise<Reply>;

/**
 * The scheduler, on either engine (a SchedulerStore): one pass ("tick") claims due subscriptions
 * by index, records each delivery with its idempotency key in the same unit of work as it moves
 * the schedule on, and only then sends. A crash between the two leaves pending deliveries that the
 * next pass sends; a send is never recorded twice. Before sending, each delivery re-reads its
 * subscription and is skipped if the subscription was stopped, paused or changed meanwhile.
 * Ladders read the local catalog (every instance ships the same one).
 */
export class Scheduler implements Ladders {
  private readonly batch: number;
  private readonly leaseBatch: number;
  private readonly maxAttempts: number;
  private readonly lanes: number;
  private readonly leaseMs: number;
  private readonly instance: string | undefined;
  /** Passes of this process that ended without freeing their leases (the database failed): freed by the next pass. */
  private readonly abandoned = new Set<string>();

  constructor(
    private readonly store: SchedulerStore,
    private readonly commitments: CommitmentRepository,
    private readonly outbox: Outbox,
    private readonly render: Renderer,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: SchedulerOptions,
  ) {
    this.batch = opts.batch ?? 5_000;
    this.leaseBatch = opts.leaseBatch ?? 200;
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.lanes = opts.lanes ?? 8;
    this.leaseMs = opts.leaseMs ?? LEASE_MS;
    this.instance = opts.instance;
  }

  /** Claims what is due at `now` and records deliveries; sends nothing. Returns how many subscriptions were claimed. */
  async claim(now: Date = this.clock.now()): Promise<number> {
    const r = await this.store.claimDue(now, this.batch, (sub) => planClaim(sub, now, this.opts.graceMs, this), this.opts.platforms);
    return r.claimed;
  }

  /** Rungs of a ladder: only items that are still open; an owner or focal point gets their own. */
  rungs(sub: Subscription, schedule: Extract<Schedule, { type: 'ladder' }>): Rung[] {
    const ids = sub.topic.ids?.length ? new Set(sub.topic.ids) : undefined;
    const items = this.commitments.withDeadlines().filter((c) => c.status !== 'done' && c.status !== 'dropped' && (!ids || ids.has(c.id)));
    return ladderRungs(schedule, items, sub.zone);
  }

  recipientFor(sub: Subscription, rung: Rung): string {
    const owner = this.commitments.get(rung.commitmentId)?.owner;
    return owner ? recipientOf('user', owner) : recipientOf(sub.targetKind, sub.targetRef);
  }

  /**
   * Sends every pending delivery that is ready. Each is leased first (an owner and an expiry, set
   * in the unit of work that reads it), so no other pass, in this process or another instance,
   * sends it too; a lease whose process died on this instance is taken over at once, any other
   * when it expires. Recipients are lanes that run side by side: a flooded channel never holds
   * back the others, and one recipient's failure never blocks the others.
   */
  async deliver(now: Date = this.clock.now()): Promise<Delivered> {
    const result: Delivered = { sent: [], skipped: 0, failed: 0, retrying: 0 };
    const pass: Pass = { owner: passOwner(this.instance), sent: [] };
    let leasedAny = false;
    try {
      for (let round = 0; round < 1_000; round++) {
        const leased = await this.store.lease(pass.owner, now, this.leaseEnd(), this.leaseBatch, {
          ...(this.opts.platforms ? { platforms: this.opts.platforms } : {}),
          ...(round === 0 ? { isGone: (owner: string) => this.abandoned.has(owner) || ownerIsGone(owner, this.instance) } : {}),
        });
        for (const t of leased.tookOver) {
          if (this.abandoned.delete(t.owner)) this.log.info(t, 'freed the deliveries of an earlier pass that failed');
          else this.log.info(t, 'took over the deliveries of a pass whose process is gone');
        }
        if (leased.deliveries.length === 0) break;
        leasedAny = true;
        const lanes = new Map<string, Delivery[]>();
        for (const d of leased.deliveries) {
          const lane = lanes.get(d.recipient);
          if (lane) lane.push(d);
          else lanes.set(d.recipient, [d]);
        }
        await runLanes([...lanes.values()], this.lanes, (d) => this.deliverOne(d, now, pass, result));
        if (leased.deliveries.length < this.leaseBatch) break;
      }
    } finally {
      // What was sent is recorded, and what is still leased freed, whatever ended the pass (a
      // database that went away: the next pass finds them pending or leased until expiry).
      if (leasedAny || pass.sent.length) {
        await withSent(pass, (sent) => this.store.release(pass.owner, sent)).catch((err: unknown) => {
          this.abandoned.add(pass.owner);
          throw err;
        });
      }
    }
    return result;
  }

  private leaseEnd(): Date {
    return new Date(this.clock.now().getTime() + this.leaseMs);
  }

  private async deliverOne(d: Delivery, now: Date, pass: Pass, result: Delivered): Promise<void> {
    const skip = async (why: string): Promise<void> => {
      await withSent(pass, (sent) => this.store.finish(d.id, 'skipped', now, { detail: why, sent }));
      result.skipped++;
    };
    const sub = await this.store.subscription(d.subscriptionId);
    // Re-read: stopped, paused or changed since the run was claimed means do nothing.
    if (!sub || sub.version !== d.version || !['active', 'finished'].includes(sub.state)) return skip(`subscription ${sub ? sub.state : 'deleted'} or changed before sending`);
    const schedule = parseSchedule(sub.schedule);
    const rungs = schedule.type === 'ladder' ? this.rungs(sub, schedule).filter((r) => r.at.toISOString() === d.scheduledFor && this.recipientFor(sub, r) === d.recipient) : [];
    if (schedule.type === 'ladder' && rungs.length === 0) return skip('nothing left to remind about (done, dropped or changed)');
    // The lease ran out while this lane waited, and another pass has it now: it sends, not us.
    if (!(await withSent(pass, (sent) => this.store.startAttempt(d.id, pass.owner, this.leaseEnd(), sent)))) return;
    const attempts = d.attempts + 1;
    try {
      const reply = await this.render(sub, d, rungs);
      const message = { key: d.idempotencyKey, target: targetOf(sub, d.recipient), reply, scheduledFor: d.scheduledFor, late: d.late === 1, ...(d.attempts > 0 ? { resend: true } : {}) };
      await withinSendTimeout(this.outbox.send(message), Math.floor(this.leaseMs / 2));
      pass.sent.push({ id: d.id, at: this.clock.now() });
      result.sent.push({ key: d.idempotencyKey, late: d.late === 1, title: reply.title });
    } catch (err) {
      await withSent(pass, (sent) => this.recordFailure(d, sub, err, attempts, now, sent, result));
    }
  }

  private async recordFailure(d: Delivery, sub: Subscription, err: unknown, attempts: number, now: Date, sent: SentMark[], result: Delivered): Promise<void> {
    if (err instanceof DeliveryError && err.permanent) {
      // Only the subscription's own channel or person being gone ends it; an owner the platform
      // does not know loses that message alone (`reminders` shows who and why).
      const own = d.recipient === recipientOf(sub.targetKind, sub.targetRef);
      await this.store.finish(d.id, 'failed', now, { detail: err.reason, sent, ...(own ? { failSubscription: { id: sub.id, reason: err.reason } } : {}) });
      result.failed++;
      if (own) this.log.warn({ subscription: sub.id, key: d.idempotencyKey, reason: err.reason }, 'delivery failed for good; subscription marked failed');
      else this.log.warn({ subscription: sub.id, key: d.idempotencyKey, recipient: d.recipient, reason: err.reason }, 'delivery to one recipient failed for good; the others still get theirs');
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (attempts >= this.maxAttempts) {
      await this.store.finish(d.id, 'failed', now, { detail: `gave up after ${attempts} attempts: ${message}`, sent });
      this.log.error({ err, subscription: sub.id, key: d.idempotencyKey }, 'delivery failed after retries');
      result.failed++;
      return;
    }
    const backoff = err instanceof DeliveryError && err.retryAfterMs !== undefined ? err.retryAfterMs : Math.min(3_600_000, 30_000 * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
    await this.store.retryLater(d.id, new Date(now.getTime() + backoff), message, sent);
    this.log.warn({ err, subscription: sub.id, key: d.idempotencyKey, retryInMs: Math.round(backoff) }, 'delivery failed; will retry');
    result.retrying++;
  }

  /** One pass: claim, then deliver. */
  async tick(now: Date = this.clock.now()): Promise<TickResult> {
    if (this.opts.beforePass) {
      await this.opts.beforePass().catch((err: unknown) => this.log.warn({ err }, 'could not bring the follow-up data up to date before a pass'));
    }
    const claimed = await this.claim(now);
    return { claimed, ...(await this.deliver(now)) };
  }
}

/**
 * "Sent" marks are committed with the next unit of work the pass makes (one commit per message
 * instead of two); a crash before that leaves them pending with an attempt counted, and the pass
 * that takes them over checks for an earlier copy before sending (OutboundMessage.resend).
 */
async function withSent<T>(pass: Pass, fn: (sent: SentMark[]) => Promise<T>): Promise<T> {
  const sent = pass.sent.splice(0);
  try {
    return await fn(sent);
  } catch (err) {
    // Not recorded: they go with the next unit of work that succeeds (or, the pass failing, stay pending as resends).
    pass.sent.unshift(...sent);
    throw err;
  }
}

/**
 * A send that hangs is given up well before its lease runs out (it goes back to the queue as a
 * resend), so a pass that takes a delivery over is never racing one still waiting on the platform.
 */
async function withinSendTimeout(send: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeliveryError(false, `the platform did not answer within ${ms >= 60_000 ? `${ms / 60_000} minutes` : `${ms / 1000} s`}`)), ms);
    timer.unref();
  });
  try {
    await Promise.race([send, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
