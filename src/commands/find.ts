import type { Kind } from '../catalog/schema.js';
import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import type { SearchResult } from '../search/search.js';
import { actorNames } from '../search/actors.js';
import { lemmas } from '../search/lemmas.js';
import { tokenize } from '../search/tokens.js';
import type { ActorRef } from '../store/commitments-repo.js';
import { abbreviationReply, actorReply, findTrack, kindsAsked, trackReply } from './lookup.js';
import { roleNamed } from './who.js';
import { sessionAsked, sessionReply } from './sessions.js';
import { itemOf, listReply, plural, todayOf } from './present.js';
import { partReference, saysNothingMore, sectionReply } from './section.js';
import { agendaPointReply } from './agenda.js';
import { actorsDueQuestion } from './due.js';
import { LIST_LIMIT, type Command, type Deps } from './types.js';

/** How many of the best matches a question naming an organisation or person is reordered from. */
const SUBJECT_POOL = 30;

const SUGGESTED = ['agenda', 'gfmd', 'tracks', 'due 2014', 'overdue', 'help'];

const quoted = (words: string[]): string => words.map((w) => `“${w}”`).join(', ');

/**
 * Nothing matches. When a word of the question occurs nowhere, the report says nothing about it:
 * items that share the question's other words are offered as suggestions, never as matches.
 */
function noMatch(text: string, result: SearchResult, deps: Deps): Reply {
  const close = result.unknown.map((w) => deps.search.correct(w)).filter((w): w is string => Boolean(w));
  const topic = (result.topic || text).slice(0, 80);
  const suggestions = result.suggestions.slice(0, 3);
  const parts = [
    result.unknown.length ? `No item mentions ${quoted(result.unknown)}.` : undefined,
    close.length ? `Did you mean: ${close.join(', ')}?` : undefined,
    suggestions.length
      ? `${suggestions.length === 1 ? 'The closest item shares' : 'The closest items share'} only other words of the question:`
      : 'Try other words (an organisation such as KNOMAD or ILO, a topic such as recruitment costs), or one of these:',
  ];
  return {
    title: result.unknown.length ? `The report says nothing about ${topic}` : `Nothing in the report matches “${topic}”`,
    text: parts.filter(Boolean).join(' '),
    actions: suggestions.length
      ? suggestions.map((h) => ({ id: `suggest:${h.id}`, label: h.id, command: `show ${h.id}` }))
      : SUGGESTED.map((c) => ({ id: `suggest:${c}`, label: c, command: c })),
    tone: 'empty',
  };
}

/**
 * The one actor the question's informative words name, when every other word of them is a word of
 * that actor's role ("Pritchett keynote": Lant Pritchett, keynote speaker), after corrections.
 */
function actorByRole(result: SearchResult, deps: Deps): ActorRef | undefined {
  const fixes = new Map(result.corrections.map((c) => [c.from, c.to]));
  const words = tokenize(result.topic).map((w) => fixes.get(w) ?? w);
  const dir = deps.directory();
  const named = dir.mentioned(words.join(' '));
  const [actor] = named;
  if (named.length !== 1 || !actor?.role) return undefined;
  const own = new Set(lemmas(actorNames(actor).join(' ')));
  const role = new Set(lemmas(actor.role));
  const rest = words.map((w) => lemmas(w)[0] ?? w).filter((l) => !own.has(l));
  return rest.length > 0 && rest.every((l) => role.has(l)) ? actor : undefined;
}

/** bm25 values this close (as a share of the larger) are the same evidence told apart by item length. */
const NEAR_BM25 = 0.02;

/**
 * Hits that cover the question equally (the same score) are ordered by what the question asks:
 * first the kinds its verb asks for ("what is the SRSG going to do next": commitments), then —
 * when their bm25 is all but equal too (the seven priorities of one sentence) — in the report's
 * order, as a reader lists them; otherwise by bm25.
 */
export function orderTies<H extends { seq: number; id: string; score: number; bm25: number }>(hits: H[], kindOf: (id: string) => Kind | undefined, kinds: readonly Kind[]): H[] {
  const out: H[] = [];
  for (let i = 0; i < hits.length; ) {
    let j = i + 1;
    while (j < hits.length && Math.abs(hits[j]!.score - hits[i]!.score) < 1e-9) j++;
    const tie = hits.slice(i, j);
    const bm = tie.map((h) => h.bm25);
    const near = Math.max(...bm) - Math.min(...bm) <= NEAR_BM25 * Math.max(...bm.map(Math.abs));
    const asked = (h: H): number => {
      const k = kindOf(h.id);
      const at = k ? kinds.indexOf(k) : -1;
      return at < 0 ? kinds.length : at;
    };
    out.push(...tie.map((h, n) => ({ h, n })).sort((a, b) => asked(a.h) - asked(b.h) || (near ? a.h.seq - b.h.seq : a.n - b.n)).map((x) => x.h));
    i = j;
  }
  return out;
}

