import type { App, webApi } from '@slack/bolt';
import type { Bot } from '../../src/bot.js';
import { captureCommitment, chatMeetingOf, MAX_QUOTE, prefill, type SourceMessage } from '../../src/commands/capture.js';
import type { Logger } from '../../src/core/log.js';
import type { IncomingMessage } from '../../src/core/message.js';
import { teamOf, type Asker, type Rendered } from './context.js';
import { fromSlackText } from './text.js';
import { blockErrors, noticeModal, OPTIONS_ACTOR, readTrackForm, TRACK_VIEW, trackModal, VIEW_LIMITS } from './track-modal.js';
import { OPTIONS_ITEM, REMINDER_VIEW, submitReminder, type Ack, type SubmittedView } from './reminder-modal.js';

const INTERACTIVE = new Set(['shortcut', 'message_action', 'view_submission', 'block_suggestion']);

type WebClient = InstanceType<typeof webApi.WebClient>;

/** The message shortcut ("Track as commitment") and the global shortcut ("New commitment"): see manifest.yaml. */
export const TRACK_SHORTCUT = 'followup_track_message';
export const NEW_SHORTCUT = 'followup_new_commitment';

/** What the modal carries from the shortcut to the submission (private_metadata, 3,000 characters at most). */
interface Carried extends Omit<SourceMessage, 'text'> {
  text: string;
}

/** The source as JSON within Slack's private_metadata limit: the quote is shortened until it fits. */
export function carry(source: Carried): string {
  let text = source.text.slice(0, MAX_QUOTE);
  for (;;) {
    const json = JSON.stringify({ ...source, text });
    if (json.length <= VIEW_LIMITS.metadata) return json;
    text = text.slice(0, Math.max(0, text.length - (json.length - VIEW_LIMITS.metadata) - 1));
  }
}

interface ShortcutBody {
  type: 'shortcut' | 'message_action';
  trigger_id: string;
  team?: { id?: string } | null;
  user: { id: string; username?: string; name?: string };
  channel?: { id: string; name?: string };
  message?: { ts?: string; text?: string; user?: string; bot_id?: string; files?: unknown[]; subtype?: string };
  message_ts?: string;
}

/**
 * Opens the track form: prefilled from a message (the message shortcut), or empty (the global
 * shortcut, `/followup new`). Only cached reads happen before views.open (Slack's trigger lasts 3 s).
 */
export async function openTrackModal(client: WebClient, bot: Bot, trigger: string, source: Carried, fromMessage: boolean): Promise<void> {
  const deps = bot.deps;
  const p = fromMessage ? prefill({ ...source, text: source.text }, deps) : { summary: '' };
  const actor = 'actorId' in p && p.actorId ? deps.directory().get(p.actorId) : undefined;
  const view = trackModal(
    {
      ...(p.summary ? { summary: p.summary } : {}),
      ...(actor ? { actor: { id: actor.id, name: actor.acronym ?? actor.name } } : {}),
      ...('due' in p && p.due ? { due: p.due } : {}),
      meetings: deps.reference.meetings().filter((m) => !m.id.startsWith('chat-')).map((m) => ({ id: m.id, name: m.shortName })),
      chatMeeting: chatMeetingOf(source).name,
    },
    carry(source),
  );
  await client.views.open({ trigger_id: trigger, view: view as never });
}

