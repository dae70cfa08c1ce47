export { recordOf } from '../import/candidate-record.js';
import { formatDue } from '../core/dates.js';
import { UserError } from '../core/errors.js';
import type { ReplyItem } from '../core/reply.js';
import type { StoredCandidate } from '../store/candidates-repo.js';
import type { Deps } from './types.js';

/** A candidate by id, or a helpful refusal. */
export function requireCandidate(id: string, deps: Deps, usage: string): StoredCandidate {
  const clean = id.trim().toLowerCase();
  if (!clean) throw new UserError('bad-usage', 'Which candidate?', `Usage: \`${usage}\`. \`proposed\` lists them.`);
  const found = deps.candidates.get(clean);
  if (!found) throw new UserError('not-found', `There is no imported candidate “${clean.slice(0, 60)}”.`, '`proposed` lists the candidates waiting for review.');
  return found;
}

export function candidateItem(s: StoredCandidate, deps: Deps): ReplyItem {
  const c = s.candidate;
  const meeting = deps.imports.meeting(s.meetingId);
  const who = c.actors.map((a) => `${a.acronym ?? a.name}${a.isNew ? ' (new)' : ''}`).join(', ') + (c.actorsInferred ? ' — the speaker, carried over' : '');
  return {
    id: c.id,
    title: c.summary,
    fields: [
      { label: 'Who', value: who || '—' },
      { label: 'Due', value: c.due ? `${formatDue(c.due.date, c.due.precision)}${c.due.basis === 'inferred' ? ` (inferred: ${c.due.reasoning ?? ''})` : ''}` : '—' },
      { label: 'Kind', value: `${c.kind} (${c.cue})` },
      { label: 'Review', value: s.state },
    ],
    quote: { text: c.quote, highlights: [] },
    citation: {
      meetingId: s.meetingId,
      meeting: meeting?.name ?? s.meetingId,
      sectionId: c.section.id,
      section: c.section.title,
      paragraph: c.paragraph,
      label: `${meeting?.shortName ?? s.meetingId} report · ${c.section.title}, ¶${c.paragraph}`,
    },
    actions:
      s.state === 'proposed'
        ? [
            { id: 'accept', label: 'Accept', command: `accept ${c.id}`, style: 'primary' },
            { id: 'reject', label: 'Reject', command: `reject ${c.id}`, style: 'danger' },
          ]
        : s.state === 'rejected'
          ? [{ id: 'accept', label: 'Accept after all', command: `accept ${c.id}` }]
          : [{ id: 'show', label: 'Details', command: `show ${c.id}` }],
  };
}
