import type { Platform } from '../core/message.js';
import type { Delivery } from './deliveries-repo.js';
import type { NewSubscription, Subscription, SubscriptionState } from './subscriptions-repo.js';

/**
 * The store contract of the scheduler's aggregate (subscriptions and their deliveries), async and
 * one method per unit of work, so that one scheduler runs on either engine: SQLite
 * (sqlite-scheduler-store.ts, the synchronous repositories in better-sqlite3 transactions) or
 * PostgreSQL (pg/scheduler-store.ts, several instances on one database). tests/store/ runs the
 * same suite against both.
 */

/** One delivery a claim records: (subscription, instant, recipient) is its idempotency key. */
export interface PlannedDelivery {
  scheduledFor: string;
  recipient: string;
  status: 'pending' | 'skipped';
  late: boolean;
  detail?: string;
}

/** What to do with one claimed subscription: the deliveries to record and its next run (null: finished). */
export interface ClaimPlan {
  deliveries: PlannedDelivery[];
  next: string | null;
}

/** A delivery that went out; marked sent in the next unit of work of the pass (one commit per message, not two). */
export interface SentMark {
  id: number;
  at: Date;
}

export interface LeaseOptions {
  /** Only deliveries of these platforms (all when unset). */
  platforms?: readonly Platform[];
  /** Owners known to be gone (a dead process on this machine): their leases are taken over at once, not at expiry. */
  isGone?: (owner: string) => boolean;
}

export interface Leased {
  deliveries: Delivery[];
  /** The gone owners whose leases were freed first, and how many deliveries each held. */
  tookOver: Array<{ owner: string; deliveries: number }>;
}

export interface FinishOptions {
  detail?: string;
  sent?: readonly SentMark[];
  /** The subscription's own target is gone for good: mark it failed (version bumped) in the same unit of work. */
  failSubscription?: { id: number; reason: string };
}

export interface SchedulerStore {
  readonly engine: 'sqlite' | 'postgres';

  createSubscription(s: NewSubscription, now: Date): Promise<Subscription>;
  subscription(id: number): Promise<Subscription | undefined>;
  setSubscriptionState(id: number, state: SubscriptionState, now: Date, fields?: { nextRunAt?: string | null; failureReason?: string | null; snoozedFrom?: string | null }): Promise<void>;
  /** A channel's or person's subscriptions that are not stopped, oldest first (`reminders`). */
  subscriptionsForTarget(platform: Platform, team: string, targetKind: 'user' | 'channel', targetRef: string): Promise<Subscription[]>;
  /** The subscriptions one person set that are not stopped, oldest first. */
  subscriptionsCreatedBy(platform: Platform, team: string, user: string): Promise<Subscription[]>;
  /**
   * The subscriptions that may still send and name one item: reminders about it, and deadline
   * ladders limited to items it is one of; next run first (an item's dashboard page).
   */
  subscriptionsAbout(itemId: string): Promise<Subscription[]>;
  /** Quotas: how many subscriptions that may still send (LIVE_STATES) one person created, or go to one target. */
  liveCreatedBy(platform: Platform, team: string, user: string): Promise<number>;
  liveForTarget(platform: Platform, team: string, targetKind: 'user' | 'channel', targetRef: string): Promise<number>;

  /**
   * One unit of work: takes up to `limit` active subscriptions due at `now` (oldest first; rows
   * another instance is claiming are skipped, not waited for), records the deliveries `plan`
   * gives for each (a key recorded before is not recorded again) and moves each on to its next
   * run, compare-and-set on the run it claimed. `plan` is synchronous and called inside the
   * unit of work. Returns how many subscriptions were claimed and deliveries recorded.
   */
  claimDue(now: Date, limit: number, plan: (sub: Subscription) => ClaimPlan, platforms?: readonly Platform[]): Promise<{ claimed: number; recorded: number }>;

  /**
   * One unit of work: frees the leases of gone owners (opts.isGone), then leases to `owner`
   * until `until` up to `limit` pending deliveries that are ready at `now` and that no live lease
   * holds (an expired lease is taken over), in retry order.
   */
  lease(owner: string, now: Date, until: Date, limit: number, opts?: LeaseOptions): Promise<Leased>;

  /** Counts an attempt and renews the lease, only while `owner` holds it (false: lost it, do not send); marks `sent` first. */
  startAttempt(id: number, owner: string, until: Date, sent?: readonly SentMark[]): Promise<boolean>;
  /** Ends a delivery (sent, failed, skipped) and frees its lease; marks `sent` first. */
  finish(id: number, status: 'sent' | 'failed' | 'skipped', now: Date, opts?: FinishOptions): Promise<void>;
  /** Back in the queue until `at`, lease freed (the attempt was counted by startAttempt); marks `sent` first. */
  retryLater(id: number, at: Date, detail: string, sent?: readonly SentMark[]): Promise<void>;
  /** Frees every lease `owner` holds (a pass that ends); marks `sent` first. Returns how many were freed. */
  release(owner: string, sent?: readonly SentMark[]): Promise<number>;

  delivery(id: number): Promise<Delivery | undefined>;
  deliveriesOf(subscriptionId: number): Promise<Delivery[]>;
  lastDelivery(subscriptionId: number): Promise<Delivery | undefined>;
  failedRecipients(subscriptionId: number): Promise<Array<{ recipient: string; detail: string | null; at: string }>>;

  close(): Promise<void>;
}

/** The idempotency key of a delivery, on both engines. */
export function deliveryKey(subscriptionId: number, scheduledFor: string, recipient: string): string {
  return `${subscriptionId}:${scheduledFor}:${recipient}`;
}
