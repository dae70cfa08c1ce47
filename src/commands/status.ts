import { STATUSES, type Status } from '../catalog/schema.js';
import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import type { CommitmentView } from '../store/commitments-repo.js';
import { cleanNote, recordChange } from './followup-helpers.js';
import { requireItem } from './lookup.js';
import { itemOf } from './present.js';
import type { Command, CommandInput, Deps } from './types.js';

/** Sets an item's status (and an optional note) in one transaction with its history entry. */
export function changeStatus(input: CommandInput, deps: Deps, c: CommitmentView, status: Status, note: string | null): Reply {
  const old = c.status;
  deps.transaction(() => {
    if (old !== status) deps.commitments.setStatus(c.id, status, deps.clock.now());
    recordChange(deps, input.message, c.id, old === status ? 'note' : 'status', old, status, note);
  });
  const updated = deps.commitments.get(c.id)!;
  return {
    title: old === status ? `${c.id} is already ${status}${note ? '; note added' : ''}` : `${c.id}: ${old} → ${status}`,
    ...(note ? { text: `Note: “${note}”` } : {}),
    items: [itemOf(updated)],
    tone: 'info',
  };
}

const USAGE = `status <id> <${STATUSES.join('|')}> [note]`;

export const status: Command = {
  spec: {
    name: 'status',
    aliases: ['set-status'],
    summary: 'Set an item’s follow-up status, with an optional note.',
    usage: USAGE,
    examples: ['status knomad-recruitment-costs blocked waiting for corridor data', 'status owg-focus-areas done'],
  },
  async handle(input, deps) {
    const [id = '', value = '', ...note] = input.args.trim().split(/\s+/);
    const c = requireItem(id, deps, USAGE);
    const wanted = value.toLowerCase().replace(/^in[- ]?progress$|^started$|^ongoing$/, 'in-progress') as Status;
    if (!STATUSES.includes(wanted)) throw new UserError('bad-input', value ? `“${value.slice(0, 30)}” is not a status.` : 'Which status?', `Use one of ${STATUSES.join(', ')}, e.g. \`status ${c.id} in-progress\`.`);
    return changeStatus(input, deps, c, wanted, note.length ? cleanNote(note.join(' ')) : null);
  },
};

export const done: Command = {
  spec: { name: 'done', aliases: ['complete', 'finished', 'close'], summary: 'Mark an item done, with an optional note.', usage: 'done <id> [note]', examples: ['done owg-focus-areas released on 24 February'] },
  async handle(input, deps) {
    const [id = '', ...note] = input.args.trim().split(/\s+/);
    const c = requireItem(id, deps, this.spec.usage);
    return changeStatus(input, deps, c, 'done', note.length ? cleanNote(note.join(' ')) : null);
  },
};

export const progress: Command = {
  spec: {
    name: 'progress',
    aliases: ['note', 'update'],
    summary: 'Add a progress note to an item (an open item becomes in progress).',
    usage: 'progress <id> <note>',
    examples: ['progress knomad-recruitment-costs survey sent to 12 corridors'],
  },
  async handle(input, deps) {
    const [id = '', ...words] = input.args.trim().split(/\s+/);
    const c = requireItem(id, deps, this.spec.usage);
    const note = cleanNote(words.join(' '));
    if (!note) throw new UserError('bad-usage', 'What is the progress?', `For example \`progress ${c.id} survey sent to 12 corridors\`.`);
    return changeStatus(input, deps, c, c.status === 'open' ? 'in-progress' : c.status, note);
  },
};
