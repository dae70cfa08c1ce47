import type { IncomingMessage } from '../core/message.js';
import type { Reply, ReplyAction } from '../core/reply.js';
import type { Renderer } from '../scheduler/engine.js';
import type { Rung } from '../scheduler/schedule.js';
import type { Delivery } from '../store/deliveries-repo.js';
import type { Subscription } from '../store/subscriptions-repo.js';
import { formatInstant } from './followup-helpers.js';
import { itemOf, plural, todayOf } from './present.js';
import { buildSummary, resolveScope } from './summary-content.js';
import { answerTopic } from './topics.js';
import type { Deps } from './types.js';

function lateNote(sub: Subscription, d: Delivery): string {
  return d.late ? `Sent late: it was due ${formatInstant(d.scheduledFor, sub.zone)}, while the bot was not running.` : '';
}

/** Buttons on every scheduled message: put the next run off, or end it. */
function snoozeActions(sub: Subscription): ReplyAction[] {
  return [
    { id: 'snooze-1d', label: 'Snooze 1 day', command: `snooze ${sub.id} 1d` },
    { id: 'snooze-1w', label: 'Snooze 1 week', command: `snooze ${sub.id} 1w` },
    { id: 'stop', label: 'Stop', command: `stop ${sub.id}`, style: 'danger' },
  ];
}

/** Items a scheduled message to a channel shows (it posts for everyone, every time): the rest are counted. */
export const CHANNEL_ITEMS = 5;

/** A message to a channel cut to CHANNEL_ITEMS items, saying how many more there are and which command shows them. */
function forChannel(sub: Subscription, reply: Reply, ...seeAll: string[]): Reply {
  const items = reply.items ?? [];
  if (sub.targetKind !== 'channel' || items.length <= CHANNEL_ITEMS) return reply;
  const count = items.length - CHANNEL_ITEMS + (reply.more?.count ?? 0);
  return { ...reply, items: items.slice(0, CHANNEL_ITEMS), more: { count, hint: `Ask me ${seeAll.map((c) => `\`${c}\``).join(' or ')} to see them all.` } };
}

function ladderMessage(sub: Subscription, d: Delivery, rungs: Rung[], deps: Deps): Reply {
  const items = rungs.flatMap((r) => {
    const c = deps.commitments.get(r.commitmentId);
    if (!c) return [];
    const item = itemOf(c, undefined, todayOf(deps));
    const when = r.daysBefore === -1 ? 'Overdue' : `${plural(r.daysBefore, 'day')} to the deadline`;
    return [{ ...item, title: `${when}: ${item.title}` }];
  });
  const reply: Reply = {
    title: `Deadline reminder: ${items.length === 1 ? items[0]!.title : `${items.length} items`}`,
    text: [lateNote(sub, d), 'Mark progress with `progress <id> <note>` or `done <id>`.'].filter(Boolean).join(' '),
    items,
    controls: snoozeActions(sub),
    tone: 'info',
  };
  return forChannel(sub, reply, 'deadlines', 'overdue');
}

async function digestMessage(sub: Subscription, d: Delivery, deps: Deps): Promise<Reply> {
  const scopeText = sub.topic.query;
  const previous = (await deps.schedules.deliveriesOf(sub.id)).filter((x) => x.status === 'sent' && x.id !== d.id).pop();
  const scope = scopeText ? resolveScope(scopeText, deps) : undefined;
  if (scopeText && !scope) {
    // The scope no longer names anything (an item retired, an organisation renamed): say so, rather than widen to everything.
    return {
      title: `Digest: “${scopeText}” no longer names an item, track or organisation`,
      text: [lateNote(sub, d), `Set a new digest with \`digest\`, or stop this one with \`stop ${sub.id}\`.`].filter(Boolean).join('\n'),
      controls: snoozeActions(sub),
      tone: 'error',
    };
  }
  const reply = await buildSummary(deps, scope, previous?.finishedAt ?? sub.createdAt);
  const digest: Reply = { ...reply, title: `Digest: ${reply.title}`, text: [lateNote(sub, d), reply.text].filter(Boolean).join('\n'), controls: snoozeActions(sub) };
  delete digest.actions;
  return forChannel(sub, digest, `summary ${scopeText ?? ''}`.trim());
}

/**
 * What a scheduled message says, worked out at delivery time so it is never stale. It only reads:
 * a reminder shows its topic (see answerTopic), it never runs a command.
 */
export function createScheduledRenderer(deps: Deps): Renderer {
  // Channels and people by name (`#migration`, not `#C1`), as in chat answers.
  return async (sub, d, rungs): Promise<Reply> => deps.names.named(await render(sub, d, rungs), { platform: sub.platform, team: sub.team });
  async function render(...[sub, d, rungs]: Parameters<Renderer>): Promise<Reply> {
    if (sub.kind === 'ladder') return ladderMessage(sub, d, rungs, deps);
    if (sub.kind === 'digest') return digestMessage(sub, d, deps);
    const asker: IncomingMessage = {
      text: sub.topic.text,
      platform: sub.platform,
      user: { id: sub.createdBy },
      channel: { id: sub.targetKind === 'channel' ? sub.targetRef : sub.createdBy },
      ...(sub.team ? { team: sub.team } : {}),
    };
    const reply = await answerTopic(sub.topic, asker, deps);
    const reminder: Reply = {
      ...reply,
      title: `Reminder: ${reply.title}`,
      text: [lateNote(sub, d), reply.text, `(Reminder #${sub.id} — \`stop ${sub.id}\` to end it.)`].filter(Boolean).join('\n'),
      controls: snoozeActions(sub),
    };
    return forChannel(sub, reminder, sub.topic.text);
  }
}
