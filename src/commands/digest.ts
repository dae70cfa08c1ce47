import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { parseWhen, WHEN_EXAMPLES, type When } from '../scheduler/parse.js';
import { describeSchedule, formatSchedule, nextOccurrence } from '../scheduler/schedule.js';
import { formatInstant, parseTarget, subscriptionItem, targetLabel, targetZone, userZone } from './followup-helpers.js';
import { resolveScope } from './summary-content.js';
import { checkQuota } from './reminder-rules.js';
import type { Command } from './types.js';

export const digest: Command = {
  spec: {
    name: 'digest',
    places: true,
    aliases: ['digests'],
    times: true,
    summary: 'Schedule a digest to a channel; each one says what changed since the previous one.',
    usage: 'digest <#channel|me> <when> [track or organisation]',
    examples: ['digest #migration every friday 16:00', 'digest #migration every monday 9am gfmd', 'digest me every month on the 1st KNOMAD'],
  },
  async handle({ args, message }, deps): Promise<Reply> {
    const [first = '', ...rest] = args.trim().split(/\s+/);
    const target = parseTarget(first, message);
    if (!target) throw new UserError('bad-usage', 'Where should the digest go?', 'For example `digest #migration every friday 16:00` or `digest me every monday 9am gfmd`.');
    const words = rest.join(' ').replace(/\s+(?:about|for|on)\s+/i, ' ').split(' ').filter(Boolean);
    if (words.length === 0 || !/^every$/i.test(words[0]!)) throw new UserError('bad-date', 'A digest needs a recurring time, starting with “every”.', `For example \`digest #migration every friday 16:00\`. Times I understand: ${WHEN_EXAMPLES}.`);
    const zone = targetZone(deps, message, target);
    const now = deps.clock.now();
    // The longest leading run of words that reads as a recurrence; the rest is the scope.
    let when: When | undefined;
    let scopeText = '';
    let lastError: unknown;
    for (let i = words.length; i >= 2; i--) {
      try {
        when = parseWhen(words.slice(0, i).join(' '), now, zone);
        scopeText = words.slice(i).join(' ');
        break;
      } catch (err) {
        lastError ??= err;
      }
    }
    if (!when) throw lastError;
    if (when.schedule.type === 'once') throw new UserError('bad-date', 'A digest repeats: say how often.', 'For example `every friday 16:00` or `every month on the 1st`.');
    const scope = scopeText ? resolveScope(scopeText, deps) : undefined;
    if (scopeText && !scope) throw new UserError('not-found', `I don't know “${scopeText.slice(0, 60)}” as a track or an organisation.`, 'For example `digest #migration every friday 16:00 gfmd`.');
    const next = nextOccurrence(when.schedule, now, when.zone)!;
    await checkQuota(deps, message, target);
    const sub = await deps.schedules.createSubscription(
      { kind: 'digest', platform: message.platform, team: message.team ?? '', targetKind: target.kind, targetRef: target.ref, createdBy: message.user.id, topic: { kind: 'summary', text: scopeText, query: scopeText }, schedule: formatSchedule(when.schedule), zone: when.zone, nextRunAt: next.toISOString() },
      now,
    );
    const viewer = userZone(deps, message);
    return {
      title: `OK — a digest${scope ? ` of ${scope.label}` : ''} to ${targetLabel(target, message)} ${describeSchedule(when.schedule, when.zone)}`,
      text: `First: ${formatInstant(next.toISOString(), viewer)}. Each digest says what changed since the previous one. Digest #${sub.id}: \`stop ${sub.id}\`.`,
      items: [await subscriptionItem(sub, deps, viewer, message)],
      tone: 'info',
      audience: target.kind === 'channel' ? 'channel' : 'asker',
    };
  },
};
