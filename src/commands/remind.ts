import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { parseWhen, WHEN_EXAMPLES, type When } from '../scheduler/parse.js';
import { describeSchedule, formatSchedule, ladderRungs, nextOccurrence, type Schedule } from '../scheduler/schedule.js';
import { formatInstant, parseTarget, subscriptionItem, targetLabel, targetZone, userZone } from './followup-helpers.js';
import { resolveScope } from './summary-content.js';
import { checkQuota } from './reminder-rules.js';
import { classifyTopic } from './topics.js';
import type { Command, CommandInput, Deps } from './types.js';

const USAGE = 'remind <me|#channel|@user> about <what> <when>';
const EXAMPLES = '`remind me about knomad-recruitment-costs in 3 days`, `remind #migration every monday at 9am about gfmd`, `remind #team before deadlines`';

/** Splits "<topic> <when>" by finding the longest ending that reads as a time. */
function splitTopicAndWhen(text: string, now: Date, zone: string): { topic: string; when: When } {
  const words = text.split(' ');
  let firstError: unknown;
  for (let i = 1; i < words.length; i++) {
    try {
      return { topic: words.slice(0, i).join(' '), when: parseWhen(words.slice(i).join(' '), now, zone) };
    } catch (err) {
      if (err instanceof UserError && !/couldn't understand/.test(err.message)) firstError ??= err;
    }
  }
  if (firstError) throw firstError;
  throw new UserError('bad-date', `I couldn't find when to remind in “${text.slice(0, 80)}”.`, `Say when at the end, e.g. ${EXAMPLES}. Times I understand: ${WHEN_EXAMPLES}.`);
}

async function ladder(input: CommandInput, deps: Deps, m: RegExpExecArray, target: ReturnType<typeof parseTarget> & object): Promise<Reply> {
  const { message } = input;
  const offsets = m[1] ? [...new Set(m[1].split(/\s*(?:,|and)\s*/).map(Number))].sort((a, b) => b - a) : [30, 7, 1];
  if (offsets.some((o) => !Number.isInteger(o) || o < 1 || o > 365)) throw new UserError('bad-input', 'Days before a deadline must be between 1 and 365.', 'For example `remind #team 14 and 3 days before deadlines`.');
  const scope = m[2] ? resolveScope(m[2], deps) : undefined;
  if (m[2] && !scope) throw new UserError('not-found', `I don't know “${m[2].slice(0, 60)}” as an organisation, track or item.`, 'For example `remind @alice 14 and 3 days before deadlines for KNOMAD`.');
  const ids = scope ? scope.ids : undefined;
  await checkQuota(deps, message, target);
  const zone = targetZone(deps, message, target);
  const schedule: Schedule = { type: 'ladder', offsets, overdue: true, hour: 9, minute: 0 };
  const now = deps.clock.now();
  const items = deps.commitments.withDeadlines().filter((c) => c.status !== 'done' && c.status !== 'dropped' && (!ids || ids.includes(c.id)));
  const next = ladderRungs(schedule, items, zone).find((r) => r.at > now);
  if (!next) {
    return {
      title: 'No deadline ahead to remind about',
      text: `${items.length ? `Every one of the ${items.length} open dated item${items.length === 1 ? '' : 's'} is past its deadline` : 'No open item has a deadline'}${scope ? ` for ${scope.label}` : ''}. See them with \`overdue\`.`,
      tone: 'empty',
    };
  }
  const sub = await deps.schedules.createSubscription(
    { kind: 'ladder', platform: message.platform, team: message.team ?? '', targetKind: target.kind, targetRef: target.ref, createdBy: message.user.id, topic: { kind: 'deadlines', text: scope ? scope.label : '', query: m[2] ?? '', ...(ids ? { ids } : {}) }, schedule: formatSchedule(schedule), zone, nextRunAt: next.at.toISOString() },
    now,
  );
  return {
    title: `OK — deadline reminders for ${targetLabel(target, message)}${scope ? ` (${scope.label})` : ''}`,
    text: `${describeSchedule(schedule, zone)}. Items with an owner go to the owner. First: ${formatInstant(next.at.toISOString(), userZone(deps, message))}.`,
    items: [await subscriptionItem(sub, deps, userZone(deps, message), message)],
    tone: 'info',
    audience: target.kind === 'channel' ? 'channel' : 'asker',
  };
}

export const remind: Command = {
  spec: {
    name: 'remind',
    places: true,
    aliases: ['reminder', 'remindme'],
    times: true,
    summary: 'Set a reminder: once, recurring, or before each deadline; for you, a channel or a person.',
    usage: USAGE,
    examples: [
      'remind me about knomad-recruitment-costs in 3 days',
      'remind me tomorrow at 9 about the GFMD priorities',
      'remind #migration every monday at 9am about gfmd',
      'remind #team every weekday 8:30 Europe/Zurich about overdue',
      'remind #team before deadlines',
      'remind @alice 14 and 3 days before deadlines for KNOMAD',
    ],
  },
  async handle(input, deps): Promise<Reply> {
    const { message } = input;
    const [first = '', ...restWords] = input.args.trim().split(/\s+/);
    const target = parseTarget(first, message);
    if (!target) throw new UserError('bad-usage', first ? `Who should I remind? “${first.slice(0, 40)}” is not me, #channel or @person.` : 'Who should I remind, about what, and when?', `For example ${EXAMPLES}.`);
    const rest = restWords.join(' ').trim();
    const lad = /^(?:(\d+(?:\s*(?:,|and)\s*\d+)*)\s+days?\s+)?before (?:the |each )?deadlines?(?:\s+(?:for|of|about|on)\s+(.+))?$/i.exec(rest);
    if (lad) return ladder(input, deps, lad, target);

    const zone = targetZone(deps, message, target);
    const now = deps.clock.now();
    const about = /(?:^|\s)(?:about|to|that)\s/i.exec(rest);
    if (!about) throw new UserError('bad-usage', 'What should I remind about?', `Put it after “about”, e.g. ${EXAMPLES}.`);
    const before = rest.slice(0, about.index).trim();
    const after = rest.slice(about.index + about[0].length).trim();
    const { topic, when } = before ? { topic: after, when: parseWhen(before, now, zone) } : splitTopicAndWhen(after, now, zone);
    const next = nextOccurrence(when.schedule, now, when.zone);
    if (!next) throw new UserError('bad-date', 'That time never comes.', `Try ${WHEN_EXAMPLES}.`);
    await checkQuota(deps, message, target);
    const what = classifyTopic(topic, deps);
    const sub = await deps.schedules.createSubscription(
      { kind: 'reminder', platform: message.platform, team: message.team ?? '', targetKind: target.kind, targetRef: target.ref, createdBy: message.user.id, topic: what, schedule: formatSchedule(when.schedule), zone: when.zone, nextRunAt: next.toISOString() },
      now,
    );
    const viewer = userZone(deps, message);
    return {
      title: `OK — I'll remind ${targetLabel(target, message)} ${when.schedule.type === 'once' ? 'on' : ''} ${when.schedule.type === 'once' ? formatInstant(next.toISOString(), viewer) : describeSchedule(when.schedule, when.zone)}`.replace(/\s+/g, ' '),
      text: `About: ${what.text}${what.kind === 'note' ? ' (as you wrote it)' : ''}. ${when.schedule.type === 'once' ? '' : `Next: ${formatInstant(next.toISOString(), viewer)}. `}Reminder #${sub.id}: \`stop ${sub.id}\`, \`pause ${sub.id}\` or \`snooze ${sub.id} 1d\`.`,
      items: [await subscriptionItem(sub, deps, viewer, message)],
      tone: 'info',
      audience: target.kind === 'channel' ? 'channel' : 'asker',
    };
  },
};
