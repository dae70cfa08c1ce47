import { CardFactory, type Activity, type MessagingExtensionActionResponse } from 'botbuilder';
import type { Bot } from '../../src/bot.js';
import { captureCommitment, chatMeetingOf, prefill, type SourceMessage } from '../../src/commands/capture.js';
import type { IncomingMessage } from '../../src/core/message.js';
import { TRACK_COMMAND, readTrackForm, trackCard, type TrackPrefill } from './track-card.js';
import { fromTeamsText } from './text.js';

/** The message a message action was used on, as Teams sends it (messagePayload). */
interface MessagePayload {
  id?: string;
  createdDateTime?: string;
  linkToMessage?: string;
  body?: { contentType?: string; content?: string };
  from?: { user?: { id?: string; displayName?: string } } | null;
  attachments?: unknown[];
}
interface ActionValue {
  commandId?: string;
  commandContext?: string;
  data?: unknown;
  messagePayload?: MessagePayload;
}

export interface TrackDeps {
  bot: Bot;
  /** Where the activity comes from (the adapter's reading of channelData and conversation). */
  place(a: Activity): { channel: string; channelName?: string; team: string };
  /** Whether the bot is in that conversation (it has kept its reference from an earlier activity). */
  botIsIn(channel: string): Promise<boolean>;
  /** The person using the action, as the bot sees a message from them. */
  incoming(a: Activity): IncomingMessage;
}

const message = (text: string): MessagingExtensionActionResponse => ({ task: { type: 'message', value: text } });
const form = (card: Record<string, unknown>): MessagingExtensionActionResponse => ({
  task: { type: 'continue', value: { title: 'Track as commitment', width: 'medium', height: 'large', card: CardFactory.adaptiveCard(card) } },
});

/** A message's HTML as plain text, its paragraphs and line breaks kept. */
function textOf(body: MessagePayload['body']): string {
  const content = body?.content ?? '';
  if (body?.contentType !== 'html') return content.trim();
  return fromTeamsText({ text: content.replace(/<\/(?:p|div|li)>/gi, '\n') });
}

/** The message the action was used on, or why it cannot be tracked (said in the task module). */
async function sourceOf(a: Activity, deps: TrackDeps): Promise<SourceMessage | { problem: string }> {
  const value = (a.value ?? {}) as ActionValue;
  if (value.commandId !== TRACK_COMMAND) return { problem: 'That action is no longer offered. Update the followup app in Teams.' };
  const p = deps.place(a);
  if (!(await deps.botIsIn(p.channel))) {
    return { problem: 'followup is not in this chat, so it could not follow the item up here. Add followup to this chat or team (or @mention it once), then track the message again.' };
  }
  const payload = value.messagePayload;
  const text = textOf(payload?.body);
  if (!payload || !text) {
    return { problem: 'That message has no text to track (a file, an image or a card only). Track a message that says what was promised, or type new followed by what was promised.' };
  }
  const author = payload.from?.user;
  return {
    platform: 'teams',
    team: p.team,
    channelId: p.channel,
    ...(p.channelName ? { channelName: p.channelName } : {}),
    ...(payload.id ? { messageId: payload.id } : {}),
    ...(payload.linkToMessage && /^https:\/\//.test(payload.linkToMessage) ? { permalink: payload.linkToMessage } : {}),
    authorId: author?.id ?? '',
    ...(author?.displayName ? { authorName: author.displayName } : {}),
    postedAt: payload.createdDateTime && !Number.isNaN(Date.parse(payload.createdDateTime)) ? new Date(payload.createdDateTime).toISOString() : deps.bot.deps.clock.now().toISOString(),
    text,
  };
}

function choices(source: SourceMessage, deps: TrackDeps, by: IncomingMessage): Pick<TrackPrefill, 'actors' | 'meetings' | 'chatMeeting' | 'people'> {
  const d = deps.bot.deps;
  const people = [{ id: by.user.id, name: `${by.user.name ?? 'Me'} (me)` }];
  if (source.authorId && source.authorId !== by.user.id) people.push({ id: source.authorId, name: source.authorName ?? 'The message’s author' });
  return {
    actors: d.commitments.actors().map((a) => ({ id: a.id, name: a.name })).sort((x, y) => x.name.localeCompare(y.name)),
    meetings: d.reference.meetings().filter((m) => !m.id.startsWith('chat-')).map((m) => ({ id: m.id, name: m.shortName })),
    chatMeeting: chatMeetingOf(source).name,
    people,
  };
}

/** `composeExtension/fetchTask`: the form, prefilled from the message (summary, actor, due date). */
export async function onFetchTask(a: Activity, deps: TrackDeps): Promise<MessagingExtensionActionResponse> {
  const source = await sourceOf(a, deps);
  if ('problem' in source) return message(source.problem);
  const by = deps.incoming(a);
  const p = prefill(source, deps.bot.deps);
  return form(trackCard({ ...choices(source, deps, by), summary: p.summary, ...(p.actorId ? { actorId: p.actorId } : {}), ...(p.due ? { due: p.due.phrase, dueReading: p.due } : {}) }));
}

/**
 * `composeExtension/submitAction`: stores the item through the shared capture service, with the
 * message's link as its provenance; a wrong field brings the form back with the error under it
 * (and what was typed), nothing stored.
 */
export async function onSubmitAction(a: Activity, deps: TrackDeps): Promise<MessagingExtensionActionResponse> {
  const source = await sourceOf(a, deps);
  if ('problem' in source) return message(source.problem);
  const by = deps.incoming(a);
  const typed = readTrackForm((a.value as ActionValue).data);
  const r = await captureCommitment(typed, source, deps.bot.deps, by);
  if (r.ok) return message(`Tracked as ${r.id}: “${typed.summary.trim().slice(0, 120)}”. Ask show ${r.id} to see it.`);
  return form(
    trackCard(
      {
        ...choices(source, deps, by),
        summary: typed.summary,
        ...(typed.actorId ? { actorId: typed.actorId } : {}),
        ...(typed.newActor ? { newActor: typed.newActor } : {}),
        ...(typed.owner ? { owner: typed.owner } : {}),
        ...(typed.due ? { due: typed.due } : {}),
        ...(typed.meetingId ? { meetingId: typed.meetingId } : {}),
      },
      r.errors,
    ),
  );
}
