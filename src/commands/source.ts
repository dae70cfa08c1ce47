import type { Reply } from '../core/reply.js';
import { requireItem } from './lookup.js';
import { citationOf, quoteOf } from './present.js';
import type { Command } from './types.js';

/** The report's document number as its citation gives it ("Working Paper No. ESA/P/WP.237"), for the title. */
function symbolOf(citation: string): string {
  const m = /\b((?:Working Paper|Document|Report) No\. \S+?)\.?(?:\s|$)/.exec(citation);
  return m ? ` (${m[1]})` : '';
}

export const source: Command = {
  spec: {
    name: 'source',
    cache: 'data',
    aliases: ['quote', 'cite', 'citation'],
    summary: "The report's own words for an item: the verbatim quote, its section and paragraph.",
    usage: 'source <id>',
    examples: ['source knomad-recruitment-costs', 'how do I cite the report?'],
    patterns: [
      /^(?:how (?:do|should|can|would) (?:i|we|you|one) (?:cite|reference|quote) |(?:the |a )?(?:citation|reference|working paper(?: number)?|document (?:symbol|number)) (?:for |of )?)(?<args>(?:the |this |that )?(?:report|document|meeting(?: report)?))$/i,
      /^(?:what is |what's )?(?:the |a )?(?:citation|reference|working paper(?: number)?|document (?:symbol|number))(?: \/ (?:citation|working paper(?: number)?))?(?: (?:for|of) (?<args>(?:the |this |that )?(?:report|document|meeting(?: report)?)))?$/i,
    ],
  },
  async handle({ args }, deps): Promise<Reply> {
    // "how do I cite the report", "citation": the report itself, not one of its items.
    if (/^(?:(?:the|this|that) )?(?:report|document|meeting(?: report)?)?$/i.test(args.trim())) {
      const meetings = deps.reference.meetings().filter((m) => !deps.commitments.meetingId || m.id === deps.commitments.meetingId);
      if (meetings.length) {
        return {
          title: meetings.length === 1 ? `How to cite the ${meetings[0]!.shortName} report${symbolOf(meetings[0]!.citation)}` : 'How to cite the reports',
          text: `${meetings.map((m) => `${m.name}: ${m.citation}`).join('\n')}\nFor one item's words, its section and paragraph: \`source <id>\`.`,
          tone: 'info',
        };
      }
    }
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
