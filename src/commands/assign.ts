import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { parseTarget, targetLabel, whoOf } from './followup-helpers.js';
import { requireItem } from './lookup.js';
import { actorLabel, itemOf, todayOf } from './present.js';
import type { Command } from './types.js';

export const assign: Command = {
  spec: {
    name: 'assign',
    aliases: ['owner', 'own'],
    summary: 'Give an item an owner (deadline reminders go to the owner); `nobody` clears it.',
    usage: 'assign <id> <@user|me|nobody>',
    examples: ['assign knomad-recruitment-costs @bob', 'assign owg-focus-areas me'],
  },
  async handle({ args, message }, deps): Promise<Reply> {
    const [id = '', who = ''] = args.trim().split(/\s+/);
    const c = requireItem(id, deps, this.spec.usage);
    const clear = /^(nobody|none|no one|-)$/i.test(who);
    const target = clear ? undefined : parseTarget(who, message);
    if (!clear && target?.kind !== 'user') throw new UserError('bad-usage', who ? `“${who.slice(0, 40)}” is not a person.` : 'Assign to whom?', `For example \`assign ${c.id} @bob\`, \`assign ${c.id} me\` or \`assign ${c.id} nobody\`.`);
    const owner = target?.ref ?? null;
    await deps.writes.run('owner', { id: c.id, owner, old: c.owner ?? null, by: whoOf(message), at: deps.clock.now().toISOString() });
    return { title: owner ? `${c.id} is now owned by ${targetLabel(target!, message)}` : `${c.id} has no owner now`, items: [itemOf(deps.commitments.get(c.id)!, undefined, todayOf(deps))], tone: 'info' };
  },
};

export const focal: Command = {
  spec: {
    name: 'focal',
    aliases: ['focal-point', 'focalpoint'],
    summary: 'Name an organisation’s focal point (or list them); their items’ deadline reminders go to them.',
    usage: 'focal [organisation @user]',
    examples: ['focal KNOMAD @bob', 'focal'],
  },
  async handle({ args, message }, deps): Promise<Reply> {
    const text = args.trim();
    const dir = deps.directory();
    if (!text) {
      const points = deps.prefs.focalPoints(message.platform, message.team ?? '');
      if (!points.length) return { title: 'No focal points yet', text: 'Name one: `focal KNOMAD @bob`.', tone: 'empty' };
      return { title: 'Focal points', items: points.map((p) => ({ id: p.actorId, title: dir.get(p.actorId) ? actorLabel(dir.get(p.actorId)!) : p.actorId, fields: [{ label: 'Focal point', value: `@${p.userRef}` }] })), tone: 'info' };
    }
    const m = /^(.+?)\s+(@\S+|me)$/i.exec(text);
    const target = m ? parseTarget(m[2]!, message) : undefined;
    if (!m || !target) throw new UserError('bad-usage', 'Name the organisation and the person.', 'For example `focal KNOMAD @bob`.');
    const actors = dir.resolve(m[1]!);
    if (actors.length !== 1) throw new UserError('not-found', actors.length ? `“${m[1]}” names several: ${actors.map(actorLabel).join(', ')}.` : `I don't know an organisation called “${m[1]!.slice(0, 60)}”.`, 'Use its acronym or full name, e.g. `focal KNOMAD @bob`.');
    const { assigned, items } = await deps.writes.run('focal', {
      actorId: actors[0]!.id,
      userRef: target.ref,
      note: `focal point of ${actors[0]!.acronym ?? actors[0]!.name}`,
      by: whoOf(message),
      at: deps.clock.now().toISOString(),
    });
    return {
      title: `${targetLabel(target, message)} is the focal point for ${actorLabel(actors[0]!)}`,
      text: `${assigned} of its ${items} items had no owner and are now owned by ${targetLabel(target, message)}.`,
      tone: 'info',
    };
  },
};
