import type { App } from '@slack/bolt';
import { IN_PLACE_ACTIONS, type Reply } from '../../src/core/reply.js';
import { ACTION_PREFIX, replaceItem, type Block } from './blocks.js';
import { teamOf, type Asker, type Rendered } from './context.js';
import { HOME_NEW_ITEM, HOME_NEW_REMINDER, publishHome } from './home.js';
import { openTrackModal } from './interactions.js';
import { openReminderModal } from './reminder-modal.js';
import type { Bot } from '../../src/bot.js';

/** Clicks whose answer is a change App Home shows (the item's status, the reminder's state): Home is re-published, nothing else is sent. */
const HOME_UPDATES: ReadonlySet<string> = new Set([...IN_PLACE_ACTIONS, 'pause', 'resume', 'stop', 'snooze-1d', 'snooze-1w']);

/** The fields of a block_actions body this listener reads (see payload.ts). */
interface ActionBody {
  team?: { id?: string } | null;
  user: { id: string; username?: string };
  channel?: { id?: string };
  container?: { type?: string };
  view?: { type?: string };
  message?: { blocks?: Block[]; text?: string };
  response_url?: string;
  trigger_id?: string;
}

const UNKNOWN_BUTTON = 'That button is no longer in use. Type `/followup help` to see what I can do.';

/**
 * Button clicks. In a message: the answer replaces the item in place (Mark done, Accept) or comes
 * as an ephemeral message, through response_url. On App Home (container "view", no response_url):
 * the command runs, Home is re-published to show the change, and any other answer (Show source,
 * an error such as an item deleted meanwhile) goes to the person's DM with the bot.
 */
export function registerActions(app: App, bot: Bot, ask: Asker, rendered: Rendered): void {
  app.action(/.*/, async ({ ack, action, body, respond, client }) => {
    await ack();
    const b = body as unknown as ActionBody;
    const actionId = String((action as { action_id?: string }).action_id ?? '');
    // A button carries its command as its value; an overflow menu's option, as the option's value.
    const value = (action as { value?: string }).value ?? (action as { selected_option?: { value?: string } }).selected_option?.value;
    const kind = actionId.slice(ACTION_PREFIX.length).split(':')[0] ?? '';
    // Inputs inside a modal (a select) are read when the modal is submitted.
    if (b.view?.type === 'modal') return;
    const onHome = b.view?.type === 'home' || (b.container?.type === 'view' && !b.response_url);
    const team = teamOf(b);
    const dm = (m: { text: string; blocks?: Block[] }) => client.chat.postMessage({ channel: b.user.id, unfurl_links: false, unfurl_media: false, ...m });
    // Home's "New reminder" and "Track a commitment" open their forms.
    if (actionId === HOME_NEW_REMINDER && b.trigger_id) return openReminderModal(client, b.trigger_id);
    if (actionId === HOME_NEW_ITEM && b.trigger_id) {
      return openTrackModal(client, bot, b.trigger_id, { platform: 'slack', team: teamOf(b), channelId: 'forms', channelName: 'forms', authorId: b.user.id, postedAt: bot.deps.clock.now().toISOString(), text: '' }, false);
    }
    const known = actionId.startsWith(ACTION_PREFIX) && value !== undefined;
    if (onHome) {
      if (!known) {
        await dm({ text: UNKNOWN_BUTTON });
        return;
      }
      const reply = await ask(value, { team, user: b.user.id, ...(b.user.username ? { userName: b.user.username } : {}), channel: b.user.id });
      await publishHome(client, ask, team, b.user.id);
      if (reply.tone === 'error' || !HOME_UPDATES.has(kind)) await dm(rendered(reply));
      return;
    }
    // A button we no longer know (an old message, another app's id): say so instead of a spinner.
    if (!known) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: UNKNOWN_BUTTON });
      return;
    }
    const reply: Reply = await ask(value, { team, user: b.user.id, ...(b.user.username ? { userName: b.user.username } : {}), channel: b.channel?.id ?? b.user.id });
    // A change to one item (Mark done) updates that item in the message it was clicked in.
    const original = b.message;
    const updated = reply.tone !== 'error' && reply.items?.length === 1 && original?.blocks ? replaceItem(original.blocks, reply.items[0]!) : undefined;
    if (updated && IN_PLACE_ACTIONS.has(kind)) {
      await respond({ replace_original: true, text: original?.text ?? reply.title, blocks: updated, unfurl_links: false, unfurl_media: false } as never);
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, ...rendered(reply) });
  });
}
