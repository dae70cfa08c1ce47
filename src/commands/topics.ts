import { UserError } from '../core/errors.js';
import type { IncomingMessage } from '../core/message.js';
import type { Reply } from '../core/reply.js';
import type { Topic } from '../store/subscriptions-repo.js';
import { actor } from './actor.js';
import { agenda } from './agenda.js';
import { due, overdue } from './due.js';
import { find } from './find.js';
import { gfmd } from './gfmd.js';
import { scopedTo, splitMeetingScope } from './meeting-scope.js';
import { CommandRegistry, normaliseText, stripControl } from './registry.js';
import { show } from './show.js';
import { source } from './source.js';
import { tracks } from './tracks.js';
import type { Command, Deps } from './types.js';
import { when } from './when.js';
import { who } from './who.js';

/**
 * The lookups a reminder may show when it fires. Each only reads: a reminder is a lookup sent
 * later, never a command run later on its creator's behalf. This registry holds nothing else, so
 * no stored words can reach a command that writes, whatever they say.
 */
const LOOKUPS: readonly Command[] = [who, overdue, when, actor, agenda, gfmd, tracks, due, show, source, find];
const lookups = new CommandRegistry(LOOKUPS, 'find');
const LOOKUP_NAMES = new Set(LOOKUPS.map((c) => c.spec.name));

/** Whether the whole bot would take these words as a command that is not a lookup (done, remind …). */
function namesAnotherCommand(text: string, deps: Deps): boolean {
  const clean = normaliseText(text);
  const first = clean.split(' ')[0]!.toLowerCase();
  return deps
    .specs()
    .filter((s) => !LOOKUP_NAMES.has(s.name))
    .some((s) => [s.name, ...s.aliases].some((w) => w.toLowerCase() === first) || (s.patterns ?? []).some((p) => p.test(clean)));
}

/**
 * What a reminder is about, as what it is: an item, a lookup (an organisation, a track, an
 * agenda point, a due window, a search), or words shown as typed ("call Ana about the draft",
 * "done knomad-recruitment-costs": shown, never run).
 */
export function classifyTopic(raw: string, deps: Deps): Topic {
  const text = stripControl(raw).replace(/^(?:the|my)\s+/i, '').trim();
  if (!text) throw new UserError('bad-usage', 'What should I remind about?', 'For example `remind me about knomad-recruitment-costs in 3 days`.');
  if (text.length > 300) throw new UserError('too-long', `That topic is ${text.length} characters; a reminder's topic holds at most 300.`, 'Name an item, an organisation or a few words.');
  const id = text.toLowerCase();
  if (deps.commitments.get(id)) return { kind: 'item', text: id, query: id };
  if (namesAnotherCommand(text, deps)) return { kind: 'note', text, query: text };
  const route = routeLookup(text, deps);
  if (route.command === find && !findsAll(route.args, route.deps)) {
    // Words the catalog does not hold ("call Zoltan") are a note to self, shown as typed.
    return { kind: 'note', text, query: text };
  }
  return { kind: 'lookup', text, query: text, lookup: route.command.spec.name };
}

/** Whether a search finds these words: something matches, and every word occurs somewhere. */
function findsAll(words: string, deps: Deps): boolean {
  if (deps.directory().resolve(words).length) return true;
  const result = deps.search.search(words, { limit: 1, meeting: deps.commitments.meetingId });
  return result.hits.length > 0 && result.unknown.length === 0;
}

function routeLookup(text: string, deps: Deps): { command: Command; args: string; deps: Deps } {
  const scope = splitMeetingScope(text, deps);
  const { command, args } = lookups.route(scope ? scope.text : text);
  return { command, args, deps: scope ? scopedTo(deps, scope.meeting.id) : deps };
}

/** What a reminder shows when it fires: only ever read. */
export async function answerTopic(topic: Topic, message: IncomingMessage, deps: Deps): Promise<Reply> {
  if (topic.kind === 'item') return show.handle({ args: topic.query, message }, deps);
  if (topic.kind === 'note') return { title: topic.text, tone: 'info' };
  if (topic.kind !== 'lookup') throw new Error(`a ${topic.kind} topic is not a reminder's`);
  const route = routeLookup(topic.query, deps);
  const reply = await route.command.handle({ args: route.args, message }, route.deps);
  // A search that finds nothing any more still reminds of what was asked.
  return reply.tone === 'empty' ? { ...reply, title: topic.text, text: [reply.title, reply.text].filter(Boolean).join('\n') } : reply;
}
