import { ActivityTypes, CardFactory, type Activity, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import type { Clock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/log.js';
import type { TeamsStore } from '../../src/store/teams-contract.js';
import { IN_PLACE_ACTIONS, type Reply } from '../../src/core/reply.js';
import { MESSAGE_ITEMS, REFRESH_VERB, replaceItem, SUBMIT_MARKER, toCard, type Card, type CardRefresh } from './cards.js';

/**
 * Cards we sent, by conversation and activity id, kept in the store (any instance, and this one
 * after a restart, can update one in place); a card too old or never kept is rebuilt from its
 * source command, if it has one.
 */
export class CardMemory {
  constructor(
    private readonly store: TeamsStore,
    private readonly clock: Clock,
  ) {}
  async get(conversation: string | undefined, id: string | undefined): Promise<Card | undefined> {
    return conversation && id ? ((await this.store.card(conversation, id)) as Card | undefined) : undefined;
  }
  async remember(conversation: string | undefined, id: string | undefined, card: Card): Promise<void> {
    if (conversation && id) await this.store.rememberCard(conversation, id, card, this.clock.now());
  }
}

export interface CardActionDeps {
  ask(a: Activity, text: string): Promise<Reply>;
  /** Whether a command only reads, so re-running it rebuilds its card with today's state. */
  refreshable(text: string): boolean;
  /** Answers in the conversation as a new message. */
  send(ctx: TurnContext, reply: Reply, source?: string): Promise<void>;
  cards: CardMemory;
  log: Logger;
}

type ActionData = { [SUBMIT_MARKER]?: unknown; command?: unknown; action?: unknown; source?: unknown };

const NO_LONGER = 'That button is no longer in use. Type help to see what I can do.';
const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

const cardResponse = (card: Card): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: CARD, value: card as never });
const messageResponse = (text: string): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: MESSAGE, value: text as never });

/** The refresh a card answering `command` for this person carries (undefined when the command writes). */
export function refreshFor(a: Activity, command: string, refreshable: (text: string) => boolean): CardRefresh | undefined {
  return command.trim() && refreshable(command) ? { command, userIds: a.from?.id ? [a.from.id] : [] } : undefined;
}

/**
 * An `adaptiveCard/action` invoke (a Universal Action: Action.Execute or the card's refresh).
 * - refresh: the card's source command runs again and the fresh card replaces the stale one;
 * - Mark done / Accept / Reject: the command runs, the card is rebuilt (from its source command
 *   when it has one, else from the card we remember) and updated for everyone who sees it; the
 *   clicker gets the same card back;
 * - any other button: the answer comes as a new message; the card stays.
 */
export async function onCardAction(ctx: TurnContext, deps: CardActionDeps): Promise<AdaptiveCardInvokeResponse> {
  const a = ctx.activity;
  const action = (a.value as { action?: { verb?: unknown; data?: ActionData } } | undefined)?.action;
  const data = action?.data ?? {};
  const command = typeof data.command === 'string' ? data.command.trim() : '';
  const source = typeof data.source === 'string' && deps.refreshable(data.source) ? data.source : undefined;
  const rebuild = async (text: string): Promise<Card> => toCard(await deps.ask(a, text), MESSAGE_ITEMS, refreshFor(a, text, deps.refreshable));

  if (action?.verb === REFRESH_VERB) {
    if (data[SUBMIT_MARKER] !== REFRESH_VERB || !command || !deps.refreshable(command)) return messageResponse(NO_LONGER);
    return cardResponse(await rebuild(command));
  }
  if (data[SUBMIT_MARKER] !== 'run' || !command) return messageResponse(NO_LONGER);

  const reply = await deps.ask(a, command);
  if (!IN_PLACE_ACTIONS.has(String(data.action))) {
    await deps.send(ctx, reply, command);
    return messageResponse(reply.tone === 'error' ? reply.title : 'Answered below.');
  }
  // The item changed (or could not: deleted, already done): show the card as things are now.
  if (reply.tone === 'error') await deps.send(ctx, reply);
  const base = source ? await rebuild(source) : await deps.cards.get(a.conversation?.id, a.replyToId);
  const item = reply.tone !== 'error' && reply.items?.length === 1 ? reply.items[0]! : undefined;
  const updated = base && (item ? (replaceItem(base, item) ?? (source ? base : undefined)) : source ? base : undefined);
  if (!updated) {
    if (reply.tone !== 'error') await deps.send(ctx, reply, command);
    return messageResponse(reply.tone === 'error' ? reply.title : 'Answered below.');
  }
  if (a.replyToId) {
    try {
      // Everyone who sees the message gets the new card, not only the person who clicked.
      await ctx.updateActivity({ type: ActivityTypes.Message, id: a.replyToId, attachments: [CardFactory.adaptiveCard(updated)] });
      await deps.cards.remember(a.conversation?.id, a.replyToId, updated);
    } catch (err) {
      deps.log.warn({ err }, 'teams: could not update the card for everyone; the clicker still sees the new one');
    }
  }
  return cardResponse(updated);
}
