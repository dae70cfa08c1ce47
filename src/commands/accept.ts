import type { Reply } from '../core/reply.js';
import { whoOf } from './followup-helpers.js';
import { itemOf, todayOf } from './present.js';
import { requireCandidate } from './review-helpers.js';
import type { Command, CommandInput, Deps } from './types.js';

const USAGE = 'accept <id> | accept all';

/** Candidates → commitments, their new actors created, the history noting who accepted them. */
async function acceptAll(ids: string[], input: CommandInput, deps: Deps): Promise<string[]> {
  const { accepted } = await deps.writes.run('accept', { ids, by: whoOf(input.message), at: deps.clock.now().toISOString() });
  return accepted;
}

export const accept: Command = {
  spec: {
    name: 'accept',
    aliases: ['approve'],
    summary: 'Accept an imported candidate: it becomes a commitment like the curated ones.',
    usage: USAGE,
    examples: ['accept m13-ilo-recruitment-survey', 'accept all'],
  },
  async handle(input, deps): Promise<Reply> {
    const arg = input.args.trim();
    if (/^all\b/i.test(arg)) {
      const ids = deps.candidates.list('proposed').map((s) => s.candidate.id);
      if (!ids.length) return { title: 'Nothing is waiting for review.', tone: 'empty' };
      const accepted = await acceptAll(ids, input, deps);
      return { title: `Accepted ${accepted.length} candidate${accepted.length === 1 ? '' : 's'}.`, text: 'They answer lookups, reminders and digests now; `proposed rejected` lists what was rejected.', tone: 'info' };
    }
    const s = requireCandidate(arg.split(/\s+/)[0] ?? '', deps, USAGE);
    if (s.state === 'accepted') return { title: `${s.candidate.id} was accepted already.`, items: [itemOf(deps.commitments.get(s.candidate.id)!, undefined, todayOf(deps))], tone: 'info' };
    await acceptAll([s.candidate.id], input, deps);
    const left = deps.candidates.list('proposed').length;
    return {
      title: `Accepted: ${s.candidate.id}`,
      text: left ? `${left} more waiting: \`proposed\`.` : 'Nothing else is waiting for review.',
      items: [itemOf(deps.commitments.get(s.candidate.id)!, undefined, todayOf(deps))],
      tone: 'info',
    };
  },
};
