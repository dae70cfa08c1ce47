import { DateTime } from 'luxon';
import { resolveZone } from '../core/dates.js';
import { UserError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { editDistance } from '../search/tokens.js';
import { parseTarget, targetLabel, userZone } from './followup-helpers.js';
import type { Command } from './types.js';

function closeZones(name: string): string[] {
  const wanted = name.toLowerCase();
  const city = wanted.split('/').pop()!;
  return Intl.supportedValuesOf('timeZone')
    .map((z) => ({ z, d: Math.min(editDistance(wanted, z.toLowerCase(), 6), editDistance(city, z.split('/').pop()!.toLowerCase(), 6)) }))
    .filter((x) => x.d <= 3)
    .sort((a, b) => a.d - b.d)
    .slice(0, 5)
    .map((x) => x.z);
}

export const tz: Command = {
  spec: {
    name: 'tz',
    aliases: ['timezone', 'zone', 'time-zone'],
    summary: 'Show or set your time zone (or a channel’s): reminders and times follow it.',
    usage: 'tz [#channel] [IANA zone]',
    examples: ['tz', 'tz Europe/Zurich', 'tz #migration America/New_York'],
  },
  async handle({ args, message }, deps): Promise<Reply> {
    const words = args.trim().split(/\s+/).filter(Boolean);
    const target = words[0] && parseTarget(words[0], message) ? parseTarget(words.shift()!, message)! : { kind: 'user' as const, ref: message.user.id };
    const team = message.team ?? '';
    if (words.length === 0) {
      const zone = target.kind === 'user' && target.ref === message.user.id ? userZone(deps, message) : (deps.prefs.zone(message.platform, team, target.kind, target.ref) ?? deps.zone);
      return { title: `${targetLabel(target, message) === 'you' ? 'Your' : `${targetLabel(target, message)}'s`} time zone is ${zone}`, text: `It is ${DateTime.fromJSDate(deps.clock.now(), { zone }).toFormat('HH:mm, ccc d LLL yyyy')} there. Change it with \`tz Europe/Zurich\`.`, tone: 'info' };
    }
    const name = words.join(' ');
    const zone = resolveZone(name);
    if (!zone) {
      const close = closeZones(name);
      throw new UserError('bad-input', `“${name.slice(0, 60)}” is not a time zone I know.`, close.length ? `Did you mean ${close.join(', ')}?` : 'Use an IANA name such as Europe/Zurich, America/New_York or Asia/Tokyo.');
    }
    await deps.writes.run('zone', { platform: message.platform, team, kind: target.kind, ref: target.ref, zone });
    return { title: `${targetLabel(target, message) === 'you' ? 'Your' : `${targetLabel(target, message)}'s`} time zone is now ${zone}`, text: `It is ${DateTime.fromJSDate(deps.clock.now(), { zone }).toFormat('HH:mm, ccc d LLL yyyy')} there. New reminders follow it.`, tone: 'info' };
  },
};