/** What the answer says about how it read the question: corrections, thesaurus expansions. */
function notes(result: SearchResult): string[] {
  const out: string[] = [];
  if (result.ignored.length) out.push(`No item mentions ${quoted(result.ignored)}: these match the rest of the question.`);
  if (result.corrections.length)
    out.push(`Showing results for ${quoted(result.corrections.map((c) => c.to))} (you typed ${quoted(result.corrections.map((c) => c.from))}).`);
  if (result.expansions.length) out.push(`Also found as ${result.expansions.map((e) => `${e.term} — for “${e.for}”`).join('; ')}.`);
  return out;
}

export const find: Command = {
  spec: {
    name: 'find',
    cache: 'day', // dates read "passed" once their day is past
    aliases: ['search', 'lookup', 'look'],
    summary: 'Search the commitments: an organisation, a person, a topic, or a question.',
    usage: 'find <words>',
    examples: ['find recruitment costs', 'who is gathering data on recruitment costs', 'ILO', 'Economic Commission for Europe'],
    paged: true,
    patterns: [
      // "what did Sutherland say about the post-2015 agenda": the actor's words on that topic, by search.
      /^what (?:did|does|has|have|will|do) (?<args>.+?) (?:say|said|think|commit(?:ted)? to|propose|report|present|highlight|announce|do|plan|want|recommend|suggest)(?: (?:about|on|regarding|concerning|for|with|in)) (?:the )?(?<args2>.+)$/i,
      /^who (?:is|are|was|were|will be|has been) (?<args>.+)$/i,
      /^(?:when|where) (?:is|are|was|were|will|does|do|did) (?<args>.+)$/i,
      /^(?:anything|something) (?:on|about) (?<args>.+)$/i,
    ],
  },
  async handle({ args }, deps) {
    const text = args.trim();
    if (!text || tokenize(text).length === 0) {
      throw new UserError('bad-usage', 'What should I look for?', 'Type an organisation, a person or a topic, e.g. `KNOMAD`, `Ratha` or `find recruitment costs`.');
    }
    // "KNOMAD due in 2014": a date question about them, not a search for the word "2014".
    const dated = actorsDueQuestion(text, deps);
    if (dated) return dated;
    const dir = deps.directory();
    const actors = dir.resolve(text);
    if (actors.length) return actorReply(actors, deps);
    const track = findTrack(text, deps);
    if (track) return trackReply(track, deps);
    const exact = deps.commitments.get(text.toLowerCase());
    if (exact) return { title: exact.summary, items: [itemOf(exact, undefined, todayOf(deps))] };

    const abbreviation = dir.abbreviation(text);
    if (abbreviation) return abbreviationReply(abbreviation, deps);
    // "what was in the data and indicators session", "the second talk in the economic session".
    const session = sessionAsked(text, deps);
    if (session) return sessionReply(session, deps);
    // "keynote speaker?", "the moderator": a role the report records for one person or body.
    const holder = roleNamed(text, deps);
    if (holder) {
      const reply = actorReply([holder], deps, [], kindsAsked(text));
      return { ...reply, title: `Who: ${dir.displayName(holder)}` };
    }
    // "the harvard guy", "the ICMC rep": someone described by where they come from.
    if (dir.speaksOfSomeone(text)) {
      const described = dir.described(text);
      if (described.length) return actorReply(described, deps, [], kindsAsked(text));
    }

    // "improving the evidence base (agenda point 7)", "trafficking in section VII": a numbered
    // part of the report narrows the search to its items; the rest of the words are the topic.
    const part = partReference(text);
    if (part) {
      const p = part.part;
      if (saysNothingMore(part.rest) && (p.kind === 'section' || p.number !== undefined)) return p.kind === 'section' ? sectionReply(p.id, deps) : agendaPointReply(p.number!, deps);
      const items =
        p.kind === 'section' ? deps.commitments.bySection(p.id) : p.number !== undefined ? deps.commitments.byAgenda(p.number) : deps.reference.agenda().flatMap((a) => deps.commitments.byAgenda(a.number));
      const inPart = new Set(items.map((c) => c.id));
      const narrowed = deps.search.search(part.rest, { limit: 50, meeting: deps.commitments.meetingId });
      const hits = narrowed.hits.filter((h) => inPart.has(h.id));
      if (hits.length) {
        const quotes = new Map(hits.map((h) => [h.id, h.quote]));
        const today = todayOf(deps);
        const where = p.kind === 'section' ? `section ${p.id}` : p.number !== undefined ? `agenda point ${p.number}` : 'the eight-point agenda';
        return listReply(
          `${plural(hits.length, 'match', 'matches')} in ${where} for “${part.rest.slice(0, 60)}”`,
          deps.commitments.getMany(hits.map((h) => h.id)).map((c) => itemOf(c, quotes.get(c.id), today)),
          'Add a word to narrow the search, e.g. an organisation or a year.',
        );
      }
    }
    // "what did the UNODC representative talk about", "is Turkey planning events for its GFMD
    // year": an organisation or person named in the question is its subject — their items first.
    // An actor named only by an alias that is also a topic of the thesaurus ("the HLD Declaration",
    // an alias of the Member States that adopted it) is what the question is about, not who.
    const typedWords = tokenize(text).join(' ');
    const names = (a: ActorRef): Array<[string, boolean]> => [...[a.name, a.acronym ?? '', a.surname ?? ''].map((n): [string, boolean] => [n, false]), ...a.aliases.map((n): [string, boolean] => [n, true])];
    const subjects = dir.mentioned(text).filter((a) =>
      names(a).some(([n, alias]) => {
        const k = tokenize(n).join(' ');
        return k.length > 0 && ` ${typedWords} `.includes(` ${k} `) && !(alias && deps.search.isConceptTerm(n));
      }),
    );
    const result = deps.search.search(text, { limit: subjects.length ? SUBJECT_POOL : LIST_LIMIT, meeting: deps.commitments.meetingId });
    if (subjects.length && result.hits.length) {
      const theirs = new Set(deps.commitments.byActors(dir.withMembers(subjects.map((a) => a.id))).map((c) => c.id));
      result.hits = [...result.hits.filter((h) => theirs.has(h.id)), ...result.hits.filter((h) => !theirs.has(h.id))].slice(0, LIST_LIMIT);
    }
    result.hits = orderTies(result.hits, (id) => deps.commitments.get(id)?.kind, kindsAsked(text));
    // "pritchet keynote": one actor, named (or misspelt and corrected) with words of their role.
    const byRole = actorByRole(result, deps);
    if (byRole) return actorReply([byRole], deps, [], kindsAsked(text));
    // "please tell me about the Global Migration Group": the question's informative words name one.
    if (result.topic && result.topic !== text) {
      const named = dir.resolve(result.topic);
      // "Global Knowledge Partnership … - what is it exactly?": its items, the ones the whole
      // question matched best first.
      const best = result.hits.filter((h) => Math.abs(h.score - (result.hits[0]?.score ?? 0)) < 1e-9).map((h) => h.id);
      if (named.length) return actorReply(named, deps, best, kindsAsked(text));
      const abbreviated = dir.abbreviation(result.topic);
      if (abbreviated) return abbreviationReply(abbreviated, deps);
    }
    if (result.hits.length === 0) {
      // A misspelt name ("Dilip Rata"): the one it is closest to, said so.
      const near = dir.closest(result.topic || text);
      if (near.length) {
        const reply = actorReply(near, deps, [], kindsAsked(text));
        return { ...reply, text: [`Showing results for ${near.map((a) => `“${a.name}”`).join(', ')} (you typed “${(result.topic || text).slice(0, 60)}”).`, reply.text].filter(Boolean).join(' ') };
      }
      return noMatch(text, result, deps);
    }
    const quotes = new Map(result.hits.map((h) => [h.id, h.quote]));
    const today = todayOf(deps);
    const items = deps.commitments.getMany(result.hits.map((h) => h.id)).map((c) => itemOf(c, quotes.get(c.id), today));
    const reply: Reply = {
      title:
        result.plan === 'exact' ? `${plural(result.total, 'match', 'matches')} for “${text.slice(0, 80)}”` : `Best matches for “${text.slice(0, 80)}”`,
      items,
      tone: 'info',
    };
    const said = notes(result);
    if (said.length) reply.text = said.join(' ');
    if (result.total > items.length) reply.more = { count: result.total - items.length, hint: 'Add a word to narrow the search, e.g. an organisation or a year.' };
    return reply;
  },
};
