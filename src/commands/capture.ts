import { DateTime } from 'luxon';
import * as chrono from 'chrono-node';
import { slugify } from '../catalog/report.js';
import { formatDue, localDate } from '../core/dates.js';
import { readDue, type DueReading } from '../core/due-input.js';
import type { IncomingMessage } from '../core/message.js';
import { findDue } from '../extract/dates.js';
import type { ActorRef } from '../store/commitments-repo.js';
import type { ChatMeeting, MessageProvenance } from '../store/messages-repo.js';
import { userZone, whoOf } from './followup-helpers.js';
import { OpRefused } from '../store/shared/ops.js';
import type { Deps } from './types.js';

/**
 * The message an item is captured from (a message shortcut) or, for a new item, where it was
 * typed: its provenance as stored, and its text. `messageId` (Slack's ts) is absent for an item
 * typed into a form; `postedAt` is an ISO instant.
 */
export type SourceMessage = Omit<MessageProvenance, 'commitmentId' | 'capturedBy' | 'capturedAt'> & { text: string };

/** What a person filled in (a modal, or `track …` typed in chat). Every field is text as typed or picked. */
export interface CaptureForm {
  summary: string;
  /** An actor id picked from the directory… */
  actorId?: string;
  /** …or the name of a new organisation or person. */
  newActor?: string;
  /** The person who follows it up (a platform user id). */
  owner?: string;
  /** Words or an ISO date; empty for no due date. */
  due?: string;
  /** A meeting id; empty for the channel's chat meeting. */
  meetingId?: string;
}

export type CaptureField = 'summary' | 'actor' | 'owner' | 'due' | 'meeting' | 'message';
/** A user mistake per field, in words for the person (a form shows each under its field). */
export type FieldErrors = Partial<Record<CaptureField, string>>;

export const MAX_SUMMARY = 300;
/** The quote kept from the message (a Slack message holds up to 40,000 characters). */
export const MAX_QUOTE = 2_000;

export type CaptureResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/** A channel's chat meeting: `chat-slack-c0123`, named after the channel. */
export function chatMeetingOf(source: Pick<SourceMessage, 'platform' | 'channelId' | 'channelName'>): ChatMeeting {
  const slug = slugify(source.channelId).slice(0, 48) || 'channel';
  const where = source.channelName ? `#${source.channelName}` : `#${source.channelId}`;
  return { id: `chat-${source.platform}-${slug}`, name: `Chat in ${where}`, shortName: `${where} chat` };
}

/** What a form starts with for a message: its first line as the summary, an actor it names, the due date it states. */
export function prefill(source: SourceMessage, deps: Deps): { summary: string; actorId?: string; due?: DueReading } {
  const first = source.text.split('\n').find((l) => l.trim()) ?? '';
  const summary = first.trim().replace(/\s+/g, ' ').slice(0, MAX_SUMMARY);
  const actor = deps.directory().mentioned(source.text.slice(0, MAX_QUOTE))[0];
  const due = findDueIn(source.text, new Date(source.postedAt), deps.zone);
  return { summary, ...(actor ? { actorId: actor.id } : {}), ...(due ? { due } : {}) };
}

/** The first due date a message states ("…circulate the draft by 15 March"), read forward from when it was posted. */
export function findDueIn(text: string, postedAt: Date, zone: string): DueReading | undefined {
  const t = text.slice(0, 4_000);
  for (const r of chrono.parse(t, { instant: postedAt, timezone: zone }, { forwardDate: true })) {
    const found = readDue(r.text, postedAt, zone);
    if (found) return found;
  }
  // The report reader's phrases ("by the end of April 2014", "in the coming weeks" is not stated: skipped).
  const stated = findDue(t, localDate(postedAt, zone));
  return stated?.basis === 'stated' && stated.precision !== 'approximate' ? { date: stated.date, precision: stated.precision, phrase: stated.phrase } : undefined;
}

interface Plan {
  id: string;
  summary: string;
  actor: ActorRef | { id: string; kind: 'organisation'; name: string; isNew: true };
  owner?: string;
  due?: DueReading;
  meeting: ChatMeeting | { id: string; name: string; shortName: string; existing: true };
}

