import { webApi } from '@slack/bolt';
import type { Logger } from '../../src/core/log.js';
import { DeliveryError, type OutboundMessage, type Outbox } from '../../src/scheduler/outbox.js';
import { toBlocks } from './blocks.js';
import { NotInstalledError } from './installations.js';

type WebClient = InstanceType<typeof webApi.WebClient>;

/** Slack errors that will not go away by retrying: the subscription is marked failed with the reason. */
const PERMANENT: Record<string, string> = {
  channel_not_found: 'the channel was not found (deleted, or private without the bot)',
  not_in_channel: 'the bot is not in the channel: invite it with /invite @followup',
  is_archived: 'the channel is archived',
  account_inactive: 'the bot’s account is inactive (the app was removed)',
  token_revoked: 'the bot’s token was revoked (the app was removed)',
  invalid_auth: 'the bot token is not valid',
  user_not_found: 'the person was not found',
  cannot_dm_bot: 'that user is a bot',
  restricted_action: 'the workspace does not let the bot post there',
};

/** The longest Retry-After we wait for in place; longer ones go back to the scheduler's queue. */
const MAX_INLINE_WAIT_MS = 10_000;
/** Items a scheduled message shows (a channel reminder every Monday stays short); the rest are counted. */
const SCHEDULED_ITEMS = 5;
/** Slack's guidance: about one message per second per channel. */
const PACE_MS = 1_000;

/** How the outbox waits (pacing, Retry-After): injected, so tests count the waits instead of sleeping. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** Delivers scheduled messages with chat.postMessage, paced per channel, honouring Retry-After. */
export class SlackOutbox implements Outbox {
  private readonly lastPost = new Map<string, number>();
  private readonly clientFor: (team: string) => Promise<WebClient>;

  constructor(
    /** The app's client (one workspace), or the client of each workspace's installation (OAuth). */
    client: WebClient | ((team: string) => Promise<WebClient>),
    private readonly log: Logger,
    private readonly paceMs = PACE_MS,
    private readonly timer: Timer = realTimer,
  ) {
    this.clientFor = typeof client === 'function' ? client : async () => client;
  }

  private async pace(channel: string): Promise<void> {
    const now = this.timer.now();
    const wait = (this.lastPost.get(channel) ?? 0) + this.paceMs - now;
    this.lastPost.set(channel, now + Math.max(0, wait));
    if (wait > 0) await this.timer.sleep(wait);
  }

  /**
   * Whether a message with this delivery key is already in the conversation (a previous attempt
   * got through before it could be recorded). Looked up in the history by the key the message
   * carries in its metadata; when the lookup is not possible, the answer is "no" (post again).
   */
  private async alreadyPosted(client: WebClient, m: OutboundMessage): Promise<boolean> {
    try {
      const channel = m.target.kind === 'user' ? ((await client.conversations.open({ users: m.target.ref })).channel?.id ?? m.target.ref) : m.target.ref;
      const history = await client.conversations.history({ channel, oldest: String(Math.floor(Date.parse(m.scheduledFor) / 1000) - 60), include_all_metadata: true, limit: 200 });
      return (history.messages ?? []).some((msg) => {
        const meta = (msg as { metadata?: { event_type?: string; event_payload?: { key?: unknown } } }).metadata;
        return meta?.event_type === 'followup_delivery' && meta.event_payload?.key === m.key;
      });
    } catch (err) {
      this.log.warn({ err, key: m.key }, 'slack: could not check for an earlier copy; posting');
      return false;
    }
  }

  /** The workspace's client; a workspace that removed the app (no installation) is a permanent failure. */
  private async workspaceClient(team: string): Promise<WebClient> {
    try {
      return await this.clientFor(team);
    } catch (err) {
      // Bolt's authorize wraps what the installation store threw.
      if ((err as { original?: unknown }).original instanceof NotInstalledError) throw new DeliveryError(true, `the app is not installed in the workspace ${team || '(none)'}`);
      throw new DeliveryError(false, `the workspace's token could not be read: ${(err as Error).message}`);
    }
  }

  async send(m: OutboundMessage): Promise<void> {
    if (m.target.platform !== 'slack') throw new DeliveryError(false, `the Slack adapter cannot deliver to ${m.target.platform}`);
    const client = await this.workspaceClient(m.target.team);
    if (m.resend && (await this.alreadyPosted(client, m))) {
      this.log.info({ key: m.key }, 'slack: already delivered by an earlier attempt; not posting again');
      return;
    }
    const channel = m.target.ref;
    for (let attempt = 0; ; attempt++) {
      await this.pace(channel);
      try {
        await client.chat.postMessage({
          channel,
          ...toBlocks(m.reply, SCHEDULED_ITEMS, { controlsFirst: true }),
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: 'followup_delivery', event_payload: { key: m.key } },
        });
        return;
      } catch (err) {
        const e = err as { code?: string; data?: { error?: string }; retryAfter?: number };
        if (e.code === webApi.ErrorCode.RateLimitedError) {
          const waitMs = (e.retryAfter ?? 1) * 1000;
          if (waitMs <= MAX_INLINE_WAIT_MS && attempt < 3) {
            this.log.info({ channel, waitMs }, 'slack rate limit: waiting as asked');
            await this.timer.sleep(waitMs);
            continue;
          }
          throw new DeliveryError(false, `rate limited by Slack (retry after ${waitMs / 1000} s)`, waitMs);
        }
        if (e.code === webApi.ErrorCode.PlatformError) {
          const code = e.data?.error ?? 'unknown_error';
          if (PERMANENT[code]) throw new DeliveryError(true, `${code}: ${PERMANENT[code]}`);
          throw new DeliveryError(false, `Slack answered ${code}`);
        }
        // Network trouble, a 5xx, a 429 without a usable Retry-After: try again later.
        throw new DeliveryError(false, `Slack could not be reached: ${(err as Error).message}`);
      }
    }
  }
}
