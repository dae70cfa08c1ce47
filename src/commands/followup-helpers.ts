import type { Who } from '../store/shared/ops.js';
import { resolveZone } from '../core/dates.js';
import { DateTime } from 'luxon';
import { UserError } from '../core/errors.js';
import type { IncomingMessage } from '../core/message.js';
import type { ReplyItem } from '../core/reply.js';
import { describeSchedule, parseSchedule } from '../scheduler/schedule.js';
import type { Subscription } from '../store/subscriptions-repo.js';
import { stripControl } from './registry.js';
import type { Deps } from './types.js';

export interface Target {
  kind: 'user' | 'channel';
  ref: string;
}

/** "me", "here", "#channel", "@user" → a target. */
export function parseTarget(word: string, message: IncomingMessage): Target | undefined {
  const w = word.trim();
  if (/^(me|myself)$/i.test(w)) return { kind: 'user', ref: message.user.id };
  if (/^(here|this channel|us)$/i.test(w)) return { kind: 'channel', ref: message.channel.id };
  // Channel names and ids (Slack C0123, Teams 19:…@thread.tacv2, which the Teams adapter resolves names to).
  const ch = /^#([\p{L}\p{N}_.:@-]{1,120})$/u.exec(w);
  if (ch) return { kind: 'channel', ref: ch[1]! };
  const user = /^@([\p{L}\p{N}_.:-]{1,120})$/u.exec(w);
  if (user) return { kind: 'user', ref: user[1]! };
  return undefined;
}

export function targetLabel(t: Target, message?: IncomingMessage): string {
  if (message && t.kind === 'user' && t.ref === message.user.id) return 'you';
  if (t.kind === 'user') {
    // A person mentioned in this very message: their name rather than their platform id.
    const named = message?.mentions?.find((m) => m.id === t.ref)?.name;
    return `@${named ?? t.ref}`;
  }
  return `#${t.ref}`;
}

/** The viewer's zone: theirs if set, else the bot's default. */
/** The user's zone: the one they set with `tz`, else the one their client reports, else the bot's default. */
export function userZone(deps: Deps, message: IncomingMessage): string {
  const reported = message.user.zone ? resolveZone(message.user.zone) : undefined;
  return deps.prefs.zone(message.platform, message.team ?? '', 'user', message.user.id) ?? reported ?? deps.zone;
}

/** The zone a target's reminders run in: the user's or the channel's, else the bot's default. */
export function targetZone(deps: Deps, message: IncomingMessage, t: Target): string {
  return deps.prefs.zone(message.platform, message.team ?? '', t.kind, t.ref) ?? (t.kind === 'user' && t.ref === message.user.id ? userZone(deps, message) : deps.zone);
}

/** The reminder a number names (on this platform and team, not stopped). */
export async function requireSubscription(raw: string, deps: Deps, message: IncomingMessage, usage: string): Promise<Subscription> {
  const text = raw.trim().replace(/^#/, '');
  if (!text) throw new UserError('bad-usage', 'Which reminder? Give its number.', `Usage: \`${usage}\` — \`reminders\` lists them with their numbers.`);
  if (!/^\d{1,9}$/.test(text)) throw new UserError('bad-usage', `“${text.slice(0, 30)}” is not a reminder number.`, `Usage: \`${usage}\` — \`reminders\` lists them with their numbers.`);
  const sub = await deps.schedules.subscription(Number(text));
  if (!sub || sub.platform !== message.platform || sub.team !== (message.team ?? '') || sub.state === 'stopped') {
    throw new UserError('not-found', `There is no reminder number ${text}.`, '`reminders` lists yours; `reminders #channel` a channel’s.');
  }
  return sub;
}

/** A delivery's recipient ("user:U1", "channel:C1") as people read it. */
function recipientLabel(recipient: string, message: IncomingMessage): string {
  const i = recipient.indexOf(':');
  return targetLabel({ kind: recipient.slice(0, i) === 'user' ? 'user' : 'channel', ref: recipient.slice(i + 1) }, message);
}

const STATE: Record<string, string> = { active: 'Active', paused: 'Paused', stopped: 'Stopped', failed: 'Failed', finished: 'Finished (no more runs)' };

export function formatInstant(iso: string, zone: string): string {
  return `${DateTime.fromISO(iso, { zone }).toFormat("ccc d LLL yyyy, HH:mm")} (${zone})`;
}

/** A subscription as a reply item: what, where, when next (in the viewer's zone), last outcome. */
export async function subscriptionItem(sub: Subscription, deps: Deps, viewerZone: string, message: IncomingMessage): Promise<ReplyItem> {
  const schedule = parseSchedule(sub.schedule);
  const [last, failed] = await Promise.all([deps.schedules.lastDelivery(sub.id), deps.schedules.failedRecipients(sub.id)]);
  const fields = [
    { label: 'Where', value: targetLabel({ kind: sub.targetKind, ref: sub.targetRef }, message) },
    { label: 'When', value: `${describeSchedule(schedule, sub.zone)}${schedule.type === 'once' ? '' : ` (${sub.zone})`}` },
    { label: 'Next', value: sub.state === 'active' && sub.nextRunAt ? formatInstant(sub.nextRunAt, viewerZone) : STATE[sub.state] ?? sub.state },
    {
      label: 'Last delivery',
      value: last ? `${last.status}${last.late ? ' (late)' : ''}, ${formatInstant(last.scheduledFor, viewerZone)}${last.detail && last.status !== 'sent' ? ` — ${last.detail}` : ''}` : 'none yet',
    },
  ];
  if (sub.state === 'failed' && sub.failureReason) fields.push({ label: 'Failed', value: sub.failureReason });
  // One recipient the platform could not reach (an owner who left) fails alone: say who and why.
  const own = `${sub.targetKind}:${sub.targetRef}`;
  const unreached = failed.filter((f) => f.recipient !== own);
  if (unreached.length) {
    fields.push({
      label: 'Not delivered to',
      value: unreached.map((f) => `${recipientLabel(f.recipient, message)}${f.detail ? ` (${f.detail})` : ''}`).join('; '),
    });
  }
  const what = sub.kind === 'ladder' ? `Deadline reminders${sub.topic.text ? ` for ${sub.topic.text}` : ''}` : sub.kind === 'digest' ? `Digest: ${sub.topic.text || 'everything'}` : `About: ${sub.topic.text}`;
  return {
    id: String(sub.id),
    title: `#${sub.id} · ${what}`,
    fields,
    actions:
      sub.state === 'paused'
        ? [{ id: 'resume', label: 'Resume', command: `resume ${sub.id}` }, { id: 'stop', label: 'Stop', command: `stop ${sub.id}`, style: 'danger' }]
        : [{ id: 'pause', label: 'Pause', command: `pause ${sub.id}` }, { id: 'stop', label: 'Stop', command: `stop ${sub.id}`, style: 'danger' }],
  };
}

/** A note or text a user typed: control characters removed, at most `max` characters. */
export function cleanNote(text: string, max = 1_000): string {
  const clean = stripControl(text);
  if (clean.length > max) throw new UserError('too-long', `That note is ${clean.length.toLocaleString('en')} characters; notes hold at most ${max.toLocaleString('en')}.`, 'Shorten it, or link to a document.');
  return clean;
}

/** Who sent a message, as an item's history records the change it made. */
export function whoOf(message: IncomingMessage): Who {
  return { platform: message.platform, team: message.team ?? '', userId: message.user.id, userName: message.user.name ?? null };
}
