import type { Reply } from '../core/reply.js';
import { candidateItem, requireCandidate } from './review-helpers.js';
import type { Command } from './types.js';

export const reject: Command = {
  spec: { name: 'reject', aliases: ['decline'], summary: 'Reject an imported candidate (it stays listed under `proposed rejected`).', usage: 'reject <id>', examples: ['reject m13-item-designations-employed'] },
  async handle(input, deps): Promise<Reply> {
    const s = requireCandidate(input.args.trim().split(/\s+/)[0] ?? '', deps, this.spec.usage);
    if (s.state === 'accepted') {
      return { title: `${s.candidate.id} is already a commitment.`, text: `To take it out of follow-up, mark it dropped: \`status ${s.candidate.id} dropped\`.`, tone: 'error' };
    }
    await deps.writes.run('reject', { id: s.candidate.id, by: input.message.user.name ?? input.message.user.id, at: deps.clock.now().toISOString() });
    const left = deps.candidates.list('proposed').length;
    return { title: `Rejected: ${s.candidate.id}`, text: left ? `${left} more waiting: \`proposed\`.` : 'Nothing else is waiting for review.', items: [candidateItem(deps.candidates.get(s.candidate.id)!, deps)], tone: 'info' };
  },
};
