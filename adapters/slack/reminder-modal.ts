import type { webApi } from '@slack/bolt';
import { teamOf, type Asker, type Rendered } from './context.js';
import { plain } from './blocks.js';

type WebClient = InstanceType<typeof webApi.WebClient>;

export const REMINDER_VIEW = 'followup_new_reminder';
export const OPTIONS_ITEM = 'followup:options:item';

const text = (t: string, max = 75) => ({ type: 'plain_text', text: plain(t).slice(0, max), emoji: true });
const RECURRENCES = [
  ['once', 'Once'],
  ['every day', 'Every day'],
  ['every weekday', 'Every weekday'],
  ['every monday', 'Every Monday'],
  ['every friday', 'Every Friday'],
  ['every month on the 1st', 'On the 1st of every month'],
] as const;

/** "New reminder": an item found by typing (the bot's own search), a time in words or a date, how often, where. */
export function reminderModal(): Record<string, unknown> {
  const recurrence = RECURRENCES.map(([value, label]) => ({ text: text(label), value }));
  return {
    type: 'modal',
    callback_id: REMINDER_VIEW,
    title: text('New reminder', 24),
    submit: text('Set reminder', 24),
    close: text('Cancel', 24),
    blocks: [
      { type: 'input', block_id: 'item', label: text('About'), element: { type: 'external_select', action_id: OPTIONS_ITEM, min_query_length: 2, placeholder: text('Type to search the items') } },
      { type: 'input', block_id: 'when', optional: true, label: text('When, in words'), element: { type: 'plain_text_input', action_id: 'value', max_length: 80, placeholder: text('tomorrow at 9 · in 3 days · next monday 10am') } },
      { type: 'input', block_id: 'date', optional: true, label: text('…or on a date'), element: { type: 'datepicker', action_id: 'value' } },
      { type: 'input', block_id: 'repeat', label: text('How often'), element: { type: 'static_select', action_id: 'value', options: recurrence, initial_option: recurrence[0] } },
      { type: 'input', block_id: 'where', optional: true, label: text('Where (empty: to you)'), element: { type: 'conversations_select', action_id: 'value', filter: { include: ['public', 'private'], exclude_bot_users: true } } },
    ],
  };
}

export async function openReminderModal(client: WebClient, trigger: string): Promise<void> {
  await client.views.open({ trigger_id: trigger, view: reminderModal() as never });
}

export type Values = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_date?: string | null; selected_conversation?: string | null }>>;

/** The `remind …` command the form stands for; the bot reads and checks it as if it were typed. */
export function reminderCommand(values: Values): { command?: string; errors: Record<string, string> } {
  const v = (block: string) => Object.values(values[block] ?? {})[0];
  const item = v('item')?.selected_option?.value;
  const words = v('when')?.value?.trim() ?? '';
  const date = v('date')?.selected_date ?? '';
  const repeat = v('repeat')?.selected_option?.value ?? 'once';
  const where = v('where')?.selected_conversation;
  const errors: Record<string, string> = {};
  if (!item) errors.item = 'Pick the item to be reminded of.';
  if (words && date) errors.date = 'Give the time in words or a date, not both.';
  let when: string;
  if (repeat !== 'once') {
    // "every monday" + "at 9am" (a time typed in words; 09:00 when none).
    if (date) errors.date = 'A repeating reminder takes a time in words (at 9am), not a date.';
    when = `${repeat} ${words || 'at 9am'}`;
  } else if (date) when = `${date} at 9am`;
  else if (words) when = words;
  else {
    when = '';
    errors.when = 'When? For example “tomorrow at 9”, or pick a date.';
  }
  if (Object.keys(errors).length) return { errors };
  return { command: `remind ${where ? `<#${where}>` : 'me'} ${when} about ${item}`, errors };
}

/** Acknowledges an interactive request, with what Slack should do (errors in a form, options). */
export type Ack = (response?: Record<string, unknown>) => Promise<void>;

/** A submitted modal, as view_submission carries it (see payload.ts). */
export interface SubmittedView {
  callback_id: string;
  private_metadata: string;
  state: { values: Values };
}

/** The New reminder form submitted: the remind command runs as the person; its mistakes show under the fields. */
export async function submitReminder(ack: Ack, body: unknown, view: SubmittedView, client: WebClient, ask: Asker, rendered: Rendered): Promise<void> {
  const b = body as { team?: { id?: string } | null; user: { id: string; username?: string } };
  const { command, errors } = reminderCommand(view.state.values);
  if (!command) {
    await ack({ response_action: 'errors', errors });
    return;
  }
  const reply = await ask(command, { team: teamOf(b), user: b.user.id, ...(b.user.username ? { userName: b.user.username } : {}), channel: b.user.id });
  if (reply.tone === 'error') {
    // The bot's own words for what is wrong (an unreadable time, an item gone), under the field it concerns.
    const field = /item|no item|not found/i.test(reply.title) ? 'item' : 'when';
    await ack({ response_action: 'errors', errors: { [field]: `${reply.title}${reply.text ? ` ${reply.text}` : ''}`.slice(0, 2_000) } });
    return;
  }
  await ack();
  await client.chat.postMessage({ channel: b.user.id, ...rendered(reply) });
}

