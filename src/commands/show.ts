import type { Reply } from '../core/reply.js';
import { requireItem } from './lookup.js';
import { itemOf } from './present.js';
import type { Command } from './types.js';

const KIND: Record<string, string> = {
  commitment: 'Commitment',
  action: 'Action item',
  proposal: 'Proposal',
  priority: 'Stated priority',
  activity: 'Ongoing activity',
  milestone: 'Dated milestone',
};

export const show: Command = {
  spec: {
    name: 'show',
    cache: 'data',
    aliases: ['details', 'item', 'info'],
    summary: 'Everything about one item: who, what, when (and why that date), tracks, status.',
    usage: 'show <id>',
    examples: ['show knomad-recruitment-costs', 'show owg-sdgs-agreed-july-2014'],
  },
  async handle({ args }, deps): Promise<Reply> {
    const c = requireItem(args, deps, this.spec.usage);
    const item = itemOf(c);
    item.fields.push({ label: 'Kind', value: KIND[c.kind] ?? c.kind });
    item.fields.push({ label: 'Tracks', value: c.tracks.map((t) => t.name).join('; ') });
    if (c.agenda.length) {
      const titles = new Map(deps.reference.agenda().map((a) => [a.number, a.title]));
      item.fields.push({ label: 'Eight-point agenda', value: c.agenda.map((n) => `${n}. ${titles.get(n) ?? ''}`).join('; ') });
    }
    if (c.due) {
      item.fields.push({
        label: 'Date basis',
        value: c.due.basis === 'stated' ? 'Stated in the report' : `Inferred: ${c.due.reasoning ?? ''}`,
      });
    }
    item.fields.push({ label: 'Id', value: c.id });
    return { title: c.summary, items: [item], tone: 'info' };
  },
};
