import { DateTime } from 'luxon';
import { parsePeriod } from '../core/dates.js';
import { findMeeting } from './meeting-scope.js';
import { localDate } from '../core/dates.js';
import type { Reply } from '../core/reply.js';
import type { ActorRef, CommitmentView } from '../store/commitments-repo.js';
import { due } from './due.js';
import { find } from './find.js';
import { actorReply } from './lookup.js';
import { actorLabel, dateField, itemOf, listReply, plural, todayOf } from './present.js';
import type { Command, CommandInput, Deps } from './types.js';

/** Words around the thing asked about that only say "when": "the", "… due", "… take place". */
function subject(text: string): string {
  return text
    .trim()
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/\s+(?:be\s+)?(?:due|happening|happen|held|take place|taking place|expected|scheduled|planned|start|starting|end|ending|agreed|ready|out|published|released|finished|completed|done|over)$/i, '')
    .trim();
}

const byDue = (a: CommitmentView, b: CommitmentView): number => a.due!.end.localeCompare(b.due!.end);

/** An actor's dated items in date order (the ones still ahead first), then the undated ones. */
function actorDates(actors: ActorRef[], deps: Deps): Reply {
  const dir = deps.directory();
  const all = deps.commitments.byActors(dir.withMembers(actors.map((a) => a.id)));
  const today = localDate(deps.clock.now(), deps.zone);
  const dated = all.filter((c) => c.due).sort(byDue);
  const ahead = dated.filter((c) => c.due!.end >= today);
  const passed = dated.filter((c) => c.due!.end < today);
  // The undated ones in the order an actor lookup gives them (where the actor leads first).
  const rank = new Map((actorReply(actors, deps).items ?? []).map((item, i) => [item.id, i]));
  const undated = all.filter((c) => !c.due).sort((a, b) => (rank.get(a.id) ?? 99) - (rank.get(b.id) ?? 99));
  const names = actors.map(actorLabel).join(', ');
  if (all.length === 0) return { title: `Nothing recorded for ${names}`, text: 'The report records no item for them, dated or not.', tone: 'empty' };
  const title = dated.length ? `${names}: dates, in order` : `${names}: the report gives no dates`;
  const parts = [
    dated.length ? `${plural(ahead.length, 'dated item')} ahead, ${plural(passed.length, 'passed')}` : '',
    undated.length ? `${plural(undated.length, 'item')} without a date${dated.length ? ' follow' : ''}` : '',
  ].filter(Boolean);
  return listReply(title, [...ahead, ...passed, ...undated].map((c) => itemOf(c, undefined, today)), 'Ask by date too, e.g. `due 2014`.', `${parts.join('; ')}.`);
}

/** "When was the meeting (held)?", "when was the 12th meeting": the meeting's own dates, from its record. */
function meetingAsked(text: string, deps: Deps): Reply | undefined {
  const generic = /^(?:this |that |our )?meeting$/i.test(text);
  const all = deps.reference.meetings();
  const named = generic ? undefined : findMeeting(text, deps);
  const meetings = named ? [named.id] : generic && all.length === 1 ? [all[0]!.id] : [];
  const m = all.find((x) => x.id === meetings[0]);
  if (!m) return undefined;
  const [from, to] = [DateTime.fromISO(m.heldFrom), DateTime.fromISO(m.heldTo)];
  const when = m.heldFrom === m.heldTo ? `on ${from.toFormat('d LLLL yyyy')}` : from.hasSame(to, 'month') ? `on ${from.toFormat('d')}–${to.toFormat('d LLLL yyyy')}` : `from ${from.toFormat('d LLLL yyyy')} to ${to.toFormat('d LLLL yyyy')}`;
  const where = m.place ? ` at ${m.place}` : '';
  return { title: `The ${m.shortName} was held${where} ${when}`, text: `${m.name}. ${m.citation}`.trim(), tone: 'info' };
}

/** The best match for the words, its date leading the answer. */
async function searchDates(text: string, input: CommandInput, deps: Deps): Promise<Reply> {
  const found = await find.handle({ ...input, args: text }, deps);
  const top = found.items?.[0] && deps.commitments.get(found.items[0].id);
  if (!top) return found;
  const when = dateField(top, todayOf(deps))?.value;
  return {
    ...found,
    title: when ? `${when.charAt(0).toUpperCase()}${when.slice(1)} — ${top.summary}` : `The report gives no date for “${text.slice(0, 60)}”`,
  };
}

export const when: Command = {
  spec: {
    name: 'when',
    cache: 'day',
    paged: true,
    times: true,
    aliases: ['dates', 'timeline'],
    summary: "When something happens: an item's date, or an organisation's dated items in date order.",
    usage: 'when <item, event or organisation>',
    examples: ['when is the ECE plenary?', 'OWG dates', "what's next for KNOMAD", 'deadline for the ICPD work plan'],
    patterns: [
      /^when (?:is|are|was|were|will|does|do|did|should|must|has|have|can|would) (?<args>.+)$/i,
      /^(?:when and where|where and when|where) (?:is|was|were|will be) (?<args>(?:the |this |that |our )?(?:\d+(?:st|nd|rd|th) |twelfth )?meeting(?: held)?)$/i,
      /^(?:deadlines?|due dates?|dates?|timeline|timing|schedule) (?:for|of|on) (?<args>.+)$/i,
      /^(?!(?:the\s+)?(?:what|which|any|are|is|all|my|our|upcoming|next|coming|key|important|main|future|forthcoming|missed|overdue|late|past|recent)\b)(?<args>.+?)(?:['’]s)? (?:dates?|deadlines?|timeline|schedule|due dates?)$/i,
      /^what (?:is|are) (?:next|coming up|ahead|upcoming|planned|scheduled) (?:for|from|on|with) (?<args>.+)$/i,
      /^(?:next|upcoming|coming up) (?:for|from) (?<args>.+)$/i,
      /^what (?:is|are|will) (?<args>.+?) (?:going to do|doing|planning|do|to do) next$/i,
    ],
  },
  async handle(input, deps): Promise<Reply> {
    const text = subject(input.args);
    if (!text || parsePeriod(text, deps.clock.now(), deps.zone)) return due.handle({ ...input, args: text }, deps);
    const meeting = meetingAsked(text, deps);
    if (meeting) return meeting;
    const actors = deps.directory().resolve(text);
    if (actors.length) return actorDates(actors, deps);
    return searchDates(text, input, deps);
  },
};
