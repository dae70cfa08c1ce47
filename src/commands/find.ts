import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { tokenize } from '../search/tokens.js';
import { actorReply, findTrack, trackReply } from './lookup.js';
import { itemOf, plural } from './present.js';
import { LIST_LIMIT, type Command, type Deps } from './types.js';

const SUGGESTED = ['agenda', 'gfmd', 'tracks', 'due 2014', 'overdue', 'help'];

function noMatch(text: string, unknown: string[], deps: Deps): Reply {
  const close = unknown.map((w) => deps.search.correct(w)).filter((w): w is string => Boolean(w));
  return {
    title: `Nothing in the catalog matches “${text.slice(0, 80)}”`,
    text:
      (close.length ? `Did you mean: ${close.join(', ')}? ` : '') +
      'Try fewer or other words (an organisation such as KNOMAD or ILO, a topic such as recruitment costs), or one of these:',
    actions: SUGGESTED.map((c) => ({ id: `suggest:${c}`, label: c, command: c })),
    tone: 'empty',
  };
}

export const find: Command = {
  spec: {
    name: 'find',
    cache: 'data',
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
    const actors = deps.directory().resolve(text);
    if (actors.length) return actorReply(actors, deps);
    const track = findTrack(text, deps);
    if (track) return trackReply(track, deps);
    const exact = deps.commitments.get(text.toLowerCase());
    if (exact) return { title: exact.summary, items: [itemOf(exact)] };

    const result = deps.search.search(text, { limit: LIST_LIMIT });
    if (result.hits.length === 0) return noMatch(text, result.unknown, deps);
    const quotes = new Map(result.hits.map((h) => [h.id, h.quote]));
    const items = deps.commitments.getMany(result.hits.map((h) => h.id)).map((c) => itemOf(c, quotes.get(c.id)));
    const notes: string[] = [];
    if (result.corrections.length)
      notes.push(`Showing results for ${result.corrections.map((c) => `“${c.to}”`).join(', ')} (you typed ${result.corrections.map((c) => `“${c.from}”`).join(', ')}).`);
    if (result.unknown.length) notes.push(`No item mentions ${result.unknown.map((w) => `“${w}”`).join(', ')}.`);
    const reply: Reply = {
      title:
        result.plan === 'exact' ? `${plural(result.total, 'match', 'matches')} for “${text.slice(0, 80)}”` : `Best matches for “${text.slice(0, 80)}”`,
      items,
      tone: 'info',
    };
    if (notes.length) reply.text = notes.join(' ');
    if (result.total > items.length) reply.more = { count: result.total - items.length, hint: 'Add a word to narrow the search, e.g. an organisation or a year.' };
    return reply;
  },
};
