import { STATUS_LABELS } from '../catalog/schema.js';
import { describeDate } from '../core/due-text.js';
import { citedMessage, linkable, messageCitation } from '../core/provenance.js';
import type { CommitmentRecord } from '../store/import-repo.js';
import type { ExportSet } from './records.js';

/** Markdown from data: escape what would become formatting or links. */
const md = (s: string): string => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');

/** Where an item comes from: its report paragraph, or the chat message it was captured from (a link to it). */
function citation(c: CommitmentRecord, meetingShort: string): string {
  if (!c.message) return `${md(meetingShort)} report, ${md(c.section.title)}, ¶${c.paragraph}`;
  const label = md(messageCitation(citedMessage(c.message)));
  const url = linkable(c.message.permalink);
  return url ? `[${label}](<${url}>)` : label;
}

function entry(c: CommitmentRecord, meetingShort: string): string {
  const who = c.actors.map((a) => a.acronym ?? a.name).join(', ') || '—';
  const due = c.due ? describeDate(c.due, { done: c.status === 'done' }).text : 'no date';
  const lastNote = [...c.history].reverse().find((h) => h.note);
  return [
    `- **${md(c.summary)}**  `,
    `  ${md(who)} · ${due} · **${STATUS_LABELS[c.status]}**${c.owner ? ` · owner ${md(c.owner)}` : ''}  `,
    `  > ${md(c.quote)}  `,
    `  — ${citation(c, meetingShort)} (\`${c.id}\`)${lastNote ? `  \n  Latest note (${lastNote.at.slice(0, 10)}): ${md(lastNote.note!)}` : ''}`,
  ].join('\n');
}

/**
 * A stakeholder report: per meeting, a status overview, then the commitments grouped by track,
 * each with who, when, status, owner, the quote and its citation.
 */
export function toMarkdown(set: ExportSet, generatedOn: string): string {
  const out: string[] = [`# Follow-up report${set.scope.length ? `: ${md(set.scope.join(' · '))}` : ''}`, '', `Generated ${generatedOn} by followup.`, ''];
  for (const m of set.meetings) {
    const items = set.commitments.filter((c) => c.meetingId === m.id);
    const counts = new Map<string, number>();
    for (const c of items) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
    out.push(`## ${md(m.name)}`, '', `${m.place ? `${md(m.place)}, ` : ''}${m.heldFrom === m.heldTo ? m.heldFrom : `${m.heldFrom} to ${m.heldTo}`}. ${items.length} commitment${items.length === 1 ? '' : 's'}: ${[...counts].map(([s, n]) => `${n} ${STATUS_LABELS[s as CommitmentRecord['status']].toLowerCase()}`).join(', ')}.`, '');
    const byTrack = new Map<string, { name: string; items: CommitmentRecord[] }>();
    for (const c of items) {
      const tracks = c.tracks.length ? c.tracks : [{ id: '', name: 'Other' }];
      for (const t of tracks) {
        const g = byTrack.get(t.id) ?? { name: t.name, items: [] };
        g.items.push(c);
        byTrack.set(t.id, g);
      }
    }
    for (const g of byTrack.values()) {
      out.push(`### ${md(g.name)} (${g.items.length})`, '');
      for (const c of g.items) out.push(entry(c, m.shortName), '');
    }
  }
  if (!set.commitments.length) out.push('Nothing matches this selection.', '');
  return out.join('\n');
}
