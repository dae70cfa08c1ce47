import type { Reply } from '../core/reply.js';
import { requireItem } from './lookup.js';
import { citationOf, quoteOf } from './present.js';
import type { Command } from './types.js';

export const source: Command = {
  spec: {
    name: 'source',
    cache: 'data',
    aliases: ['quote', 'cite', 'citation'],
    summary: "The report's own words for an item: the verbatim quote, its section and paragraph.",
    usage: 'source <id>',
    examples: ['source knomad-recruitment-costs'],
  },
  async handle({ args }, deps): Promise<Reply> {
    const c = requireItem(args, deps, this.spec.usage);
    const citation = citationOf(c);
    const meeting = deps.reference.meetings().find((m) => m.id === c.meetingId);
    return {
      title: `Source: ${c.id}`,
      // The section's note comes with the citation (adapters show it under the items).
      text: [citation.label, meeting ? `Cite as: ${meeting.citation}` : undefined].filter(Boolean).join('\n'),
      items: [
        {
          id: c.id,
          title: c.summary,
          fields: [
            { label: 'Section', value: c.sectionTitle },
            { label: 'Paragraph', value: String(c.paragraph) },
          ],
          quote: quoteOf(c),
          citation,
        },
      ],
      tone: 'info',
    };
  },
};
