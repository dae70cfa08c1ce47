import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationReference,
} from 'botbuilder';
import type { Bot } from '../../src/bot.js';
import type { Clock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/log.js';
import type { IncomingMessage } from '../../src/core/message.js';
import { IN_PLACE_ACTIONS, type Reply } from '../../src/core/reply.js';
import type { Outbox } from '../../src/scheduler/outbox.js';
import type { TeamsStore } from '../../src/store/teams-contract.js';
import { MESSAGE_ITEMS, replaceItem, SUBMIT_MARKER, toCard, toText, type Card, type CardRefresh } from './cards.js';
import { CardMemory, onCardAction, refreshFor } from './universal.js';
import { onFetchTask, onSubmitAction, type TrackDeps } from './track.js';
import { channelsInText, TeamChannels, teamsNames, type InConversation, type TeamChannel } from './names.js';
import type { TeamsConfig } from './config.js';
import { TeamsOutbox, type RetryPolicy } from './outbox.js';
import { fromTeamsText, mentionsOf } from './text.js';
import { activityRoute } from './http.js';

export interface TeamsAdapter {
  /** The handler for POST /api/messages on the bot's HTTP server. */
  route: (req: HttpRequest, res: ServerResponse) => void;
  outbox: Outbox;
}

export interface TeamsAdapterOptions {
  clock: Clock;
  /** Overrides for botbuilder's authentication settings (tests point the OpenID metadata at loopback). */
  auth?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** Tests hand in credentials for outgoing calls instead of asking Microsoft's login service. */
  credentials?: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1];
  retry?: RetryPolicy;
  /** How the outbox waits (pacing, backoff, Retry-After): tests record the waits instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
}

/** What an empty message gets. */
const WELCOME = 'help';
/** What the bot says when it is added (a chat, a team): who it is, with three example questions as buttons. */
const GREETING = 'hello';
/** Who outgoing calls to the Bot Connector are for (public cloud). */
const TEAMS_AUDIENCE = 'https://api.botframework.com';

/**
 * The Teams adapter: botbuilder's CloudAdapter authenticates each activity; this turns messages,
 * mentions and card submits into IncomingMessages, renders replies as Adaptive Cards, and keeps
 * every conversation's reference (in SQLite) for proactive reminders.
 */
export function createTeamsAdapter(bot: Bot, store: TeamsStore, config: TeamsConfig, log: Logger, opts: TeamsAdapterOptions): TeamsAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.appId,
      MicrosoftAppPassword: config.appPassword,
      MicrosoftAppType: config.appType,
      ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
      ...opts.auth,
    },
    opts.credentials,
  );
  const adapter = new FollowupCloudAdapter(auth);
  // Cards we sent, by conversation and activity id (in the store: any instance can update one in place).
  const cards = new CardMemory(store, opts.clock);
  const remember = (a: Pick<Activity, 'conversation'> | undefined, id: string | undefined, card: Card): Promise<void> => cards.remember(a?.conversation?.id, id, card);
  /** A read-only command's card refreshes itself when shown (re-running the command). */
  const refreshable = (text: string): boolean => Boolean(bot.registry.route(text).command.spec.cache);
  /** Commands whose `#name` is where something goes (a reminder, a digest) or whose list it is. */
  const takesChannel = (text: string): boolean => Boolean(bot.registry.route(text).command.spec.places);

  const place = (a: Activity): { channel: string; channelName?: string; team: string; personal: boolean; teamId?: string } => {
    const data = (a.channelData ?? {}) as { channel?: { id?: string; name?: string }; tenant?: { id?: string }; team?: { id?: string } };
    const conversation = a.conversation ?? ({} as Activity['conversation']);
    // A channel's threads all belong to the channel: reminders set in a thread go to the channel.
    const channel = data.channel?.id ?? conversation.id.replace(/;messageid=\d+$/, '');
    const name = data.channel?.name ?? conversation.name;
    return {
      channel,
      ...(name ? { channelName: name } : {}),
      team: conversation.tenantId ?? data.tenant?.id ?? '',
      personal: conversation.conversationType === 'personal',
      ...(data.team?.id ? { teamId: data.team.id } : {}),
    };
  };

  /** Every activity refreshes the stored address of its conversation (and, in a 1:1 chat, its person). */
  const keepReference = async (a: Activity): Promise<void> => {
    const p = place(a);
    const reference = TurnContext.getConversationReference(a) as ConversationReference;
    const now = opts.clock.now();
    if (p.personal) {
      if (a.from?.id) await store.saveReference(p.team, 'user', a.from.id, reference, now);
      await store.saveReference(p.team, 'channel', p.channel, reference, now);
      return;
    }
    // Proactive posts to a channel start a new thread: address the channel, not this thread.
    // The team is kept with it, so the channel's name can be asked of Teams later.
    await store.saveReference(p.team, 'channel', p.channel, { ...reference, conversation: { ...reference.conversation, id: p.channel }, ...(p.teamId ? { teamsTeamId: p.teamId } : {}) }, now);
  };

  // Names, never ids: channel and people names from activities, the team's channel list and the roster.
  const channels = new TeamChannels();
  const names = bot.deps.names;
  const inConversation: InConversation = async (reference, fn) => {
    let out: Awaited<ReturnType<typeof fn>> | undefined;
    await adapter.continueConversationAsync(config.appId, reference as Partial<ConversationReference>, async (ctx) => {
      out = await fn(ctx);
    });
    return out as Awaited<ReturnType<typeof fn>>;
  };
  names.use(
    'teams',
    teamsNames({
      channelRef: async (id) => {
        const stored = (await store.reference('channel', id))?.reference as { teamsTeamId?: string } | undefined;
        return stored ? { reference: stored, ...(stored.teamsTeamId ? { teamId: stored.teamsTeamId } : {}) } : undefined;
      },
      anyRef: async (team) => (await store.latestInTeam(team))?.reference,
      inConversation,
      channels,
    }),
  );
  /** A channel of this team, named and addressable (a reminder for it can be posted without the bot being asked there first). */
  const learnChannel = async (a: Activity, c: TeamChannel): Promise<void> => {
    const p = place(a);
    names.learn({ platform: 'teams', team: p.team, kind: 'channel', id: c.id }, c.name);
    if (a.serviceUrl && !(await store.reference('channel', c.id))) {
      const reference = TurnContext.getConversationReference(a) as ConversationReference;
      await store.saveReference(p.team, 'channel', c.id, { ...reference, conversation: { ...reference.conversation, id: c.id }, activityId: undefined, ...(p.teamId ? { teamsTeamId: p.teamId } : {}) }, opts.clock.now());
    }
  };

  /** An activity as the message the bot reads (its sender's name learned on the way). */
  const incoming = (a: Activity, text = ''): IncomingMessage => {
    const p = place(a);
    if (a.from?.id) names.learn({ platform: 'teams', team: p.team, kind: 'user', id: a.from.id }, a.from.name);
    const message: IncomingMessage = {
      text,
      platform: 'teams',
      user: { id: a.from?.id ?? '', ...(a.from?.name ? { name: a.from.name } : {}), ...(clientZone(a) ? { zone: clientZone(a)! } : {}) },
      channel: { id: p.channel, ...(p.channelName ? { name: p.channelName } : {}) },
      team: p.team,
    };
    const mentions = mentionsOf({ ...(a.entities ? { entities: a.entities as never } : {}), ...(a.recipient?.id ? { recipientId: a.recipient.id } : {}) });
    if (mentions.length) message.mentions = mentions;
    return message;
  };
  const ask = (a: Activity, text: string): Promise<Reply> => bot.handle(incoming(a, text));
  const track: TrackDeps = { bot, place, incoming, botIsIn: async (channel) => Boolean(await store.reference('channel', channel)) };

  const send = async (ctx: TurnContext, reply: Reply, source?: string): Promise<void> => {
    const out = activityFor(reply, source ? refreshFor(ctx.activity, source, refreshable) : undefined);
    const sent = await ctx.sendActivity(out);
    if (out.attachments?.[0]) await remember(ctx.activity, sent?.id, out.attachments[0].content as Card);
  };

  const onMessage = async (ctx: TurnContext): Promise<void> => {
    const a = ctx.activity;
    const value = a.value as { [SUBMIT_MARKER]?: unknown; command?: unknown; action?: unknown } | undefined;
    if (value !== undefined && value !== null && !a.text) {
      // An Action.Submit button (cards sent before Universal Actions; new cards use Action.Execute).
      if (value[SUBMIT_MARKER] !== 'run' || typeof value.command !== 'string' || !value.command.trim()) {
        await ctx.sendActivity({ type: ActivityTypes.Message, text: 'That button is no longer in use. Type **help** to see what I can do.', textFormat: 'markdown' });
        return;
      }
      const reply = await ask(a, value.command);
      const original = await cards.get(a.conversation?.id, a.replyToId);
      const updated = IN_PLACE_ACTIONS.has(String(value.action)) && reply.tone !== 'error' && reply.items?.length === 1 && original ? replaceItem(original, reply.items[0]!) : undefined;
      if (updated && a.replyToId) {
        try {
          await ctx.updateActivity({ type: ActivityTypes.Message, id: a.replyToId, attachments: [CardFactory.adaptiveCard(updated)] });
          await remember(a, a.replyToId, updated);
          return;
        } catch (err) {
          log.warn({ err }, 'teams: could not update the card in place; answering in a new message');
        }
      }
      await send(ctx, reply, value.command);
      return;
    }
    const text = fromTeamsText({ ...(a.text !== undefined ? { text: a.text } : {}), ...(a.entities ? { entities: a.entities as never } : {}), ...(a.recipient?.id ? { recipientId: a.recipient.id } : {}) });
    const p = place(a);
    const resolved = await channelsInText(ctx, text, { ...(p.teamId ? { teamId: p.teamId } : {}), channels, learn: (c) => learnChannel(a, c) });
    // `remind #migration …`: a channel name that names no channel is said now, not when the reminder is due.
    if (resolved.problem && takesChannel(resolved.text)) {
      await send(ctx, { title: resolved.problem.title, text: resolved.problem.hint, tone: 'error' });
      return;
    }
    await send(ctx, await ask(a, resolved.text || WELCOME), resolved.text || WELCOME);
  };

  const logic = async (ctx: TurnContext): Promise<void> => {
    const a = ctx.activity;
    try {
      // A message action's invoke can come from a chat the bot is not in: it is no address to keep.
      const extension = a.type === ActivityTypes.Invoke && String(a.name).startsWith('composeExtension/');
      if (a.conversation?.id && a.serviceUrl && !extension) await keepReference(a);
      if (a.type === ActivityTypes.Message) {
        await onMessage(ctx);
      } else if (a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action') {
        const response = await onCardAction(ctx, { ask, refreshable, send, cards, log });
        await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: response } });
      } else if (extension) {
        // "Track as commitment" on a message: the form (fetchTask), then the item stored (submitAction).
        const body = a.name === 'composeExtension/fetchTask' ? await onFetchTask(a, track) : await onSubmitAction(a, track);
        await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
      } else if (a.type === ActivityTypes.ConversationUpdate) {
        const added = (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
        if (added) await send(ctx, await ask(a, GREETING));
      } else if (a.type === ActivityTypes.InstallationUpdate) {
        if (a.action === 'remove' || a.action === 'remove-upgrade') {
          const p = place(a);
          await store.removeReference('channel', p.channel);
          if (p.personal && a.from?.id) await store.removeReference('user', a.from.id);
        }
      }
      // Other activity types (typing, reactions, invokes we do not offer) need no answer.
    } catch (err) {
      log.error({ err, type: a.type, conversation: a.conversation?.id }, 'teams turn failed');
      await ctx.sendActivity('Sorry — something went wrong on my side. It has been logged; please try again in a moment.').catch(() => undefined);
    }
  };

  const route = activityRoute((authHeader, activity) => adapter.run(authHeader, activity, logic), log);

  // Proactive sends go through the SDK without its hidden retry policy: the outbox's own retries
  // (paced, with backoff and jitter, bounded) are the only ones.
  const outbox = new TeamsOutbox(
    store,
    async (reference, m) => {
      await adapter.continueConversationAsync(config.appId, reference as Partial<ConversationReference>, async (ctx) => {
        const connector = ctx.turnState.get(ctx.adapter.ConnectorClientKey) as { client?: { pipeline?: { removePolicy(o: { phase: 'Retry' }): unknown } } } | undefined;
        connector?.client?.pipeline?.removePolicy({ phase: 'Retry' });
        // A reminder is a new post in the conversation, not a reply to the continuation's made-up id.
        ctx.onSendActivities(async (_c, activities, next) => {
          for (const act of activities) delete act.replyToId;
          return next();
        });
        const out = activityFor(m.reply);
        const sent = await ctx.sendActivity(out);
        if (out.attachments?.[0]) await remember(ctx.activity, sent?.id, out.attachments[0].content as Card);
      });
    },
    log,
    opts.retry,
    async (userId, via, m) => {
      const ref = via as ConversationReference & { conversation: { tenantId?: string } };
      const tenantId = ref.conversation?.tenantId ?? m.target.team;
      await adapter.createConversationAsync(
        config.appId,
        ref.channelId ?? 'msteams',
        ref.serviceUrl,
        TEAMS_AUDIENCE,
        { isGroup: false, bot: ref.bot, members: [{ id: userId, name: '' }], tenantId, channelData: { tenant: { id: tenantId } } } as never,
        async (ctx) => {
          const personal = TurnContext.getConversationReference(ctx.activity) as ConversationReference;
          const reference = { ...personal, conversation: { ...personal.conversation, conversationType: 'personal', tenantId }, user: { id: userId, name: '' }, activityId: undefined };
          await store.saveReference(m.target.team, 'user', userId, reference, opts.clock.now());
          ctx.onSendActivities(async (_c, activities, next) => {
            for (const act of activities) delete act.replyToId;
            return next();
          });
          await ctx.sendActivity(activityFor(m.reply));
        },
      );
    },
    opts.sleep,
  );
  return { route, outbox };
}

/** The time zone Teams' client reports with each message (the clientInfo entity). */
function clientZone(a: Activity): string | undefined {
  const info = (a.entities ?? []).find((e) => e.type === 'clientInfo') as { timezone?: unknown } | undefined;
  return typeof info?.timezone === 'string' && info.timezone.length <= 64 ? info.timezone : undefined;
}

/** CloudAdapter with its activity entry point open: the route parses and limits the body itself. */
class FollowupCloudAdapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (ctx: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** A reply as a Teams activity: an Adaptive Card when it has items or buttons, else Markdown text. */
export function activityFor(reply: Reply, refresh?: CardRefresh): Partial<Activity> {
  if (!reply.items?.length && !reply.actions?.length && !reply.controls?.length && !reply.more) return { type: ActivityTypes.Message, text: toText(reply), textFormat: 'markdown' };
  return { type: ActivityTypes.Message, summary: reply.title.slice(0, 200), attachments: [CardFactory.adaptiveCard(toCard(reply, MESSAGE_ITEMS, refresh))] };
}
