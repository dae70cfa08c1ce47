import { itemOf, plural, todayOf } from './present.js';
import type { Command } from './types.js';

export const gfmd: Command = {
  spec: {
    name: 'gfmd',
    cache: 'data',
    aliases: ['priorities', 'chairmanship'],
    summary: "The GFMD chairmanship's (Turkey, 2014–2015) priorities and what was said about them.",
    usage: 'gfmd',
    examples: ['gfmd', 'gfmd priorities', "Turkey's priorities"],
    patterns: [/^(?:the )?(?:gfmd|global forum on migration and development)(?: chair(?:manship)?)?(?: priorities)?$/i, /^turkey'?s? priorities$/i],
  },
  async handle(_input, deps) {
    const priorities = deps.reference.gfmdPriorities();
    const track = deps.commitments.byTrack('gfmd-2014-2015');
    const order = new Map(priorities.map((p, i) => [p.commitmentId, i]));
    track.sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99));
    const items = track.map((c) => {
      const item = itemOf(c, undefined, todayOf(deps));
      const p = priorities.find((x) => x.commitmentId === c.id);
      return p ? { ...item, title: `Priority ${p.number}: ${p.title}` } : item;
    });
    return {
      title: 'GFMD chairmanship 2014–2015 (Turkey): priorities',
      text: `Turkey stated ${plural(priorities.length, 'priority', 'priorities')} for its chairmanship of the Global Forum on Migration and Development; ${plural(items.length - priorities.length, 'other item')} concern the chairmanship.`,
      items,
      tone: 'info',
    };
  },
};
