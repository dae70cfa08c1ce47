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

/**
 * A trailing "in <meeting>" that names a stored meeting, and the text without it; undefined when
 * the words name no meeting. Words that name a meeting there is none of ("in 99th meeting") throw
 * a not-found error listing the meetings there are.
 */
export function splitMeetingScope(text: string, deps: Pick<Deps, 'reference'>): { text: string; meeting: MeetingRef } | undefined {
  const m = /^([\s\S]*\S)\s+(?:in|from|of|for)\s+(?:the\s+)?([\p{L}\p{N} .'-]{2,80}?)[\s?.!]*$/iu.exec(text.trim());
  if (!m || !/\b(?:meeting|cm\d+)/i.test(m[2]!)) return undefined;
  const meeting = findMeeting(m[2]!, deps);
  if (meeting) return { text: m[1]!, meeting };
  // "in 99th meeting" names a meeting there is none of; "in the next few weeks after the meeting"
  // names a time, not a meeting: only a short name that ends in "meeting" is taken as one.
  const named = m[2]!.trim();
  if (namesAMeeting(named) && named.split(/\s+/).length <= 4 && /\b(?:meeting|cm\d+)$/i.test(named) && !/\b(?:after|before|since|until|next|weeks?|months?|days?)\b/i.test(named)) resolveMeetingIn(named, deps);
  return undefined;
}

/** Deps whose commitments are one meeting's. */
export function scopedTo(deps: Deps, meetingId: string): Deps {
  return { ...deps, commitments: deps.commitments.scoped(meetingId) };
}
