import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { captureCommitment, prefill, type FieldErrors, type SourceMessage } from './capture.js';
import { itemOf, todayOf } from './present.js';
import type { Command } from './types.js';

const LABELS: Record<keyof FieldErrors, string> = { summary: 'Summary', actor: 'Who', owner: 'Owner', due: 'Due', meeting: 'Meeting', message: 'Message' };

/** Field errors as one answer (chat has no form to show them under their fields). */
export function fieldErrorsReply(errors: FieldErrors): Reply {
  const lines = Object.entries(errors).map(([k, v]) => `${LABELS[k as keyof FieldErrors]}: ${v}`);
  return { title: 'Not tracked yet — nothing was stored.', text: lines.join('\n'), tone: 'error' };
}

/**
 * `capture ILO will circulate the draft by 15 March 2015`: an action item written in chat becomes a
 * tracked item of the channel's chat meeting, its actor and due date read from the text (Slack's
 * message shortcut and `/followup new` open a form for the same).
 */
export const newItem: Command = {
  spec: {
    name: 'capture',
    aliases: [],
    summary: 'Track an action item written in chat: its organisation and due date are read from the text.',
    usage: 'capture <what was promised, by whom, by when>',
    examples: ['capture ILO will circulate the draft by 15 March 2015'],
  },
  async handle({ args, message }, deps): Promise<Reply> {
    const text = args.trim();
    if (!text) throw new UserError('bad-usage', 'What should I track?', 'For example `capture ILO will circulate the draft by 15 March 2015`.');
    const source: SourceMessage = {
      platform: message.platform,
      team: message.team ?? '',
      channelId: message.channel.id,
      ...(message.channel.name ? { channelName: message.channel.name } : {}),
      authorId: message.user.id,
      ...(message.user.name ? { authorName: message.user.name } : {}),
      postedAt: deps.clock.now().toISOString(),
      text,
    };
    const p = prefill(source, deps);
    const r = await captureCommitment({ summary: p.summary, ...(p.actorId ? { actorId: p.actorId } : {}), ...(p.due ? { due: p.due.phrase } : {}) }, source, deps, message);
    if (!r.ok) return fieldErrorsReply(r.errors);
    return { title: `Tracked: ${r.id}`, text: 'It answers lookups, reminders and digests like the report’s items.', items: [itemOf(deps.commitments.get(r.id)!, undefined, todayOf(deps))], tone: 'info' };
  },
};
