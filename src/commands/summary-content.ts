import { DateTime } from 'luxon';
import { addDays, formatDate, localDate } from '../core/dates.js';
import type { Reply, ReplyItem } from '../core/reply.js';
import type { CommitmentView } from '../store/commitments-repo.js';
import { actorLabel, itemOf, plural } from './present.js';
import { findTrack } from './lookup.js';
import { findMeeting } from './meeting-scope.js';
import { changeNames } from './people.js';
import type { Deps } from './types.js';

export interface Scope {
  label: string;
  ids: string[];
}

/** A track, an actor or an item id → the items it covers. */
export function resolveScope(text: string, deps: Deps): Scope | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const item = deps.commitments.get(t.toLowerCase());
  if (item) return { label: item.id, ids: [item.id] };
  const track = findTrack(t, deps);
  if (track) return { label: track.name, ids: deps.commitments.byTrack(track.id).map((c) => c.id) };
  const agenda = /^agenda (?:item |point )?([1-8])$/i.exec(t);
  if (agenda) return { label: `agenda point ${agenda[1]}`, ids: deps.commitments.byAgenda(Number(agenda[1])).map((c) => c.id) };
  // "in 12th meeting" / "12th meeting": one meeting's items (a scope of its own, or narrowing another).
  const inMeeting = /^(?:([\s\S]*?)\s+)?(?:in|from)\s+(?:the\s+)?(.+)$/i.exec(t);
  const meeting = findMeeting(inMeeting?.[2] ?? t, deps);
  if (meeting && /meeting|cm\d/i.test(inMeeting?.[2] ?? t)) {
    const inner = inMeeting?.[1] ? resolveScope(inMeeting[1], { ...deps, commitments: deps.commitments.scoped(meeting.id) }) : undefined;
    if (inner) return { label: `${inner.label} · ${meeting.shortName}`, ids: inner.ids };
    return { label: meeting.shortName, ids: deps.commitments.scoped(meeting.id).allIds() };
  }
  const dir = deps.directory();
  const actors = dir.resolve(t);
  if (actors.length) return { label: actors.map(actorLabel).join(', '), ids: deps.commitments.byActors(dir.withMembers(actors.map((a) => a.id))).map((c) => c.id) };
  return undefined;
}

const CLOSED = new Set(['done', 'dropped']);

/**
 * A digest: overdue, due in the next 30 days, what changed (since `since`, or in the last 7 days),
 * and counts by track and status.
 */
export async function buildSummary(deps: Deps, scope: Scope | undefined, since: string | undefined): Promise<Reply> {
  const now = deps.clock.now();
  const today = localDate(now, deps.zone);
  const inScope = (c: { id: string }): boolean => !scope || scope.ids.includes(c.id);
  const all = deps.commitments.getMany(scope ? scope.ids : deps.commitments.allIds());
  const overdue = deps.commitments.overdue(today).filter(inScope);
  const soon = deps.commitments.dueBetween(today, addDays(today, 30)).filter((c) => inScope(c) && !CLOSED.has(c.status));
  const from = since ?? DateTime.fromJSDate(now).minus({ days: 7 }).toISO()!;
  const changes = deps.audit.since(from).filter((e) => inScope({ id: e.commitmentId }));
  const changedIds = [...new Set(changes.map((e) => e.commitmentId))];
  const changed = deps.commitments.getMany(changedIds);
  // Who changed what, by display name (each asked of the platform the change was made on).
  const shown = new Set(changed.slice(0, 5).map((c) => c.id));
  const names = await changeNames(changes.filter((e) => shown.has(e.commitmentId)), deps);

  const byStatus = new Map<string, number>();
  for (const c of all) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  const byTrack = new Map<string, number>();
  for (const c of all) for (const t of c.tracks) byTrack.set(t.name, (byTrack.get(t.name) ?? 0) + 1);

  const withPrefix = (c: CommitmentView, prefix: string): ReplyItem => {
    const item = itemOf(c, undefined, today);
    return { ...item, title: `${prefix}: ${item.title}` };
  };
  const items: ReplyItem[] = [
    ...overdue.slice(0, 5).map((c) => withPrefix(c, 'Overdue')),
    // A hoped-for date or a scheduled event is coming up, not due.
    ...soon.slice(0, 5).map((c) => withPrefix(c, c.due?.nature === 'deadline' ? 'Due soon' : 'Coming up')),
    ...changed.slice(0, 5).map((c) => {
      const mine = changes.filter((e) => e.commitmentId === c.id);
      const item = withPrefix(c, 'Changed');
      const describe = (e: (typeof mine)[number]): string =>
        e.action === 'status' ? `status ${e.oldValue} → ${e.newValue}` : e.action === 'owner' ? `owner → ${e.newValue ? names.person(e, e.newValue) : 'none'}` : 'note';
      item.fields.push({ label: 'Changes', value: mine.map((e) => `${describe(e)}${e.note ? ` “${e.note.slice(0, 120)}”` : ''} by ${names.by(e)}`).join('; ') });
      return item;
    }),
  ];
  const sinceLabel = since ? `since the previous digest (${formatDate(since.slice(0, 10))})` : 'in the last 7 days';
  const lines = [
    `${plural(all.length, 'item')}${scope ? ` for ${scope.label}` : ''} as of ${formatDate(today)}: ${overdue.length} overdue, ${soon.length} due in the next 30 days, ${changedIds.length} changed ${sinceLabel}.`,
    `By status: ${[...byStatus].map(([s, n]) => `${s} ${n}`).join(', ')}.`,
    scope ? '' : `By track: ${[...byTrack].map(([t, n]) => `${t} ${n}`).join('; ')}.`,
  ].filter(Boolean);
  const reply: Reply = { title: `Summary${scope ? `: ${scope.label}` : ''}`, text: lines.join('\n'), items, tone: items.length ? 'info' : 'empty' };
  const hidden = Math.max(0, overdue.length - 5) + Math.max(0, soon.length - 5) + Math.max(0, changed.length - 5);
  if (hidden) reply.more = { count: hidden, hint: 'See them all with `overdue`, `due next 30 days`, or narrow the summary: `summary KNOMAD`.' };
  return reply;
}
