import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import type { Abbreviation } from '../search/actors.js';
import { editDistance, tokenize } from '../search/tokens.js';
import type { ActorRef, CommitmentView } from '../store/commitments-repo.js';
import type { Kind } from '../catalog/schema.js';
import { verbsOf } from './kinds.js';
import { actorLabel, itemOf, listReply, plural, todayOf } from './present.js';
import { LIST_LIMIT, type Deps } from './types.js';

/** The commitment with this id, or a friendly not-found error that suggests close ids. */
export function requireItem(rawId: string, deps: Deps, usage: string): CommitmentView {
  const id = rawId.trim().toLowerCase().replace(/^[<[]|[>\]]$/g, '');
  if (!id) throw new UserError('bad-usage', 'Which item? Give its id.', `Usage: \`${usage}\` — ids are shown under each item, e.g. \`knomad-recruitment-costs\`.`);
  const found = deps.commitments.get(id);
  if (found) return found;
  const ids = deps.commitments.allIds();
  const close = ids
    .map((x) => ({ x, d: editDistance(id, x, 6) }))
    .filter((c) => c.d <= Math.max(2, Math.floor(id.length / 4)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((c) => c.x);
  const byWords = close.length ? [] : ids.filter((x) => tokenize(id).some((w) => w.length > 3 && x.includes(w))).slice(0, 3);
  const suggestions = [...close, ...byWords];
  throw new UserError(
    'not-found',
    `There is no item with the id “${rawId.trim().slice(0, 80)}”.`,
    suggestions.length
      ? `Did you mean ${suggestions.map((s) => `\`${s}\``).join(', ')}?`
      : 'Search for it with `find <words>`, e.g. `find recruitment costs`.',
  );
}

/**
 * The kinds of item a question's verb asks for, best first, or [] when it asks for none in
 * particular: what someone "suggested" or "proposed" are proposals; what they "committed to",
 * "promised" or are "going to do next" commitments and action items; what they "think" or
 * "believe" views ("say" asks for anything they said); what they "found" or the "numbers" findings; "priorities" stated priorities.
 * Read from the whole question, so it orders the items of one actor, never which actor.
 */
export function kindsAsked(question: string): Kind[] {
  const q = ` ${question.toLowerCase().replace(/[^\p{L}\p{N}'’-]+/gu, ' ')} `;
  const out: Kind[] = [];
  const add = (...kinds: Kind[]): void => void out.push(...kinds.filter((k) => !out.includes(k)));
  if (/ (?:suggest(?:s|ed|ing|ion|ions)?|propos(?:e|es|ed|ing|al|als)|recommend(?:s|ed|ing|ations?)?|advocat(?:e|es|ed|ing)|urg(?:e|es|ed|ing)|call(?:s|ed)? for|idea|ideas|want(?:s|ed)? (?:done|to see)|should do|ought to) /.test(q)) add('proposal');
  if (/ (?:commit(?:s|ted|ting|ment|ments)?|promis(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|undert(?:ake|akes|ook)|going to do|gonna do|will do|do next|planning|plans?|next steps?) /.test(q)) add('commitment', 'action');
  if (/ (?:priorit(?:y|ies)) /.test(q)) add('priority');
  // "say" is how any reported item is asked for ("what did Sutherland say"): no kind in particular.
  if (/ (?:think|thinks|thought|believe[sd]?|argue[sd]?|view|views|opinion|opinions|feel|feels|felt) /.test(q)) add('view');
  // "find" alone is how a search is asked ("where can I find data"): only "did they find" asks for findings.
  if (/ (?:found|finds|findings?|numbers|figures|statistics|stats) /.test(q) || / (?:did|does|do|has|have) (?:\S+ ){1,4}find /.test(q)) add('finding');
  return out;
}

/**
 * What these actors (and their people and sub-bodies) committed to, proposed, said, found or are
 * doing: the title words the items by their kinds ("What Lant Pritchett proposed and said").
 */
export function actorReply(actors: ActorRef[], deps: Deps, first: readonly string[] = [], kinds: readonly Kind[] = []): Reply {
  const dir = deps.directory();
  const ids = dir.withMembers(actors.map((a) => a.id));
  // Items where the asked-for actor leads come first, then those of its people and sub-bodies.
  const direct = new Set(actors.map((a) => a.id));
  const rank = (c: CommitmentView): number => {
    const i = c.actors.findIndex((a) => direct.has(a.id));
    return i >= 0 ? i : 100 + c.actors.findIndex((a) => ids.includes(a.id));
  };
  // The items the question itself matched best (`first`, in that order) lead, when given.
  const lead = (c: CommitmentView): number => {
    const i = first.indexOf(c.id);
    return i < 0 ? first.length : i;
  };
  // Among those (they match the question equally well) and then among the rest, the kinds the
  // question's verb asks for ("what did Ratha suggest": proposals) come first.
  const inFirst = (c: CommitmentView): number => (first.includes(c.id) ? 0 : 1);
  const asked = (c: CommitmentView): number => {
    const i = kinds.indexOf(c.kind);
    return i < 0 ? kinds.length : i;
  };
  const items = deps.commitments
    .byActors(ids)
    .map((c, order) => ({ c, order, r: rank(c) }))
    .sort((a, b) => inFirst(a.c) - inFirst(b.c) || asked(a.c) - asked(b.c) || lead(a.c) - lead(b.c) || a.r - b.r || a.order - b.order)
    .map((x) => x.c);
  const names = actors.map(actorLabel).join(', ');
  const roles = actors
    .filter((a) => a.role)
    .map((a) => `${a.name}: ${a.role}.`)
    .join(' ');
  if (items.length === 0) {
    const who = actors.map((a) => (a.kind === 'person' && a.role ? `${a.name} (${a.role})` : actorLabel(a))).join(', ');
    return {
      title: `Nothing recorded for ${names}`,
      text: `${who} ${actors.length > 1 ? 'are' : 'is'} named in the report; the report records nothing ${names} said or committed to.`,
      tone: 'empty',
    };
  }
  const members = ids.length > actors.length ? ` (including ${ids.filter((i) => !actors.some((a) => a.id === i)).map((i) => dir.get(i)!.name).join(', ')})` : '';
  const today = todayOf(deps);
  return listReply(
    `What ${names} ${verbsOf(items)}`,
    items.map((c) => itemOf(c, undefined, today)),
    'Narrow it with a topic, e.g. `find KNOMAD recruitment`, or look by date with `due 2014`.',
    `${plural(items.length, 'item')}${members}. ${roles}`.trim(),
  );
}

/**
 * An abbreviation the report names that is no actor's (IOM, GMG, ICAT, EU): the items that
 * mention it, or that the report records nothing it said or committed to.
 */
export function abbreviationReply(a: Abbreviation, deps: Deps): Reply {
  const name = `${a.acronym} (${a.expansion})`;
  const where = a.source === 'report' ? "is in the report's list of abbreviations" : 'is named in the report';
  const result = deps.search.search(a.acronym, { limit: LIST_LIMIT, meeting: deps.commitments.meetingId });
  if (result.hits.length === 0) {
    return { title: name, text: `${name} ${where}; the report records nothing ${a.acronym} said or committed to.`, tone: 'empty' };
  }
  const quotes = new Map(result.hits.map((h) => [h.id, h.quote]));
  const today = todayOf(deps);
  const items = deps.commitments.getMany(result.hits.map((h) => h.id)).map((c) => itemOf(c, quotes.get(c.id), today));
  return listReply(`${plural(result.total, 'item mentions', 'items mention')} ${name}`, items, 'Narrow it with a topic, e.g. `find KNOMAD recruitment`.', `${name} ${where}; no item records it as the one who acts.`);
}

export interface TrackRef {
  id: string;
  name: string;
  description: string;
  aliases: string[];
}

/** A track by its id, name or one of its aliases. */
export function findTrack(text: string, deps: Pick<Deps, 'reference'>): TrackRef | undefined {
  const k = tokenize(text).join(' ');
  if (!k) return undefined;
  return deps.reference
    .tracks()
    .find((t) => [t.id, t.name, ...t.aliases].some((n) => tokenize(n).join(' ') === k));
}

export function trackReply(track: TrackRef, deps: Deps): Reply {
  const items = deps.commitments.byTrack(track.id);
  const today = todayOf(deps);
  return listReply(track.name, items.map((c) => itemOf(c, undefined, today)), `Narrow it: \`find <words>\`, or by date: \`due 2014\`.`, `${track.description} ${plural(items.length, 'item')}.`);
}
