import type { CaptureField, CaptureForm, FieldErrors } from '../../src/commands/capture.js';
import { formatDue } from '../../src/core/dates.js';
import type { DueReading } from '../../src/core/due-input.js';
import { plain, type Block } from './blocks.js';

/** The modal's callback id (view_submission) and the ids of its inputs. */
export const TRACK_VIEW = 'followup_track';
export const OPTIONS_ACTOR = 'followup:options:actor';

/** Slack's limits for views (Block Kit reference: views, input blocks, private_metadata). */
export const VIEW_LIMITS = { title: 24, submit: 24, metadata: 3_000, label: 2_000, hint: 2_000, placeholder: 150, initialText: 3_000, option: 75, options: 100 } as const;

/** Which input block shows which field's error (response_action: errors is keyed by block_id). */
export const FIELD_BLOCK: Record<CaptureField, string> = { summary: 'summary', actor: 'actor', owner: 'owner', due: 'due', meeting: 'meeting', message: 'summary' };

export interface TrackPrefill {
  summary?: string;
  actor?: { id: string; name: string };
  due?: DueReading;
  meetings: Array<{ id: string; name: string }>;
  /** The chat meeting of the channel, offered first (value "chat"). */
  chatMeeting: string;
}

const text = (t: string, max: number) => ({ type: 'plain_text', text: plain(t).slice(0, max), emoji: true });
const option = (value: string, label: string) => ({ text: text(label, VIEW_LIMITS.option), value: value.slice(0, 150) });

/** The "Track as commitment" form, prefilled from a message (or empty for /followup new and the global shortcut). */
export function trackModal(p: TrackPrefill, metadata: string): Record<string, unknown> {
  const meetings = [option('chat', p.chatMeeting), ...p.meetings.slice(0, VIEW_LIMITS.options - 1).map((m) => option(m.id, m.name))];
  const blocks: Block[] = [
    {
      type: 'input',
      block_id: 'summary',
      label: text('What was promised', VIEW_LIMITS.label),
      element: { type: 'plain_text_input', action_id: 'value', max_length: 300, ...(p.summary ? { initial_value: p.summary.slice(0, 300) } : {}), placeholder: text('ILO will circulate the draft', VIEW_LIMITS.placeholder) },
    },
    {
      type: 'input',
      block_id: 'actor',
      optional: true,
      label: text('Who committed', VIEW_LIMITS.label),
      element: { type: 'external_select', action_id: OPTIONS_ACTOR, min_query_length: 0, placeholder: text('An organisation or person', VIEW_LIMITS.placeholder), ...(p.actor ? { initial_option: option(p.actor.id, p.actor.name) } : {}) },
      hint: text('Not in the list? Write the name below.', VIEW_LIMITS.hint),
    },
    { type: 'input', block_id: 'new_actor', optional: true, label: text('…or a new organisation or person', VIEW_LIMITS.label), element: { type: 'plain_text_input', action_id: 'value', max_length: 120 } },
    { type: 'input', block_id: 'owner', optional: true, label: text('Who follows it up', VIEW_LIMITS.label), element: { type: 'users_select', action_id: 'value', placeholder: text('A person', VIEW_LIMITS.placeholder) } },
    {
      type: 'input',
      block_id: 'due',
      optional: true,
      label: text('Due', VIEW_LIMITS.label),
      element: { type: 'plain_text_input', action_id: 'value', max_length: 80, ...(p.due ? { initial_value: p.due.phrase } : {}), placeholder: text('15 March 2015 · March 2015 · 2015 · next friday', VIEW_LIMITS.placeholder) },
      hint: text(p.due ? `Read from the message: ${formatDue(p.due.date, p.due.precision)} (${p.due.precision === 'day' ? 'a day' : `a ${p.due.precision}`}). A month or a year is kept as such.` : 'A day, a month or a year; empty for no due date.', VIEW_LIMITS.hint),
    },
    { type: 'input', block_id: 'meeting', label: text('Meeting', VIEW_LIMITS.label), element: { type: 'static_select', action_id: 'value', options: meetings, initial_option: meetings[0] } },
  ];
  return { type: 'modal', callback_id: TRACK_VIEW, title: text('Track as commitment', VIEW_LIMITS.title), submit: text('Track', VIEW_LIMITS.submit), close: text('Cancel', VIEW_LIMITS.submit), private_metadata: metadata, blocks };
}

/** A modal that only says something (a message that cannot be tracked). */
export function noticeModal(title: string, body: string): Record<string, unknown> {
  return { type: 'modal', title: text(title, VIEW_LIMITS.title), close: text('Close', VIEW_LIMITS.submit), blocks: [{ type: 'section', text: { type: 'plain_text', text: plain(body).slice(0, 3_000) } }] };
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_user?: string | null; selected_date?: string | null }>>;

/** The submitted form, read from view.state.values. */
export function readTrackForm(values: StateValues): CaptureForm {
  const v = (block: string) => Object.values(values[block] ?? {})[0];
  const meeting = v('meeting')?.selected_option?.value;
  return {
    summary: v('summary')?.value ?? '',
    ...(v('actor')?.selected_option?.value ? { actorId: v('actor')!.selected_option!.value } : {}),
    ...(v('new_actor')?.value ? { newActor: v('new_actor')!.value! } : {}),
    ...(v('owner')?.selected_user ? { owner: v('owner')!.selected_user! } : {}),
    ...(v('due')?.value ? { due: v('due')!.value! } : {}),
    ...(meeting && meeting !== 'chat' ? { meetingId: meeting } : {}),
  };
}

/** Field errors keyed by the block that shows each; an actor error shows under the pick. */
export function blockErrors(errors: FieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const block = FIELD_BLOCK[field as CaptureField];
    out[block] = out[block] ? `${out[block]} ${message}` : message;
  }
  return out;
}
