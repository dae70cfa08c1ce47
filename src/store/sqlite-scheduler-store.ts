import type { Platform } from '../core/message.js';
import type { ClaimPlan, FinishOptions, LeaseOptions, Leased, SchedulerStore, SentMark } from './contract.js';
import type { Db } from './db.js';
import { DeliveryRepository } from './deliveries-repo.js';
import { SubscriptionRepository, type NewSubscription, type Subscription, type SubscriptionState } from './subscriptions-repo.js';

/**
 * The scheduler's store on SQLite: the synchronous repositories, each unit of work one
 * better-sqlite3 transaction (IMMEDIATE where it reads then writes, so two processes on one file
 * take turns). Behaves exactly as the repositories do; only the shape is async.
 */
export class SqliteSchedulerStore implements SchedulerStore {
  readonly engine = 'sqlite';
  readonly subscriptions: SubscriptionRepository;
  readonly deliveries: DeliveryRepository;

  constructor(
    private readonly db: Db,
    private readonly owned = false,
  ) {
    this.subscriptions = new SubscriptionRepository(db);
    this.deliveries = new DeliveryRepository(db);
  }

  async createSubscription(s: NewSubscription, now: Date): Promise<Subscription> {
    return this.subscriptions.create(s, now);
  }

  async subscription(id: number): Promise<Subscription | undefined> {
    return this.subscriptions.get(id);
  }

  async setSubscriptionState(id: number, state: SubscriptionState, now: Date, fields: { nextRunAt?: string | null; failureReason?: string | null; snoozedFrom?: string | null } = {}): Promise<void> {
    this.subscriptions.setState(id, state, now, fields);
  }

  async subscriptionsForTarget(platform: Platform, team: string, targetKind: 'user' | 'channel', targetRef: string): Promise<Subscription[]> {
    return this.subscriptions.forTarget(platform, team, targetKind, targetRef);
  }

  async subscriptionsAbout(itemId: string): Promise<Subscription[]> {
    return this.subscriptions.about(itemId);
  }

  async subscriptionsCreatedBy(platform: Platform, team: string, user: string): Promise<Subscription[]> {
    return this.subscriptions.createdBy(platform, team, user);
  }

  async liveCreatedBy(platform: Platform, team: string, user: string): Promise<number> {
    return this.subscriptions.liveCreatedBy(platform, team, user);
  }

  async liveForTarget(platform: Platform, team: string, targetKind: 'user' | 'channel', targetRef: string): Promise<number> {
    return this.subscriptions.liveForTarget(platform, team, targetKind, targetRef);
  }

  async claimDue(now: Date, limit: number, plan: (sub: Subscription) => ClaimPlan, platforms?: readonly Platform[]): Promise<{ claimed: number; recorded: number }> {
    return this.db
      .transaction(() => {
        const due = this.subscriptions.due(now, limit, platforms);
        let recorded = 0;
        for (const sub of due) {
          const p = plan(sub);
          for (const d of p.deliveries) {
            if (this.deliveries.record({ subscriptionId: sub.id, version: sub.version, ...d }, now)) recorded++;
          }
          this.subscriptions.advance(sub.id, sub.nextRunAt!, p.next, now.toISOString(), now);
        }
        return { claimed: due.length, recorded };
      })
      .immediate();
  }

  async lease(owner: string, now: Date, until: Date, limit: number, opts: LeaseOptions = {}): Promise<Leased> {
    return this.db
      .transaction(() => {
        const tookOver: Leased['tookOver'] = [];
        if (opts.isGone) {
          for (const gone of this.deliveries.leaseOwners(now).filter(opts.isGone)) tookOver.push({ owner: gone, deliveries: this.deliveries.release(gone) });
        }
        return { deliveries: this.deliveries.lease(owner, now, until, limit, opts.platforms), tookOver };
      })
      .immediate();
  }

  private markSent(sent: readonly SentMark[] | undefined): void {
    for (const s of sent ?? []) this.deliveries.finish(s.id, 'sent', s.at);
  }

  async startAttempt(id: number, owner: string, until: Date, sent?: readonly SentMark[]): Promise<boolean> {
    return this.db.transaction(() => {
      this.markSent(sent);
      return this.deliveries.startAttempt(id, owner, until);
    })();
  }

  async finish(id: number, status: 'sent' | 'failed' | 'skipped', now: Date, opts: FinishOptions = {}): Promise<void> {
    this.db.transaction(() => {
      this.markSent(opts.sent);
      this.deliveries.finish(id, status, now, opts.detail);
      if (opts.failSubscription) this.subscriptions.setState(opts.failSubscription.id, 'failed', now, { failureReason: opts.failSubscription.reason });
    })();
  }

  async retryLater(id: number, at: Date, detail: string, sent?: readonly SentMark[]): Promise<void> {
    this.db.transaction(() => {
      this.markSent(sent);
      this.deliveries.retryLater(id, at, detail);
    })();
  }

  async release(owner: string, sent?: readonly SentMark[]): Promise<number> {
    return this.db.transaction(() => {
      this.markSent(sent);
      return this.deliveries.release(owner);
    })();
  }

  async delivery(id: number) {
    return this.deliveries.get(id);
  }

  async deliveriesOf(subscriptionId: number) {
    return this.deliveries.forSubscription(subscriptionId);
  }

  async lastDelivery(subscriptionId: number) {
    return this.deliveries.last(subscriptionId);
  }

  async failedRecipients(subscriptionId: number) {
    return this.deliveries.failedRecipients(subscriptionId);
  }

  async close(): Promise<void> {
    if (this.owned) this.db.close();
  }
}
