import type { Reply } from '../core/reply.js';
import { isVerbForm } from '../search/lemmas.js';
import { contentWords } from '../search/tokens.js';
import type { ActorRef } from '../store/commitments-repo.js';
import { find } from './find.js';
import { actorReply } from './lookup.js';
import { sessionAsked, sessionReply } from './sessions.js';
import type { Command, Deps } from './types.js';

/** Words too common in this report to say who did something. */
const GENERIC = new Set(['meeting', 'migration', 'international', 'development', 'report', 'session', 'united', 'nations', 'un', 'now', 'currently']);

/** A word without its common endings, so "presented" meets "presentation" and "chairing" meets "Chair". */
function root(word: string): string {
  const r = word.replace(/(?:ations?|ings?|ed|es|s)$/, '');
  return r.length >= 4 ? r : word;
}

function roots(text: string): Set<string> {
  return new Set(contentWords(text).filter((w) => !GENERIC.has(w) && !/^\d+$/.test(w)).map(root));
}

/** Whether a question's words, past the common ones, are all verb forms ("opened", "chaired"). */
function onlyDoing(question: string): boolean {
  const words = contentWords(question).filter((w) => !GENERIC.has(w) && !/^\d+$/.test(w));
  return words.length > 0 && words.every(isVerbForm);
}

/** The question without its leading past-tense verb, when something else is left ("suggested a new org" → "a new org"). */
function withoutDeeds(question: string): string | undefined {
  const [first = '', ...rest] = question.trim().split(/\s+/);
  const verb = first.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, '');
  if (!(verb.endsWith('ed') && isVerbForm(verb))) return undefined;
  const about = rest.join(' ');
  return contentWords(about).some((w) => !GENERIC.has(w)) ? about : undefined;
}

/** How people are named in a title: an acronym alone, else the name. */
function shortName(a: ActorRef): string {
  return a.kind !== 'person' && a.acronym && !a.acronym.includes(' ') ? a.acronym : a.name;
}

/**
 * The actors whose recorded role best says what the question asks ("moderated the panel",
 * "keynote speaker"): two of its words in the role (one when the question has no more), or one
 * word when the search's best items are theirs too (`found`: those items' actors).
 */
function byRole(question: string, found: ReadonlySet<string>, deps: Deps): ActorRef[] {
  const wanted = roots(question);
  if (wanted.size === 0) return [];
  const scored = deps.commitments
    .actors()
    .filter((a) => a.role)
    .map((a) => ({ a, n: [...roots(a.role!)].filter((r) => wanted.has(r)).length }))
    .filter((x) => x.n > 0 && (x.n >= Math.min(2, wanted.size) || found.has(x.a.id)));
  const best = Math.max(0, ...scored.map((x) => x.n));
  return scored.filter((x) => x.n === best).slice(0, 3).map((x) => x.a);
}

/**
 * The one actor whose recorded role holds every informative word (two to four) of a question that names
 * a role ("keynote speaker?", "the moderator", "manager of the remittances unit"), or none.
 */
export function roleNamed(question: string, deps: Deps): ActorRef | undefined {
  const wanted = roots(question);
  if (wanted.size < 2 || wanted.size > 4) return undefined;
  const holders = deps.commitments.actors().filter((a) => a.role && [...wanted].every((r) => roots(a.role!).has(r)));
  return holders.length === 1 ? holders[0] : undefined;
}

/** "who presented the ICPD indicators": the people or organisations lead the answer, then what the report says. */
export const who: Command = {
  spec: {
    name: 'who',
    cache: 'data',
    paged: true,
    aliases: [],
    summary: 'Who did or said something: the people and organisations first, then the report’s words.',
    usage: 'who <did what>',
    examples: ['who presented the ICPD indicators?', 'who is gathering data on recruitment costs', 'who is Ratha?'],
    patterns: [
      /^who(?: (?:is|are|was|were|will be|has been|have been|had|has|have|did|does|do|will))? (?<args>.+)$/i,
      /^(?:which|what) (?:organi[sz]ations?|agenc(?:y|ies)|countr(?:y|ies)|bod(?:y|ies)|persons?|people|entit(?:y|ies)|member states?|speakers?|panell?ists?|group)(?: (?:is|are|was|were|has|have|will|did|does|do))? (?<args>.+)$/i,
    ],
  },
  async handle(input, deps): Promise<Reply> {
    const text = input.args.trim();
    const dir = deps.directory();
    const named = dir.resolve(text);
    if (named.length) {
      const reply = actorReply(named, deps);
      return { ...reply, title: named.map((a) => dir.displayName(a)).join('; ') };
    }
    // "who spoke in the economic session", "who moderated the panel": the session's speakers or chair.
    const session = sessionAsked(text, deps);
    if (session) return sessionReply(session, deps, true);
    // The search looks for what the question is about; its past-tense verb ("who suggested …",
    // "who presented on …") says what was done, which the roles below answer: searched for, it
    // would pick whoever the report says did that to anything.
    const about = withoutDeeds(text);
    const found = await find.handle(about ? { ...input, args: about } : input, deps);
    // "who opened the meeting": when the question names nothing but what was done (a verb, and
    // words as common as "meeting"), the report's own words must say it: a match in a name or a
    // summary is the verb's letters elsewhere ("opened" → the Open Working Group).
    if (onlyDoing(text)) {
      const said = (found.items ?? []).filter((i) => i.quote && i.quote.highlights.length > 0);
      const holders = said.length ? [] : byRole(text, new Set(), deps);
      if (holders.length) {
        return { title: `Who: ${holders.map((a) => `${shortName(a)} — ${a.role}`).join('; ')}`, text: 'The report records nothing else about it.', actions: holders.map((a) => ({ id: `actor:${a.id}`, label: shortName(a), command: `actor ${shortName(a)}` })), tone: 'info' };
      }
      if (!said.length) return { title: `The report does not say who ${text.replace(/[?.!\s]+$/, '')}`, text: 'No passage says it, and no one in the report has that role.', tone: 'empty' };
      found.items = said;
      delete found.more;
    }
    const topActors = new Set(deps.commitments.getMany((found.items ?? []).slice(0, 3).map((i) => i.id)).flatMap((c) => c.actors.map((a) => a.id)));
    const roleHolders = byRole(text, topActors, deps);
    if (roleHolders.length) {
      const title = `Who: ${roleHolders.map((a) => `${shortName(a)} — ${a.role}`).join('; ')}`;
      if (!found.items?.length) {
        return { title, text: 'The report records nothing else about it.', actions: roleHolders.map((a) => ({ id: `actor:${a.id}`, label: shortName(a), command: `actor ${shortName(a)}` })), tone: 'info' };
      }
      return { ...found, title };
    }
    const top = found.items?.[0] && deps.commitments.get(found.items[0].id);
    if (!top || top.actors.length === 0) return found;
    return { ...found, title: `Who: ${top.actors.map(shortName).join(', ')}` };
  },
};
