import { DateTime } from 'luxon';
import type { Reply } from '../core/reply.js';
import { userZone } from './followup-helpers.js';
import { requireItem } from './lookup.js';
import type { Command } from './types.js';

export const history: Command = {
  spec: { name: 'history', aliases: ['log', 'changes'], summary: 'Who changed what on an item, when, and from which platform.', usage: 'history <id>', examples: ['history knomad-recruitment-costs'] },
  async handle({ args, message }, deps): Promise<Reply> {
    const c = requireItem(args, deps, this.spec.usage);
    const entries = deps.audit.forCommitment(c.id);
    const zone = userZone(deps, message);
    if (!entries.length) return { title: `No changes to ${c.id} yet`, text: `Status ${c.status}, as the report has it. Change it with \`progress ${c.id} <note>\` or \`done ${c.id}\`.`, tone: 'empty' };
    return {
      title: `History of ${c.id}`,
      text: c.summary,
      items: entries.map((e) => ({
        id: `audit-${e.id}`,
        title:
          e.action === 'status'
            ? `Status ${e.oldValue} → ${e.newValue}`
            : e.action === 'owner'
              ? `Owner ${e.oldValue ? `@${e.oldValue}` : 'none'} → ${e.newValue ? `@${e.newValue}` : 'none'}`
              : e.action === 'accepted'
                ? 'Accepted from an imported report'
                : 'Note',
        ...(e.note ? { text: `“${e.note}”` } : {}),
        fields: [
          { label: 'By', value: `${e.userName ?? e.userId} (${e.platform})` },
          { label: 'When', value: DateTime.fromISO(e.at, { zone }).toFormat('d LLL yyyy, HH:mm') },
        ],
      })),
      tone: 'info',
    };
  },
};