/** Checks every field; errors per field, or what would be stored. Reads only. */
export function planCapture(form: CaptureForm, source: SourceMessage, deps: Deps, by: IncomingMessage): { plan?: Plan; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const summary = form.summary.trim().replace(/\s+/g, ' ');
  if (!summary) errors.summary = 'Say in a few words what was promised.';
  else if (summary.length > MAX_SUMMARY) errors.summary = `That is ${summary.length} characters; a summary holds ${MAX_SUMMARY} at most.`;

  let actor: Plan['actor'] | undefined;
  const directory = deps.directory();
  if (form.actorId) {
    actor = directory.get(form.actorId);
    if (!actor) errors.actor = 'That organisation or person is no longer in the directory: pick another, or write a new one.';
  } else if (form.newActor?.trim()) {
    const name = form.newActor.trim().replace(/\s+/g, ' ');
    const known = directory.resolve(name)[0];
    if (known) actor = known;
    else if (name.length > 120) errors.actor = 'A name holds 120 characters at most.';
    else if (!slugify(name)) errors.actor = 'Write the organisation’s or person’s name in letters.';
    else actor = { id: `chat-${slugify(name).slice(0, 60)}`, kind: 'organisation', name, isNew: true };
  } else {
    errors.actor = 'Who committed? Pick an organisation or person, or write a new one.';
  }

  let due: DueReading | undefined;
  const dueText = form.due?.trim() ?? '';
  if (dueText && !/^(?:none|no|-)$/i.test(dueText)) {
    const zone = userZone(deps, by);
    due = readDue(dueText, deps.clock.now(), zone);
    if (!due) errors.due = `“${dueText.slice(0, 40)}” is not a date I can read: write 15 March 2015, March 2015, 2015 or next friday.`;
    else if (due.date < localDate(deps.clock.now(), zone)) errors.due = `${formatDue(due.date, due.precision).replace(/^by /, '')} has passed: give a date from today on, or none.`;
  }

  if (form.owner !== undefined && form.owner !== '' && !/^[\p{L}\p{N}_.:@-]{1,120}$/u.test(form.owner)) errors.owner = 'Pick a person.';

  let meeting: Plan['meeting'] | undefined;
  if (form.meetingId) {
    const m = deps.reference.meetings().find((x) => x.id === form.meetingId);
    if (m) meeting = { id: m.id, name: m.name, shortName: m.shortName, existing: true };
    else errors.meeting = 'That meeting is not stored any more: pick another.';
  } else {
    meeting = chatMeetingOf(source);
  }

  if (source.messageId) {
    const already = deps.messages.byMessage(source.platform, source.team, source.channelId, source.messageId);
    if (already) errors.message = `This message is tracked already, as ${already}.`;
  }
  if (Object.keys(errors).length || !actor || !meeting) return { errors };
  const day = DateTime.fromISO(source.postedAt, { zone: 'UTC' }).toFormat('yyyyMMdd');
  let id = `chat-${day}-${slugify(summary).split('-').slice(0, 6).join('-')}`.slice(0, 80).replace(/-+$/, '');
  for (let n = 2; deps.commitments.get(id) || deps.candidates.get(id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`;
  return { plan: { id, summary, actor, ...(form.owner ? { owner: form.owner } : {}), ...(due ? { due } : {}), meeting }, errors };
}

/**
 * Stores an item captured from chat, in one transaction: the commitment (an action, open, its
 * quote the message), a new actor when one was written, the channel's chat meeting, the message's
 * provenance, the history line, the search index. Nothing is stored when a field is wrong.
 */
export async function captureCommitment(form: CaptureForm, source: SourceMessage, deps: Deps, by: IncomingMessage): Promise<CaptureResult> {
  const { plan, errors } = planCapture(form, source, deps, by);
  if (!plan) return { ok: false, errors };
  const { text, ...provenance } = source;
  try {
    const { id } = await deps.writes.run('capture', {
      plan: {
        id: plan.id,
        summary: plan.summary,
        actor: { id: plan.actor.id, kind: plan.actor.kind, name: plan.actor.name, ...('isNew' in plan.actor ? { isNew: true } : {}) },
        ...(plan.owner ? { owner: plan.owner } : {}),
        ...(plan.due ? { due: { date: plan.due.date, precision: plan.due.precision, phrase: plan.due.phrase } } : {}),
        meeting: 'existing' in plan.meeting ? { existing: plan.meeting.id } : plan.meeting,
      },
      source: { ...provenance, quote: text.trim().slice(0, MAX_QUOTE) || plan.summary },
      capturedBy: by.user.name ?? by.user.id,
      by: whoOf(by),
      at: deps.clock.now().toISOString(),
    });
    return { ok: true, id };
  } catch (err) {
    // Another instance captured the same message a moment before (its entry came first in the log).
    if (err instanceof OpRefused && typeof err.detail.other === 'string') return { ok: false, errors: { message: `This message is tracked already, as ${err.detail.other}.` } };
    throw err;
  }
}
