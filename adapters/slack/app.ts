import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import { App, LogLevel, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import type { Bot } from '../../src/bot.js';
import type { Logger } from '../../src/core/log.js';
import type { IncomingMessage } from '../../src/core/message.js';
import type { Reply } from '../../src/core/reply.js';
import type { Outbox } from '../../src/scheduler/outbox.js';
import { registerActions } from './actions.js';
import { openTrackModal, registerInteractions } from './interactions.js';
import { fromSlackText } from './text.js';
import { toBlocks, type Block } from './blocks.js';
import type { SlackConfig } from './config.js';
import { EVENT_TTL_MS, RecentIds } from './dedupe.js';
import type { SlackStore } from '../../src/store/slack-contract.js';
import { createOAuth, INSTALL_PATH, REDIRECT_PATH } from './oauth.js';
import type { Asker } from './context.js';
import { publishHome } from './home.js';
import { SlackOutbox } from './outbox.js';
import { channelNamesIn, slackNames } from './names.js';
import { SlackHttpReceiver } from './receiver.js';
import { startFailure } from './start.js';

export interface SlackAdapter {
  /** HTTP mode: the handler for POST /slack/events on the bot's HTTP server. */
  route?: (req: HttpRequest, res: ServerResponse) => void;
  /** The OAuth install flow (SLACK_CLIENT_ID, …): GET /slack/install and GET /slack/oauth_redirect. */
  installRoutes?: Array<{ path: string; handler: (req: HttpRequest, res: ServerResponse) => void }>;
  outbox: Outbox;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export { fromSlackText } from './text.js';

/** A slash command's channel_name, unless it is Slack's placeholder for a DM or a private group. */
function realChannelName(name: string | undefined): boolean {
  return Boolean(name) && name !== 'directmessage' && name !== 'privategroup' && !name!.startsWith('mpdm-');
}

/** `/followup new` (or `capture`) with nothing after it. */
const NEW_FORM = /^\s*(?:new|capture)\s*$/i;

/** Items shown in one Slack message: a chat answer stays short; the rest is "N more". */
const MESSAGE_ITEMS = 5;

/** How long a slash command may compute before we ack first and answer through response_url. */
const ACK_BUDGET_MS = 2_000;

/**
 * The Slack adapter: Bolt receives (HTTP or Socket Mode), this turns commands, mentions, DMs and
 * button clicks into IncomingMessages, and renders replies as Block Kit. `ack()` lives here.
 */
export function createSlackAdapter(
  bot: Bot,
  config: SlackConfig,
  log: Logger,
  opts: {
    receiver?: Receiver;
    /** The database's Slack store: installations (OAuth), install states, answered event ids. Required for OAuth. */
    store?: SlackStore;
    /** Sent to Slack as the OAuth redirect URL (from FOLLOWUP_PUBLIC_URL). */
    redirectUri?: string;
  } = {},
): SlackAdapter {
  if (config.oauth && !opts.store) throw new Error('slack: the OAuth install flow needs the database store');
  const oauth = config.oauth && opts.store ? createOAuth(config.oauth, opts.store, log, { ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}), ...(opts.redirectUri ? { redirectUri: opts.redirectUri } : {}) }) : undefined;
  // Tests hand in a receiver of their own: the same listeners run whatever delivers the events.
  const httpReceiver = opts.receiver || config.appToken ? undefined : new SlackHttpReceiver(config.signingSecret!, log, undefined, oauth?.installer);
  // Socket Mode's own client (apps.connections.open) takes its Web API options from installerOptions.
  const socketOptions = config.apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } } } : {};
  const receiver: Receiver = opts.receiver ?? httpReceiver ?? new SocketModeReceiver({ appToken: config.appToken!, logLevel: LogLevel.ERROR, ...socketOptions });
  const app = new App({
    token: config.botToken,
    receiver,
    logLevel: LogLevel.ERROR,
    deferInitialization: true,
    convoStore: false, // the bot keeps no per-conversation state in Bolt
    clientOptions: { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: { retries: 2 } },
  });
  const events = opts.store?.events ?? new RecentIds();
  const first = (id: string | undefined): Promise<boolean> => (id ? events.first(id, bot.deps.clock.now(), EVENT_TTL_MS) : Promise.resolve(true));
  // One workspace: the app's client (its token). Every workspace: a client with that workspace's own token.
  const clientFor = oauth ? workspaceClients(oauth.installer, config.apiUrl) : undefined;

  bot.deps.names.use('slack', slackNames(clientFor ? (team) => clientFor(team, { retryConfig: { retries: 2 } }) : app.client));
  const handle: Asker = (text, body) => {
    for (const c of channelNamesIn(text)) bot.deps.names.learn({ platform: 'slack', team: body.team ?? '', kind: 'channel', id: c.id }, c.name);
    // `<@U123|ana>` (as slash commands with escaping send them) carries the person's name.
    const mentions = text.includes('<@') ? [...text.matchAll(/<@([UW][A-Z0-9]+)\|([^>]+)>/g)].map((m) => ({ id: m[1]!, name: m[2]! })) : [];
    const message: IncomingMessage = {
      text: fromSlackText(text),
      platform: 'slack',
      user: { id: body.user, ...(body.userName ? { name: body.userName } : {}) },
      channel: { id: body.channel, ...(body.channelName ? { name: body.channelName } : {}) },
      ...(body.team ? { team: body.team } : {}),
      ...(mentions.length ? { mentions } : {}),
    };
    return bot.handle(message);
  };
  const http = httpReceiver !== undefined;
  const ackMessage = (reply: Reply) => ({ response_type: reply.audience === 'channel' ? 'in_channel' : 'ephemeral', ...rendered(reply) }) as const;
  const serialisedCache = new WeakMap<Reply, string>();
  const serialised = (reply: Reply): string => {
    let json = serialisedCache.get(reply);
    if (json === undefined) {
      json = JSON.stringify(ackMessage(reply));
      serialisedCache.set(reply, json);
    }
    return json;
  };
  // Replies served from the bot's cache are the same objects: render each once.
  const renders = new WeakMap<Reply, { text: string; blocks: Block[] }>();
  const rendered = (reply: Reply): { text: string; blocks: Block[]; unfurl_links: false; unfurl_media: false } => {
    let r = renders.get(reply);
    if (!r) {
      r = toBlocks(reply, MESSAGE_ITEMS);
      renders.set(reply, r);
    }
    return { ...r, unfurl_links: false, unfurl_media: false };
  };

  app.command(/.*/, async ({ command, ack, respond, client, context }) => {
    // The team of the installation that answers (Bolt's authorize): each workspace's data stays its own.
    const team = context.teamId ?? command.team_id;
    // `/followup new` alone opens the track form (with text, `new …` is tracked as typed).
    if (command.trigger_id && NEW_FORM.test(command.text)) {
      await ack();
      await openTrackModal(client, bot, command.trigger_id, { platform: 'slack', team: team ?? '', channelId: command.channel_id, ...(realChannelName(command.channel_name) ? { channelName: command.channel_name } : {}), authorId: command.user_id, postedAt: bot.deps.clock.now().toISOString(), text: '' }, false);
      return;
    }
    const work = handle(command.text, { ...(team ? { team } : {}), user: command.user_id, userName: command.user_name, channel: command.channel_id, ...(realChannelName(command.channel_name) ? { channelName: command.channel_name } : {}) });
    let timeout: NodeJS.Timeout | undefined;
    const timer = new Promise<undefined>((r) => (timeout = setTimeout(r, ACK_BUDGET_MS, undefined)));
    const quick = await Promise.race([work, timer]);
    clearTimeout(timeout);
    if (quick) {
      // HTTP mode: ack with the JSON already serialised (our route sets the JSON content type);
      // cached replies then cost no serialisation. Socket Mode acks take the object.
      await ack(http ? serialised(quick) : ackMessage(quick));
      return;
    }
    await ack();
    const reply = await work;
    await respond(ackMessage(reply));
  });

  // One listener per kind of payload: Bolt runs every listener's filters on every request, so fewer
  // listeners keep the per-request cost down (the bench compares us with a one-listener app).
  app.event(/^(app_mention|message|app_home_opened)$/, async (args) => {
    const { event, body, client, context } = args;
    // Message events carry `say` (they have a channel); Bolt's types lose it for a pattern match.
    const say = (args as unknown as { say: (m: object) => Promise<unknown> }).say;
    const team = context.teamId ?? (body as { team_id?: string }).team_id ?? '';
    const eventId = (body as { event_id?: string }).event_id;
    if (event.type === 'app_home_opened') {
      if (event.tab !== 'home') return;
      await publishHome(client, handle, team, event.user);
      return;
    }
    if (event.type === 'app_mention') {
      if (!(await first(eventId))) return;
      const text = event.text.replace(/^\s*<@[UW][A-Z0-9]+>\s*/, '');
      const reply = await handle(text, { team, user: event.user ?? '', channel: event.channel });
      // In the thread of the mention (its own thread when it was not in one): the channel stays quiet.
      const thread = event.thread_ts ?? event.ts;
      await say({ ...rendered(reply), ...(thread ? { thread_ts: thread } : {}) });
      return;
    }
    // A direct message from a person (not a bot, not an edit or a join).
    const m = event as { channel_type?: string; subtype?: string; bot_id?: string; text?: string; user?: string; channel: string };
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user) return;
    if (!(await first(eventId))) return;
    const reply = await handle(m.text ?? '', { team, user: m.user, channel: m.channel });
    await say(rendered(reply));
  });

  if (oauth) {
    // The app removed from a workspace (or org), or its bot token revoked: its installation goes.
    app.event(/^(app_uninstalled|tokens_revoked)$/, async ({ event, context }) => {
      if (event.type === 'tokens_revoked' && !(event as { tokens: { bot?: string[] } }).tokens.bot?.length) return;
      const query = { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall === true };
      await oauth.installations.deleteInstallation(query as Parameters<typeof oauth.installations.deleteInstallation>[0]);
      log.info({ team: context.teamId, enterprise: context.enterpriseId, event: event.type }, 'slack: installation removed');
    });
  }

  registerActions(app, bot, handle, rendered);
  registerInteractions(app, bot, handle, rendered, log);

  app.error(async (err) => {
    log.error({ err }, 'slack listener failed');
  });

  return {
    ...(httpReceiver ? { route: httpReceiver.route } : {}),
    ...(oauth ? { installRoutes: [{ path: INSTALL_PATH, handler: oauth.install }, { path: REDIRECT_PATH, handler: oauth.redirect }] } : {}),
    // A client of its own that reports rate limits instead of waiting silently, so the outbox can pace.
    outbox: new SlackOutbox(clientFor ? (team) => clientFor(team, OUTBOX_CLIENT) : new webApi.WebClient(config.botToken, { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), ...OUTBOX_CLIENT }), log),
    start: async () => {
      if (oauth) {
        await app.init(); // each workspace's token comes from the database, per request
        return;
      }
      await app.init().catch((err: unknown) => Promise.reject(startFailure(err, 'SLACK_BOT_TOKEN', config.apiUrl))); // auth.test: a bad token fails here, at start
      if (!http) await app.start().catch((err: unknown) => Promise.reject(startFailure(err, 'SLACK_APP_TOKEN', config.apiUrl))); // Socket Mode connects here
    },
    stop: async () => {
      if (!http) await app.stop();
    },
  };
}

const OUTBOX_CLIENT = { rejectRateLimitedCalls: true, retryConfig: { retries: 0 } } as const;

type WebClient = InstanceType<typeof webApi.WebClient>;

/**
 * A Web API client with the bot token of a workspace's installation (Bolt's authorize: the
 * database, refreshed when it rotates), for what is sent outside a request: scheduled messages,
 * name lookups. One client per token and kind.
 */
function workspaceClients(installer: { authorize(q: { teamId: string; enterpriseId: undefined; isEnterpriseInstall: false }): Promise<{ botToken?: string }> }, apiUrl: string | undefined) {
  const clients = new Map<string, WebClient>();
  return async (team: string, options: webApi.WebClientOptions): Promise<WebClient> => {
    const { botToken } = await installer.authorize({ teamId: team, enterpriseId: undefined, isEnterpriseInstall: false });
    if (!botToken) throw new Error(`slack: the installation for ${team} has no bot token`);
    const id = `${JSON.stringify(options)}:${botToken}`;
    let client = clients.get(id);
    if (!client) {
      if (clients.size > 1_000) clients.clear();
      client = new webApi.WebClient(botToken, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), ...options });
      clients.set(id, client);
    }
    return client;
  };
}
