import { UserError } from '../core/errors.js';
import { itemOf, listReply, plural, todayOf } from './present.js';
import type { Reply } from '../core/reply.js';
import type { Command, Deps } from './types.js';

export const agenda: Command = {
  spec: {
    name: 'agenda',
    cache: 'day', // an item's dates read "passed" once their day is past
    paged: true,
    aliases: ['eight-point', '8-point'],
    summary: "The Secretary-General's eight-point agenda for action (A/68/190), and what serves each point.",
    usage: 'agenda [1-8]',
    examples: ['agenda', 'agenda 7', 'agenda item 2'],
    patterns: [
      /^(?:the )?(?:sg'?s? |secretary[- ]general'?s? )?agenda (?:item|point|no\.?|number|#)\s*(?<args>\d+)$/i,
      /^(?:what is |what are )?(?:the )?(?:sg'?s? |secretary[- ]general'?s? )?(?:eight|8)[- ]point agenda(?: for action)?(?: (?:item|point|no\.?|number|#)?\s*(?<args>\d+))?$/i,
      /^(?:what is |what are )?(?:the )?(?:sg'?s? |secretary[- ]general'?s? )?agenda(?: for action)?$/i,
      // "SG's 8 point plan": the Secretary-General's, by name (civil society's own is an "eight-point plan" too)
      /^(?:what is |what are )?(?:the )?(?:sg'?s?|secretary[- ]general'?s?) (?:eight|8)[- ]?point (?:agenda|plan)(?: for action)?$/i,
    ],
  },
  async handle({ args }, deps) {
    const points = deps.reference.agenda();
    const text = args.trim().replace(/^(?:item|point|#)\s*/i, '');
    if (!text) {
      const counts = deps.commitments.countsByAgenda();
      return {
        title: "The Secretary-General's eight-point agenda for action (A/68/190)",
        text: 'The report follows up this agenda; each point lists the items that serve it. Ask `agenda 7` for one point.',
        items: points.map((p) => ({
          id: `agenda-${p.number}`,
          title: `Point ${p.number} — ${p.title}`,
          fields: [{ label: 'Items', value: String(counts.get(p.number) ?? 0) }],
          actions: [{ id: 'agenda', label: `Items for point ${p.number}`, command: `agenda ${p.number}` }],
        })),
        tone: 'info',
        whole: true,
      };
    }
    const n = Number(/^\d+$/.test(text) ? text : NaN);
    return agendaPointReply(n, deps, text);
  },
};

/** The items that serve one point of the eight-point agenda. */
export function agendaPointReply(n: number, deps: Deps, typed = String(n)): Reply {
  const point = deps.reference.agenda().find((p) => p.number === n);
  if (!point) throw new UserError('bad-usage', `The eight-point agenda has points 1 to 8; “${typed.slice(0, 20)}” is not one of them.`, 'For example `agenda 7` (Strengthen the migration evidence base), or `agenda` for all eight.');
  const items = deps.commitments.byAgenda(point.number);
  return listReply(
    `Agenda point ${point.number}: ${point.title}`,
    items.map((c) => itemOf(c, undefined, todayOf(deps))),
    'Narrow it by actor (`actor KNOMAD`) or by date (`due 2014`).',
    `${plural(items.length, 'item')} serve this point.`,
  );
}
