import type { Reply } from '../core/reply.js';
import { itemOf, listReply, todayOf } from './present.js';
import type { Command } from './types.js';

export const mine: Command = {
  spec: { name: 'mine', aliases: ['my-items', 'owned'], summary: 'The items you own.', usage: 'mine', examples: ['mine'], patterns: [/^(?:my items|what do i own|items i own)$/i] },
  async handle({ message }, deps): Promise<Reply> {
    const items = deps.commitments.byOwner(message.user.id);
    if (!items.length) return { title: 'You own no items', text: 'Take one with `assign <id> me`.', tone: 'empty' };
    return listReply('Items you own', items.map((c) => itemOf(c, undefined, todayOf(deps))), 'Narrow it: `summary <organisation>`.');
  },
};
