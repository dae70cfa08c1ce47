import type { CaptureField, CaptureForm, FieldErrors } from '../../src/commands/capture.js';
import { formatDue } from '../../src/core/dates.js';
import type { DueReading } from '../../src/core/due-input.js';
import { clip } from '../../src/core/text.js';
import type { Card } from './cards.js';
import { md } from './markdown.js';

/** The message action's command id (manifest.json composeExtensions) and the form's submit marker. */
export const TRACK_COMMAND = 'trackCommitment';
/** Choices in the actor list (a filtered ChoiceSet: Teams lets the person type to narrow it). */
const MAX_CHOICES = 250;

export interface TrackPrefill {
  summary?: string;
  actorId?: string;
  newActor?: string;
  owner?: string;
  due?: string;
  /** What the due date was read as, shown under the field. */
  dueReading?: DueReading;
  meetingId?: string;
  actors: Array<{ id: string; name: string }>;
  meetings: Array<{ id: string; name: string }>;
  /** The channel's chat meeting, offered first (value "chat"). */
  chatMeeting: string;
  /** Who the owner choices are: the person tracking it, and the message's author. */
  people: Array<{ id: string; name: string }>;
}

/** The form as the task module shows it: the same fields as Slack's modal, each error under its field. */
export function trackCard(p: TrackPrefill, errors: FieldErrors = {}): Card {
  const error = (field: CaptureField): Record<string, unknown>[] =>
    errors[field] ? [{ type: 'TextBlock', text: clip(md(errors[field]!), 500), wrap: true, color: 'Attention', size: 'Small', spacing: 'None', id: `error:${field}` }] : [];
  const choice = (value: string, title: string) => ({ title: clip(title, 80), value: value.slice(0, 150) });
  const body: Record<string, unknown>[] = [
    ...error('message'),
    { type: 'Input.Text', id: 'summary', label: 'What was promised', isRequired: true, errorMessage: 'Say in a few words what was promised.', maxLength: 300, placeholder: 'ILO will circulate the draft', ...(p.summary ? { value: p.summary.slice(0, 300) } : {}) },
    ...error('summary'),
    {
      type: 'Input.ChoiceSet',
      id: 'actor',
      label: 'Who committed',
      style: 'filtered',
      placeholder: 'An organisation or person',
      choices: p.actors.slice(0, MAX_CHOICES).map((a) => choice(a.id, a.name)),
      ...(p.actorId ? { value: p.actorId } : {}),
    },
    { type: 'Input.Text', id: 'newActor', label: '…or a new organisation or person', maxLength: 120, ...(p.newActor ? { value: p.newActor } : {}) },
    ...error('actor'),
    { type: 'Input.ChoiceSet', id: 'owner', label: 'Who follows it up', style: 'compact', placeholder: 'Nobody yet', choices: p.people.map((x) => choice(x.id, x.name)), ...(p.owner ? { value: p.owner } : {}) },
    ...error('owner'),
    { type: 'Input.Text', id: 'due', label: 'Due', maxLength: 80, placeholder: '15 March 2015 · March 2015 · 2015 · next friday', ...(p.due ? { value: p.due } : {}) },
    {
      type: 'TextBlock',
      text: p.dueReading ? `Read from the message: ${md(formatDue(p.dueReading.date, p.dueReading.precision))} (${p.dueReading.precision === 'day' ? 'a day' : `a ${p.dueReading.precision}`}). A month or a year is kept as such.` : 'A day, a month or a year; empty for no due date.',
      wrap: true,
      isSubtle: true,
      size: 'Small',
      spacing: 'None',
    },
    ...error('due'),
    {
      type: 'Input.ChoiceSet',
      id: 'meeting',
      label: 'Meeting',
      style: 'compact',
      isRequired: true,
      errorMessage: 'Pick the meeting it belongs to.',
      choices: [choice('chat', p.chatMeeting), ...p.meetings.map((m) => choice(m.id, m.name))],
      value: p.meetingId ?? 'chat',
    },
    ...error('meeting'),
  ];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions: [{ type: 'Action.Submit', title: 'Track', style: 'positive', data: { followup: 'track' } }],
  };
}

/** The submitted form (the task module's inputs), as the capture service reads it. */
export function readTrackForm(data: unknown): CaptureForm {
  const d = (data ?? {}) as Record<string, unknown>;
  const s = (k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const meeting = s('meeting');
  return {
    summary: s('summary'),
    ...(s('actor') ? { actorId: s('actor') } : {}),
    ...(s('newActor').trim() ? { newActor: s('newActor') } : {}),
    ...(s('owner') ? { owner: s('owner') } : {}),
    ...(s('due').trim() ? { due: s('due') } : {}),
    ...(meeting && meeting !== 'chat' ? { meetingId: meeting } : {}),
  };
}
