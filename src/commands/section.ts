import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { isFiller, tokenize } from '../search/tokens.js';
import { itemOf, listReply, plural, todayOf } from './present.js';
import type { Command, Deps } from './types.js';

const ROMAN: Array<[number, string]> = [
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** "7" or "vii" as the report's section id ("VII"); undefined for anything else. */
export function sectionId(numeral: string): string | undefined {
  const t = numeral.toLowerCase();
  if (/^\d{1,2}$/.test(t)) {
    let n = Number(t);
    if (n < 1 || n > 39) return undefined;
    let out = '';
    for (const [v, r] of ROMAN) for (; n >= v; n -= v) out += r;
    return out.toUpperCase();
  }
  return /^(?=[ivx]+$)x{0,3}(?:ix|iv|v?i{0,3})$/.test(t) ? t.toUpperCase() : undefined;
}

/** A numbered part of the report a question names: a section ("section 7", "part VII") or an agenda point ("agenda point 7"). */
export type PartReference = { kind: 'section'; id: string } | { kind: 'agenda'; number: number } | { kind: 'agenda'; number?: undefined };

/** "the SG's point about …", "one of the SG's eight points is …": a point of the eight-point agenda, named by its topic. */
const SOME_POINT = /\b(?:one of )?(?:the )?(?:sg|secretary[- ]general)(?:'s|s)? (?:(?:eight|8)[- ]?)?points?(?![- ]?(?:agenda|plan)\b)(?: (?:about|on|of|is|was))?\b/i;

const PART = /\b(?:(?<section>section|part|chapter)\s+(?<numeral>[ivx]+|\d{1,2})|(?:(?:the\s+)?(?:sg'?s?\s+|secretary[- ]general'?s?\s+)?agenda\s+)(?:point|item|no\.?|number|#)\s*(?<point>\d{1,2}))\b/i;

/**
 * The part of the report the text names, and the text without it ("improving the evidence base
 * (agenda point 7)" → agenda point 7, "improving the evidence base").
 */
export function partReference(text: string): { part: PartReference; rest: string } | undefined {
  const m = PART.exec(text);
  if (!m?.groups) {
    const some = SOME_POINT.exec(text);
    if (!some) return undefined;
    const rest = `${text.slice(0, some.index)} ${text.slice(some.index + some[0].length)}`.replace(/\s+/g, ' ').trim();
    return saysNothingMore(rest) ? undefined : { part: { kind: 'agenda' }, rest };
  }
  const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/[()[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  if (m.groups.point) return { part: { kind: 'agenda', number: Number(m.groups.point) }, rest };
  const id = sectionId(m.groups.numeral!);
  return id ? { part: { kind: 'section', id }, rest } : undefined;
}

/** Whether the text says nothing but "what's in it": no informative word. */
export function saysNothingMore(text: string): boolean {
  return tokenize(text).every((w) => isFiller(w) || ['contain', 'contains', 'cover', 'covers', 'covered', 'cover', 'content', 'contents', 'section'].includes(w));
}

export function sectionReply(id: string, deps: Deps): Reply {
  const items = deps.commitments.bySection(id);
  if (items.length === 0) {
    throw new UserError('not-found', `No item comes from a section ${id} of the report.`, 'The sections the items come from are shown under each item (e.g. “VII ¶1”); try `section VII`.');
  }
  // The stored title keeps the report's numbering ("VII. Selected presentations …").
  const title = items[0]!.sectionTitle.replace(new RegExp(`^${id}\\.\\s*`), '');
  return listReply(
    `Section ${id}${title && title !== id ? ` — ${title}` : ''}`,
    items.map((c) => itemOf(c, undefined, todayOf(deps))),
    'Narrow it with a topic, e.g. `find trafficking data`.',
    `${plural(items.length, 'item')} come from this section, in the report's order.`,
  );
}

export const section: Command = {
  spec: {
    name: 'section',
    cache: 'day', // an item's dates read "passed" once their day is past
    paged: true,
    aliases: ['chapter'],
    summary: "The items one section of the report holds, in the report's order.",
    usage: 'section <number>',
    examples: ['section VII', 'section 7', "what's in part VII?"],
    patterns: [/^(?:what(?:'s| is| was) (?:in|covered in) |show(?: me)? |list )?(?:the )?(?:report'?s? )?(?:section|part|chapter) (?<args>[ivx]+|\d{1,2})\b(?<args2>.*)$/i],
  },
  async handle({ args }, deps) {
    const [numeral = '', ...rest] = args.trim().split(/\s+/);
    const id = sectionId(numeral.replace(/[^\divx]/gi, ''));
    if (!id) throw new UserError('bad-usage', 'Which section? Give its number.', 'For example `section VII` or `section 7`.');
    if (!saysNothingMore(rest.join(' '))) {
      // "section 7 trafficking": the section's items on that topic, by search.
      const found = deps.search.search(rest.join(' '), { limit: 50, meeting: deps.commitments.meetingId });
      const inSection = new Set(deps.commitments.bySection(id).map((c) => c.id));
      const hits = found.hits.filter((h) => inSection.has(h.id));
      if (hits.length) {
        const today = todayOf(deps);
        return listReply(`Section ${id}: ${plural(hits.length, 'match', 'matches')} for “${rest.join(' ').slice(0, 60)}”`, deps.commitments.getMany(hits.map((h) => h.id)).map((c) => itemOf(c, undefined, today)), 'Ask `section ' + id + '` for all of it.');
      }
    }
    return sectionReply(id, deps);
  },
};
