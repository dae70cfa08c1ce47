import type { Kind } from '../catalog/schema.js';
import { UserError } from '../core/errors.js';
import { abbreviationReply, actorReply, kindsAsked } from './lookup.js';
import { sessionAsked, sessionReply } from './sessions.js';
import type { Command } from './types.js';

/** What a natural pattern leaves after the name: the verb or noun saying what is asked ("… suggest", "… commitments"). */
const ASKED = /^(?<who>.+?) (?<what>commit(?:ted)?(?: (?:to|itself to|themselves to))?|promise[ds]?|pledge[ds]?|say|said|propose[ds]?|proposing|plan(?:ned)?|planning|plans|do|doing|report(?:ed)?|announce[ds]?|present(?:ed)?|highlight(?:ed)?|want(?:ed)?|ask(?:ed)? for|call(?:ed)? for|recommend(?:ed)?|suggest(?:ed)?|think|agree(?:d)?(?: to)?|undert(?:ake|ook)|offer(?:ed)?|offering|contribute[ds]?|find|found|working on|committed to|up to|responsible for|going to do|promising|focusing on|focused on|commitments|promises|pledges|actions|action items|items)$/i;

/** The actor's words and the kinds of item the question asks of them ("ratha suggest": Ratha, proposals). */
function asked(args: string): { text: string; kinds: Kind[] } {
  const m = ASKED.exec(args.trim());
  // The kinds are read from all of it: "ratha suggest countries should do" asks for proposals.
  return { text: m?.groups ? m.groups.who!.trim() : args.trim(), kinds: kindsAsked(args) };
}

export const actor: Command = {
  spec: {
    name: 'actor',
    cache: 'day', // dates read "passed" once their day is past
    aliases: ['org', 'who-committed', 'commitments'],
    summary: 'What an organisation, country or person committed to, proposed, said, found or is doing.',
    usage: 'actor <organisation, country or person>',
    examples: ['what did KNOMAD commit to?', 'actor World Bank', 'what is Turkey doing', 'Ratha'],
    paged: true,
    patterns: [
      // A verb that asks for a kind of item (commit, promise, propose, suggest, think…) stays in
      // the arguments (as `args2`): it orders the answer, so replies cached by arguments differ.
      /^what (?:did|does|has|have|will|do|would) (?<args>.+?) (?:(?<args2>commit(?:ted)?(?: (?:to|itself to|themselves to))?|promise[ds]?|pledge[ds]?|propose[ds]?|plan(?:ned)?|recommend(?:ed)?|suggest(?:ed)?|think|undert(?:ake|ook))|say|said|do|doing|report(?:ed)?|announce[ds]?|present(?:ed)?|highlight(?:ed)?|want(?:ed)?|ask(?:ed)? for|call(?:ed)? for|agree(?:d)?(?: to)?|offer(?:ed)?|contribute[ds]?)$/i,
      /^what (?:is|are|was|were) (?<args>.+?) (?:(?<args2>committed to|planning|going to do|proposing|promising)|doing|working on|up to|responsible for|offering|focusing on|focused on)$/i,
      /^(?:commitments|promises|pledges|actions|action items|items|plans) (?:of|by|from|for) (?<args>.+)$/i,
      /^(?:anything|something|news|updates?|word)(?: new)? (?:from|by) (?<args>.+)$/i,
      /^(?:what (?:is|are) )?(?!(?:the|all|my|our|any|these|those|recent|new|open|other)\b)(?<args>[^?]+?)(?:['’]s?)? (?:commitments|promises|pledges|action items|plans)$/i,
    ],
  },
  async handle(input, deps) {
    const { text, kinds } = asked(input.args);
    if (!text) throw new UserError('bad-usage', 'Which organisation, country or person?', 'For example `what did KNOMAD commit to?` or `actor ILO`.');
    const dir = deps.directory();
    const actors = dir.resolve(text);
    const found = actors.length ? actors : dir.mentioned(text);
    if (found.length) return actorReply(found, deps, [], kinds);
    const abbreviation = dir.abbreviation(text);
    if (abbreviation) return abbreviationReply(abbreviation, deps);
    // A description ("the harvard guy", "the catholic migration commission", "the turks").
    const described = dir.described(text);
    if (described.length) return actorReply(described, deps, [], kinds);
    // "what did the second speaker in the data session say": a session's talk.
    const session = sessionAsked(text, deps);
    if (session?.session) return sessionReply(session, deps);
    // A misspelt name ("KNOAMD", "sutherlnad"): the closest indexed word, said so.
    const corrected = text
      .split(/\s+/)
      .map((w) => deps.search.correct(w) ?? w)
      .join(' ');
    const close = corrected.toLowerCase() !== text.toLowerCase() ? dir.resolve(corrected) : [];
    if (close.length) {
      const reply = actorReply(close, deps, [], kinds);
      return { ...reply, text: [`Showing results for “${corrected}” (you typed “${text.slice(0, 60)}”).`, reply.text].filter(Boolean).join(' ') };
    }
    const known = deps.commitments
      .actors()
      .filter((a) => a.kind !== 'person')
      .map((a) => a.acronym && !a.acronym.includes(' ') ? a.acronym : a.name)
      .slice(0, 12);
    // Not a mistake: an answer that the report has nothing on them.
    return {
      title: `“${text.slice(0, 80)}” is not named in the report.`,
      text: `Known ones include ${known.join(', ')}. Or search the text: \`find ${text.slice(0, 40)}\`.`,
      tone: 'empty',
    };
  },
};
