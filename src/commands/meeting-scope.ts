import { UserError } from '../core/errors.js';
import { tokenize } from '../search/tokens.js';
import type { Deps } from './types.js';

export interface MeetingRef {
  id: string;
  name: string;
  shortName: string;
}

const GENERIC = new Set(['the', 'meeting', 'meetings', 'report', 'coordination', 'annual', 'this', 'that', 'last', 'next']);

/** Whether the words name a particular meeting ("13th meeting"), not just "the meeting". */
export function namesAMeeting(text: string): boolean {
  return tokenize(text.replace(/^the\s+/i, '')).some((t) => !GENERIC.has(t));
}

/** A meeting named by id, name or short name ("12th meeting", "cm12-2014", "twelfth"); undefined when none. */
export function findMeeting(text: string, deps: Pick<Deps, 'reference'>): MeetingRef | undefined {
  const tokens = tokenize(text.replace(/^the\s+/i, ''));
  // "the meeting" alone names no meeting in particular.
  if (!namesAMeeting(text)) return undefined;
  const k = tokens.join(' ');
  const meetings = deps.reference.meetings();
  return (
    meetings.find((m) => [m.id, m.name, m.shortName].some((n) => tokenize(n).join(' ') === k)) ??
    meetings.find((m) => tokenize(m.shortName).join(' ').startsWith(k) || tokenize(m.name).join(' ').includes(k))
  );
}

export function resolveMeetingIn(text: string, deps: Pick<Deps, 'reference'>): MeetingRef {
  const m = findMeeting(text, deps);
  if (!m) {
    throw new UserError('not-found', `No meeting called “${text.slice(0, 60)}”.`, `Meetings: ${deps.reference.meetings().map((x) => x.shortName).join(', ')}.`);
  }
  return m;
}
