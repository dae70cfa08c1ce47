import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { parseSnooze } from '../scheduler/parse.js';
import { nextOccurrence, parseSchedule } from '../scheduler/schedule.js';
import type { IncomingMessage } from '../core/message.js';
import type { Subscription } from '../store/subscriptions-repo.js';
import { formatInstant, requireSubscription, subscriptionItem, userZone } from './followup-helpers.js';
import { requireManageable } from './reminder-rules.js';
import type { Command, Deps } from './types.js';

/** The reminder a number names, when the sender may change it. */
async function ownReminder(raw: string, deps: Deps, message: IncomingMessage, usage: string): Promise<Subscription> {
  const sub = await requireSubscription(raw, deps, message, usage);
  requireManageable(sub, message, deps);
  return sub;
}

export const stop: Command = {
  spec: { name: 'stop', aliases: ['cancel', 'delete', 'unsubscribe'], summary: 'Stop a reminder or digest for good.', usage: 'stop <reminder number>', examples: ['stop 3'] },
  async handle({ args, message }, deps): Promise<Reply> {
    const sub = await ownReminder(args, deps, message, this.spec.usage);
    await deps.schedules.setSubscriptionState(sub.id, 'stopped', deps.clock.now(), { nextRunAt: null });
    return { title: `Stopped reminder #${sub.id}`, text: 'It will not send again. `reminders` lists the rest.', tone: 'info' };
  },
};

export const pause: Command = {
  spec: { name: 'pause', aliases: ['hold'], summary: 'Pause a reminder or digest until you resume it.', usage: 'pause <reminder number>', examples: ['pause 3'] },
  async handle({ args, message }, deps): Promise<Reply> {
    const sub = await ownReminder(args, deps, message, this.spec.usage);
    if (sub.state === 'paused') return { title: `Reminder #${sub.id} is already paused`, text: `\`resume ${sub.id}\` starts it again.`, tone: 'info' };
    if (sub.state !== 'active') throw new UserError('bad-input', `Reminder #${sub.id} is not running (${sub.state}).`, '`reminders` shows its state.');
    await deps.schedules.setSubscriptionState(sub.id, 'paused', deps.clock.now());
    return { title: `Paused reminder #${sub.id}`, text: `Nothing will be sent until \`resume ${sub.id}\`; runs missed while paused are not sent.`, tone: 'info' };
  },
};

export const resume: Command = {
  spec: { name: 'resume', aliases: ['unpause', 'restart'], summary: 'Resume a paused (or failed) reminder or digest.', usage: 'resume <reminder number>', examples: ['resume 3'] },
  async handle({ args, message }, deps): Promise<Reply> {
    const sub = await ownReminder(args, deps, message, this.spec.usage);
    if (sub.state === 'active') return { title: `Reminder #${sub.id} is already running`, tone: 'info' };
    const now = deps.clock.now();
    const schedule = parseSchedule(sub.schedule);
    let next: Date | undefined;
    if (schedule.type === 'ladder') next = now; // the next pass works out the next rung
    else next = nextOccurrence(schedule, now, sub.zone);
    if (!next) throw new UserError('bad-input', `Reminder #${sub.id} was for a time that has passed.`, 'Set a new one with `remind`.');
    await deps.schedules.setSubscriptionState(sub.id, 'active', now, { nextRunAt: next.toISOString(), failureReason: null });
    return { title: `Resumed reminder #${sub.id}`, items: [await subscriptionItem((await deps.schedules.subscription(sub.id))!, deps, userZone(deps, message), message)], tone: 'info' };
  },
};

export const snooze: Command = {
  spec: {
    name: 'snooze',
    aliases: ['postpone', 'later'],
    times: true,
    summary: 'Put off a reminder’s next run: for 2h, 1d, or until a time.',
    usage: 'snooze <reminder number> <2h|1d|until monday>',
    examples: ['snooze 3 2h', 'snooze 3 1d', 'snooze 3 until monday'],
  },
  async handle({ args, message }, deps): Promise<Reply> {
    const [idText = '', ...rest] = args.trim().split(/\s+/);
    const sub = await ownReminder(idText, deps, message, this.spec.usage);
    if (sub.state !== 'active' || !sub.nextRunAt) throw new UserError('bad-input', `Reminder #${sub.id} has no run to snooze (${sub.state}).`, '`resume` it first, or set a new one.');
    const now = deps.clock.now();
    const viewer = userZone(deps, message);
    const until = parseSnooze(rest.join(' ') || '1d', now, viewer);
    // Snoozing moves the next run; the schedule then carries on as before.
    await deps.schedules.setSubscriptionState(sub.id, 'active', now, { nextRunAt: until.toISOString(), snoozedFrom: sub.nextRunAt });
    return { title: `Snoozed reminder #${sub.id} until ${formatInstant(until.toISOString(), viewer)}`, text: `It was due ${formatInstant(sub.nextRunAt, viewer)}.`, tone: 'info' };
  },
};
