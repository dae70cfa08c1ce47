import type { Bot } from '../bot.js';
import { formatInstant } from '../commands/followup-helpers.js';
import { itemOf } from '../commands/present.js';
import { buildSummary, resolveScope } from '../commands/summary-content.js';
import type { Reply, ReplyAction } from '../core/reply.js';
import type { Delivery } from '../store/deliveries-repo.js';
import type { Subscription } from '../store/subscriptions-repo.js';
import type { Renderer } from './engine.js';
import type { Rung } from './schedule.js';

function lateNote(sub: Subscription, d: Delivery): string {
  return d.late ? `Sent late: it was due ${formatInstant(d.scheduledFor, sub.zone)}, while the bot was not running.` : '';
}

/** Buttons on every scheduled message: put the next run off, or end it. */
function snoozeActions(sub: Subscription): ReplyAction[] {
  return [
    { id: 'snooze-1d', label: 'Snooze 1 day', command: `snooze ${sub.id} 1d` },
    { id: 'snooze-1w', label: 'Snooze 1 week', command: `snooze ${sub.id} 1w` },
    { id: 'stop', label: 'Stop', command: `stop ${sub.id}` },
  ];
}

/** What a scheduled message says, worked out at delivery time so it is never stale. */
export function createRenderer(bot: Bot): Renderer {
  const deps = bot.deps;
  return async (sub, d, rungs: Rung[]): Promise<Reply> => {
    if (sub.kind === 'ladder') {
      const items = rungs.flatMap((r) => {
        const c = deps.commitments.get(r.commitmentId);
        if (!c) return [];
        const item = itemOf(c);
        const when = r.daysBefore === -1 ? 'Overdue' : `${r.daysBefore} day${r.daysBefore === 1 ? '' : 's'} to the deadline`;
        return [{ ...item, title: `${when}: ${item.title}` }];
      });
      return { title: `Deadline reminder: ${items.length === 1 ? items[0]!.title : `${items.length} items`}`, text: [lateNote(sub, d), 'Mark progress with `progress <id> <note>` or `done <id>`.'].filter(Boolean).join(' '), items, actions: snoozeActions(sub), tone: 'info' };
    }
    if (sub.kind === 'digest') {
      const scopeText = sub.topic.replace(/^summary ?/, '');
      const previous = deps.deliveries.forSubscription(sub.id).filter((x) => x.status === 'sent' && x.id !== d.id).pop();
      const reply = buildSummary(deps, scopeText ? resolveScope(scopeText, deps) : undefined, previous?.finishedAt ?? sub.createdAt);
      return { ...reply, title: `Digest: ${reply.title}`, text: [lateNote(sub, d), reply.text].filter(Boolean).join('\n'), actions: snoozeActions(sub) };
    }
    const reply = await bot.handle({
      text: sub.topic,
      platform: sub.platform,
      user: { id: sub.createdBy },
      channel: { id: sub.targetKind === 'channel' ? sub.targetRef : sub.createdBy },
      ...(sub.team ? { team: sub.team } : {}),
    });
    return {
      ...reply,
      title: `Reminder: ${reply.title}`,
      text: [lateNote(sub, d), reply.text, `(Reminder #${sub.id} — \`stop ${sub.id}\` to end it.)`].filter(Boolean).join('\n'),
      actions: [...snoozeActions(sub), ...(reply.actions ?? [])],
    };
  };
}
