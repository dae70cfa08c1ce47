import type { ClaimPlan, PlannedDelivery } from '../store/contract.js';
import type { Subscription } from '../store/subscriptions-repo.js';
import { nextOccurrence, parseSchedule, type Rung, type Schedule } from './schedule.js';

/** A delivery is "late" when it goes out more than this after its time. */
export const LATE_AFTER_MS = 2 * 60_000;

export function recipientOf(kind: 'user' | 'channel', ref: string): string {
  return `${kind}:${ref}`;
}

/** What a ladder needs from the catalog: its open rungs, and who each one goes to (an owner, else the subscription's target). */
export interface Ladders {
  rungs(sub: Subscription, schedule: Extract<Schedule, { type: 'ladder' }>): Rung[];
  recipientFor(sub: Subscription, rung: Rung): string;
}

/**
 * What claiming one due subscription at `now` records, worked out without touching the store
 * (the store calls it inside its unit of work): the deliveries keyed by (subscription, instant,
 * recipient), and the next run. A run missed by less than `graceMs` is delivered once, marked
 * late; older ones are recorded as skipped, and earlier missed runs are not replayed one by one.
 */
export function planClaim(sub: Subscription, now: Date, graceMs: number, ladders: Ladders): ClaimPlan {
  const schedule = parseSchedule(sub.schedule);
  const claimed = sub.nextRunAt!;
  const deliveries: PlannedDelivery[] = [];
  const record = (at: Date, recipient: string, status: 'pending' | 'skipped', detail?: string): void => {
    deliveries.push({ scheduledFor: at.toISOString(), recipient, status, late: now.getTime() - at.getTime() > LATE_AFTER_MS, ...(detail ? { detail } : {}) });
  };
  const withinGrace = (at: Date): boolean => now.getTime() - at.getTime() <= graceMs;
  const missed = (at: Date): string => `missed by ${hours(now.getTime() - at.getTime())} (the bot was down longer than the ${hours(graceMs)} grace period)`;

  if (schedule.type === 'ladder') {
    const all = ladders.rungs(sub, schedule);
    const rungs = all.filter((r) => r.at.getTime() >= Date.parse(claimed) && r.at <= now);
    for (const t of new Set(rungs.map((r) => r.at.getTime()))) {
      const at = new Date(t);
      const recipients = new Set(rungs.filter((r) => r.at.getTime() === t).map((r) => ladders.recipientFor(sub, r)));
      for (const rcp of recipients) record(at, rcp, withinGrace(at) ? 'pending' : 'skipped', withinGrace(at) ? undefined : missed(at));
    }
    const next = all.find((r) => r.at > now);
    return { deliveries, next: next ? next.at.toISOString() : null };
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
  return { deliveries, next: next ? next.toISOString() : null };
}

export function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 48 ? `${Math.round(h / 24)} days` : h >= 1 ? `${Math.round(h * 10) / 10} h` : `${Math.round(ms / 60_000)} min`;
}
