import type { Reply } from '../core/reply.js';
import { requireItem } from './lookup.js';
import { KIND_NAMES } from './kinds.js';
import { itemOf, todayOf } from './present.js';
import type { Command } from './types.js';

export const show: Command = {
  spec: {
    name: 'show',
    cache: 'day', // a hoped-for or scheduled date reads "passed" once its day is past
    aliases: ['details', 'item', 'info'],
    summary: 'Everything about one item: who, what, when (and why that date), tracks, status.',
    usage: 'show <id>',
    examples: ['show knomad-recruitment-costs', 'show owg-sdgs-agreed-july-2014'],
  },
  async handle({ args }, deps): Promise<Reply> {
    const c = requireItem(args, deps, this.spec.usage);
    const item = itemOf(c, undefined, todayOf(deps));
    item.fields.push({ label: 'Kind', value: KIND_NAMES[c.kind] });
    item.fields.push({ label: 'Tracks', value: c.tracks.map((t) => t.name).join('; ') });
    if (c.agenda.length) {
      const titles = new Map(deps.reference.agenda().map((a) => [a.number, a.title]));
      item.fields.push({ label: 'Eight-point agenda', value: c.agenda.map((n) => `${n}. ${titles.get(n) ?? ''}`).join('; ') });
    }
    if (c.due) {
      item.fields.push({
        label: 'Date basis',
        value: c.due.basis === 'stated' ? `Stated in the report${c.due.reasoning ? ` — ${c.due.reasoning}` : ''}` : `Inferred: ${c.due.reasoning ?? ''}`,
      });
    }
    item.fields.push({ label: 'Id', value: c.id });
    return { title: c.summary, items: [item], tone: 'info' };
  },
};
