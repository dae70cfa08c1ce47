import { UserError } from '../core/errors.js';
import { findTrack, trackReply } from './lookup.js';
import type { Command } from './types.js';

export const tracks: Command = {
  spec: {
    name: 'tracks',
    cache: 'day', // a track's dates read "passed" once their day is past
    paged: true,
    aliases: ['track', 'themes'],
    summary: 'The follow-up tracks (HLD Declaration, eight-point agenda, GFMD, post-2015, ICPD, data) with counts; one track’s items.',
    usage: 'tracks | track <name>',
    examples: ['tracks', 'track post-2015', 'track ICPD Beyond 2014'],
    patterns: [/^(?:what are )?(?:all )?(?:the )?(?:follow-up )?(?:tracks|themes)$/i],
  },
  async handle({ args }, deps) {
    const text = args.trim();
    if (text) {
      const track = findTrack(text, deps);
      if (!track) {
        const names = deps.reference.tracks().map((t) => `\`track ${t.id}\``);
        throw new UserError('not-found', `There is no track called “${text.slice(0, 60)}”.`, `The tracks are: ${names.join(', ')}.`);
      }
      return trackReply(track, deps);
    }
    const counts = deps.commitments.countsByTrack();
    return {
      title: 'Follow-up tracks',
      text: 'Each item belongs to one or more tracks. Ask `track <name>` for one track’s items.',
      items: deps.reference.tracks().map((t) => ({
        id: t.id,
        title: t.name,
        text: t.description,
        fields: [{ label: 'Items', value: String(counts.get(t.id) ?? 0) }],
        actions: [{ id: 'track', label: 'Show items', command: `track ${t.id}` }],
      })),
      tone: 'info',
      whole: true,
    };
  },
};
