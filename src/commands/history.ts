import { DateTime } from 'luxon';
import type { Reply } from '../core/reply.js';
import type { AuditEntry } from '../store/audit-repo.js';
import { userZone } from './followup-helpers.js';
import { requireItem } from './lookup.js';
import { changeNames, type ChangeNames } from './people.js';
import type { Command } from './types.js';

export const history: Command = {
  spec: { name: 'history', aliases: ['log', 'changes'], summary: 'Who changed what on an item, when, and from which platform.', usage: 'history <id>', examples: ['history knomad-recruitment-costs'] },
  async handle({ args, message }, deps): Promise<Reply> {
    const c = requireItem(args, deps, this.spec.usage);
    const entries = deps.audit.forCommitment(c.id);
    const zone = userZone(deps, message);
    if (!entries.length) return { title: `No changes to ${c.id} yet`, text: `Status ${c.status}, as the report has it. Change it with \`progress ${c.id} <note>\` or \`done ${c.id}\`.`, tone: 'empty' };
    // People by display name, each asked of the platform the change was made on.
    const names = await changeNames(entries, deps);
    return {
      title: `History of ${c.id}`,
      text: c.summary,
      items: entries.map((e) => ({
        id: `audit-${e.id}`,
        title: titleOf(e, names),
        ...(e.note ? { text: `“${e.note}”` } : {}),
        fields: [
          { label: 'By', value: `${names.by(e)} (${e.platform})` },
          { label: 'When', value: DateTime.fromISO(e.at, { zone }).toFormat('d LLL yyyy, HH:mm') },
        ],
      })),
      tone: 'info',
    };
  },
};

function titleOf(e: AuditEntry, names: ChangeNames): string {
  switch (e.action) {
    case 'status':
      return `Status ${e.oldValue} → ${e.newValue}`;
    case 'owner':
      return `Owner ${e.oldValue ? names.person(e, e.oldValue) : 'none'} → ${e.newValue ? names.person(e, e.newValue) : 'none'}`;
    case 'accepted':
      return 'Accepted from an imported report';
    case 'captured':
      return 'Captured from a chat message';
    default:
      return 'Note';
  }
}
