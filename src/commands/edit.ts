import { DateTime } from 'luxon';
import { KINDS, type Kind } from '../catalog/schema.js';
import { slugify } from '../catalog/report.js';
import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { findDue } from '../extract/dates.js';
import type { Candidate } from '../extract/extract.js';
import { candidateItem, requireCandidate } from './review-helpers.js';
import type { Command } from './types.js';

const USAGE = 'edit <id> due <YYYY-MM-DD|Month YYYY|YYYY|none> | summary <text> | kind <kind> | actor <name>';
/** A due date typed in review: 2015-09-30, 30 September 2015, September 2015, 2015, or none. */
function parseDue(text: string, who: string): Candidate['due'] | null {
  const t = text.trim();
  if (/^(?:none|-)$/i.test(t)) return null;
  const reasoning = `Set in review by ${who}.`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t) && DateTime.fromISO(t, { zone: 'UTC' }).isValid) return { date: t, precision: 'day', basis: 'stated', reasoning, phrase: t };
  // The same reading of dates as extraction, for stated dates only.
  const found = findDue(`by ${t}`, '2000-01-01');
  if (found?.basis === 'stated' && found.phrase.length >= t.length) return { ...found, reasoning };
  throw new UserError('bad-date', `“${text.slice(0, 40)}” is not a due date I can read.`, 'Write it as 2015-09-30, September 2015, 2015, or none.');
}

export const edit: Command = {
  spec: {
    name: 'edit',
    aliases: ['fix'],
    summary: 'Correct an imported candidate before accepting it: due date, summary, kind or actor.',
    usage: USAGE,
    examples: ['edit m13-ilo-recruitment-survey due 2015-09-30', 'edit m13-ilo-recruitment-survey due September 2015', 'edit m13-ilo-recruitment-survey actor ILO'],
  },
  async handle(input, deps): Promise<Reply> {
    const m = /^(\S+)\s+(due|summary|kind|actor|actors)\s+([\s\S]+)$/i.exec(input.args.trim());
    if (!m) throw new UserError('bad-usage', 'What should change?', `Usage: \`${USAGE}\`.`);
    const s = requireCandidate(m[1]!, deps, USAGE);
    if (s.state === 'accepted') throw new UserError('bad-input', `${s.candidate.id} is already a commitment.`, 'Edits apply to candidates under review; follow it up with `progress`, `status` or `assign`.');
    const c: Candidate = { ...s.candidate };
    const field = m[2]!.toLowerCase();
    const value = m[3]!.trim();
    const who = input.message.user.name ?? input.message.user.id;
    if (field === 'due') {
      const due = parseDue(value, who);
      if (due) c.due = due;
      else delete c.due;
    } else if (field === 'summary') {
      if (value.length < 10 || value.length > 400) throw new UserError('bad-input', 'A summary is 10 to 400 characters.', `e.g. \`edit ${c.id} summary ILO will publish the survey results\``);
      c.summary = value;
    } else if (field === 'kind') {
      if (!KINDS.includes(value.toLowerCase() as Kind)) throw new UserError('bad-input', `“${value.slice(0, 30)}” is not a kind.`, `Use one of ${KINDS.join(', ')}.`);
      c.kind = value.toLowerCase() as Kind;
    } else {
      const found = deps.directory().resolve(value);
      c.actors = found.length
        ? found.slice(0, 3).map((a) => ({ id: a.id, kind: a.kind as 'organisation', name: a.name, ...(a.acronym ? { acronym: a.acronym } : {}), isNew: false }))
        : [{ id: slugify(value).slice(0, 60) || 'actor', kind: 'organisation', name: value.slice(0, 120), isNew: true }];
      c.actorsInferred = false;
    }
    await deps.writes.run('edit-candidate', { candidate: c });
    return { title: `Edited ${c.id}: ${field}`, text: `Accept it with \`accept ${c.id}\`.`, items: [candidateItem(deps.candidates.get(c.id)!, deps)], tone: 'info' };
  },
};
