import { canBeDone, STATUSES, type Status } from '../catalog/schema.js';
import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import type { CommitmentView } from '../store/commitments-repo.js';
import { cleanNote, whoOf } from './followup-helpers.js';
import { requireItem } from './lookup.js';
import { KIND_NAMES } from './kinds.js';
import { itemOf, todayOf } from './present.js';
import type { Command, CommandInput, Deps } from './types.js';

/**
 * Only what is to be done has a follow-up status: a view, a finding, a proposal or a stated
 * priority records what was said, and cannot be "done". A clear refusal for those.
 */
export function requireDoable(c: CommitmentView, wanted: string): void {
  if (canBeDone(c.kind)) return;
  throw new UserError(
    'bad-input',
    `${c.id} is a ${KIND_NAMES[c.kind].toLowerCase()}, not something to do: it cannot be marked ${wanted}.`,
    `Only commitments, action items, activities and milestones have a follow-up status. To record what became of it, add a note: \`progress ${c.id} <note>\`.`,
  );
}

/** Sets an item's status (and an optional note) in one transaction with its history entry. */
export async function changeStatus(input: CommandInput, deps: Deps, c: CommitmentView, status: Status, note: string | null): Promise<Reply> {
  const old = c.status;
  await deps.writes.run('status', { id: c.id, status: old === status ? null : status, old, note, by: whoOf(input.message), at: deps.clock.now().toISOString() });
  const updated = deps.commitments.get(c.id)!;
  return {
    title: old !== status ? `${c.id}: ${old} → ${status}` : canBeDone(c.kind) ? `${c.id} is already ${status}${note ? '; note added' : ''}` : `${c.id}: note added`,
    ...(note ? { text: `Note: “${note}”` } : {}),
    items: [itemOf(updated, undefined, todayOf(deps))],
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
    requireDoable(c, wanted);
    return changeStatus(input, deps, c, wanted, note.length ? cleanNote(note.join(' ')) : null);
  },
};

export const done: Command = {
  spec: { name: 'done', aliases: ['complete', 'finished', 'close'], summary: 'Mark an item done, with an optional note.', usage: 'done <id> [note]', examples: ['done owg-focus-areas released on 24 February'] },
  async handle(input, deps) {
    const [id = '', ...note] = input.args.trim().split(/\s+/);
    const c = requireItem(id, deps, this.spec.usage);
    requireDoable(c, 'done');
    return changeStatus(input, deps, c, 'done', note.length ? cleanNote(note.join(' ')) : null);
  },
};

export const progress: Command = {
  spec: {
    name: 'progress',
    aliases: ['note', 'update'],
    summary: 'Add a progress note to an item (an open commitment, activity or milestone becomes in progress).',
    usage: 'progress <id> <note>',
    examples: ['progress knomad-recruitment-costs survey sent to 12 corridors'],
  },
  async handle(input, deps) {
    const [id = '', ...words] = input.args.trim().split(/\s+/);
    const c = requireItem(id, deps, this.spec.usage);
    const note = cleanNote(words.join(' '));
    if (!note) throw new UserError('bad-usage', 'What is the progress?', `For example \`progress ${c.id} survey sent to 12 corridors\`.`);
    // A note on a view or a proposal is kept, but does not give it a follow-up status.
    return changeStatus(input, deps, c, c.status === 'open' && canBeDone(c.kind) ? 'in-progress' : c.status, note);
  },
};
