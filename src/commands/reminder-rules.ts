import { UserError } from '../core/errors.js';
import type { IncomingMessage } from '../core/message.js';
import type { Subscription } from '../store/subscriptions-repo.js';
import { targetLabel, type Target } from './followup-helpers.js';
import type { Deps } from './types.js';

/**
 * Limits on reminders, digests and ladders that may still send (active, paused or failed): one
 * person cannot flood a channel, or another person, and one channel cannot drown the others.
 */
export const REMINDER_LIMITS = { perPerson: 50, perTarget: 25 } as const;

/** Refuses a new reminder, digest or ladder past the limits, saying which and what to do. */
export async function checkQuota(deps: Deps, message: IncomingMessage, target: Target): Promise<void> {
  const team = message.team ?? '';
  const mine = await deps.schedules.liveCreatedBy(message.platform, team, message.user.id);
  if (mine >= REMINDER_LIMITS.perPerson) {
    throw new UserError(
      'quota',
      `You already have ${mine} reminders and digests, the most one person can have.`,
      'Stop the ones you no longer need first: `reminders` lists them, `stop <number>` ends one.',
    );
  }
  const there = await deps.schedules.liveForTarget(message.platform, team, target.kind, target.ref);
  if (there >= REMINDER_LIMITS.perTarget) {
    const where = targetLabel(target, message);
    throw new UserError(
      'quota',
      `${where === 'you' ? 'You already have' : `${where} already has`} ${there} reminders and digests, the most one ${target.kind === 'channel' ? 'channel' : 'person'} can have.`,
      `See them with \`reminders ${target.kind === 'channel' ? `#${target.ref}` : where === 'you' ? '' : where}\``.replace(/ `$/, '`') + ', and stop some first.',
    );
  }
}

/**
 * Who may stop, pause, resume or snooze a reminder: the person who set it, the person it is for,
 * anyone in the channel it is for (asking from that channel), or an admin (FOLLOWUP_ADMINS).
 */
export function mayManage(sub: Subscription, message: IncomingMessage, deps: Deps): boolean {
  if (sub.createdBy === message.user.id) return true;
  if (sub.targetKind === 'user' && sub.targetRef === message.user.id) return true;
  if (sub.targetKind === 'channel' && (sub.targetRef === message.channel.id || sub.targetRef === message.channel.name)) return true;
  return deps.isAdmin(message);
}

export function requireManageable(sub: Subscription, message: IncomingMessage, deps: Deps): void {
  if (mayManage(sub, message, deps)) return;
  const where = targetLabel({ kind: sub.targetKind, ref: sub.targetRef }, message);
  throw new UserError(
    'forbidden',
    `Reminder #${sub.id} is not yours to change: it was set by @${sub.createdBy} for ${where}.`,
    sub.targetKind === 'channel' ? `Ask from ${where}, or ask @${sub.createdBy} or an admin.` : `Ask @${sub.createdBy} or an admin.`,
  );
}
