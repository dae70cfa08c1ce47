import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { parseTarget, subscriptionItem, targetLabel, userZone } from './followup-helpers.js';
import { listReply } from './present.js';
import type { Command } from './types.js';

export const reminders: Command = {
  spec: {
    name: 'reminders',
    places: true,
    aliases: ['subscriptions', 'schedules'],
    summary: 'Your reminders and digests (or a channel’s): what, where, next time in your zone, last delivery.',
    usage: 'reminders [#channel|@user]',
    examples: ['reminders', 'reminders #migration'],
  },
  async handle({ args, message }, deps): Promise<Reply> {
    const text = args.trim();
    const viewer = userZone(deps, message);
    const team = message.team ?? '';
    let subs;
    let where: string;
    if (text) {
      const target = parseTarget(text, message);
      if (!target) throw new UserError('bad-usage', `“${text.slice(0, 40)}” is not a channel or a person.`, 'For example `reminders` (yours) or `reminders #migration`.');
      subs = await deps.schedules.subscriptionsForTarget(message.platform, team, target.kind, target.ref);
      // Another person's reminders are theirs: only the ones you set for them show (admins see all).
      if (target.kind === 'user' && target.ref !== message.user.id && !deps.isAdmin(message)) subs = subs.filter((s) => s.createdBy === message.user.id);
      where = targetLabel(target, message);
    } else {
      const [mine, forMe] = await Promise.all([
        deps.schedules.subscriptionsCreatedBy(message.platform, team, message.user.id),
        deps.schedules.subscriptionsForTarget(message.platform, team, 'user', message.user.id),
      ]);
      subs = [...new Map([...mine, ...forMe].map((s) => [s.id, s])).values()].sort((a, b) => a.id - b.id);
      where = 'you';
    }
    if (subs.length === 0) return { title: `No reminders for ${where}`, text: 'Set one: `remind me about knomad-recruitment-costs in 3 days`, or `remind #migration every monday at 9am about gfmd`.', tone: 'empty' };
    return listReply(`Reminders for ${where}`, await Promise.all(subs.map((s) => subscriptionItem(s, deps, viewer, message))), 'Narrow it: `reminders #channel`.', `Times are in ${viewer}.`);
  },
};