/** Shortcuts, the track form's submission, and type-ahead options (actors, items). */
export function registerInteractions(app: App, bot: Bot, ask: Asker, rendered: Rendered, log: Logger): void {
  const names = bot.deps.names;
  const onShortcut = async (ack: Ack, body: unknown, client: WebClient): Promise<void> => {
    await ack();
    const b = body as ShortcutBody;
    const team = teamOf(b);
    if (b.type === 'shortcut') {
      await openTrackModal(client, bot, b.trigger_id, { platform: 'slack', team, channelId: 'forms', channelName: 'forms', authorId: b.user.id, postedAt: bot.deps.clock.now().toISOString(), text: '' }, false);
      return;
    }
    const m = b.message ?? {};
    const text = fromSlackText(m.text ?? '').trim();
    if (!text) {
      const what = m.files?.length ? 'a file' : 'no text';
      await client.views.open({ trigger_id: b.trigger_id, view: noticeModal('Nothing to track', `This message has ${what}, so there is no promise in it to read. Write the commitment yourself with /followup new.`) as never });
      return;
    }
    const channel = b.channel?.id ?? '';
    const ts = m.ts ?? b.message_ts;
    await openTrackModal(
      client,
      bot,
      b.trigger_id,
      {
        platform: 'slack',
        team,
        channelId: channel,
        ...(b.channel?.name ? { channelName: b.channel.name } : {}),
        ...(ts ? { messageId: ts } : {}),
        authorId: m.user ?? m.bot_id ?? b.user.id,
        postedAt: ts ? new Date(Number(ts) * 1000).toISOString() : bot.deps.clock.now().toISOString(),
        text,
      },
      true,
    );
  };

  const onTrackSubmit = async (ack: Ack, body: unknown, view: SubmittedView, client: WebClient): Promise<void> => {
    const b = body as { team?: { id?: string } | null; user: { id: string; username?: string; name?: string } };
    let source: Carried;
    try {
      source = JSON.parse(view.private_metadata) as Carried;
    } catch {
      await ack({ response_action: 'errors', errors: { summary: 'This form is from an older version of the bot: close it and start again.' } });
      return;
    }
    const form = readTrackForm(view.state.values);
    const by: IncomingMessage = { text: '', platform: 'slack', team: teamOf(b), user: { id: b.user.id, ...(b.user.username ? { name: b.user.username } : {}) }, channel: { id: source.channelId } };
    // The message's link, which also proves its channel still exists (deleted → an error, nothing stored).
    if (source.messageId && !source.permalink) {
      try {
        const link = await client.chat.getPermalink({ channel: source.channelId, message_ts: source.messageId });
        if (link.permalink) source.permalink = link.permalink;
      } catch (err) {
        const code = String((err as { data?: { error?: string } }).data?.error ?? '');
        if (code === 'channel_not_found' || code === 'message_not_found') {
          await ack({ response_action: 'errors', errors: { summary: code === 'channel_not_found' ? 'The channel of this message no longer exists (or I cannot see it): nothing was stored.' : 'This message was deleted: nothing was stored.' } });
          return;
        }
        log.warn({ err }, 'slack: no permalink for a tracked message');
      }
    }
    const ref = { platform: 'slack' as const, team: source.team, kind: 'user' as const, id: source.authorId };
    const authorName = source.authorName ?? (await names.name(ref));
    const channelName = source.channelName ?? (await names.name({ ...ref, kind: 'channel', id: source.channelId }));
    const r = await captureCommitment(form, { ...source, ...(authorName ? { authorName } : {}), ...(channelName ? { channelName } : {}) }, bot.deps, by);
    if (!r.ok) {
      await ack({ response_action: 'errors', errors: blockErrors(r.errors) });
      return;
    }
    await ack();
    const reply = await ask(`show ${r.id}`, { team: source.team, user: b.user.id, channel: b.user.id });
    await client.chat.postMessage({ channel: b.user.id, ...rendered({ ...reply, title: `Tracked: ${reply.title}` }) });
  };

  const onOptions = async (ack: Ack, body: unknown): Promise<void> => {
    const q = String((body as { value?: string }).value ?? '').trim();
    const actionId = (body as { action_id?: string }).action_id;
    if (actionId === OPTIONS_ACTOR) {
      const all = bot.deps.commitments.actors();
      const found = q ? bot.deps.directory().resolve(q) : [];
      const k = q.toLowerCase();
      const list = [...found, ...all.filter((a) => !found.includes(a) && (!k || `${a.name} ${a.acronym ?? ''}`.toLowerCase().includes(k)))];
      await ack({ options: list.slice(0, 100).map((a) => ({ text: { type: 'plain_text', text: (a.acronym ? `${a.acronym} — ${a.name}` : a.name).slice(0, 75) }, value: a.id.slice(0, 150) })) });
      return;
    }
    if (actionId === OPTIONS_ITEM) {
      const ids = q ? bot.deps.search.search(q, { limit: 20 }).hits.map((h) => h.id) : [];
      await ack({ options: bot.deps.commitments.getMany(ids).map((c) => ({ text: { type: 'plain_text', text: c.summary.slice(0, 75) }, value: c.id.slice(0, 150) })) });
      return;
    }
    await ack({ options: [] });
  };

  // One global middleware for shortcuts, form submissions and type-ahead, instead of a listener
  // each: Bolt runs every listener's filters on every request (a slash command included).
  app.use(async (args) => {
    const { body, client } = args;
    const ack = (args as unknown as { ack?: Ack }).ack;
    const type = (body as { type?: string }).type;
    if (!ack || !type || !INTERACTIVE.has(type)) return args.next();
    if (type === 'shortcut' || type === 'message_action') return onShortcut(ack, body, client);
    if (type === 'block_suggestion') return onOptions(ack, body);
    const view = (body as { view: SubmittedView }).view;
    if (view.callback_id === TRACK_VIEW) return onTrackSubmit(ack, body, view, client);
    if (view.callback_id === REMINDER_VIEW) return submitReminder(ack, body, view, client, ask, rendered);
    return ack();
  });
}
