import type { webApi } from '@slack/bolt';
import type { NameRef, NameSource } from '../../src/core/directory.js';

type WebClient = InstanceType<typeof webApi.WebClient>;

/** Slack's conversation and user ids (C…, G… channels; U…, W… people). DMs (D…) have no name to show. */
const CHANNEL_ID = /^[CG][A-Z0-9]+$/;
const USER_ID = /^[UW][A-Z0-9]+$/;

/** Errors that mean "there is no name to show", not a failure: the channel went, or the bot may not see it. */
const NO_NAME = new Set(['channel_not_found', 'user_not_found', 'missing_scope', 'not_in_channel', 'method_not_supported_for_channel_type']);

/**
 * Names from Slack's Web API: conversations.info (channels:read, groups:read) and users.info
 * (users:read), with the workspace's own client (one per team under OAuth). The core NameDirectory caches them, so a name costs one call an hour at most.
 */
export function slackNames(clients: WebClient | ((team: string) => Promise<WebClient>)): NameSource {
  const clientFor = typeof clients === 'function' ? clients : async () => clients;
  return {
    isId: (kind, id) => (kind === 'channel' ? CHANNEL_ID : USER_ID).test(id),
    lookup: async (ref: NameRef) => {
      try {
        const client = await clientFor(ref.team);
        if (ref.kind === 'channel') {
          const r = await client.conversations.info({ channel: ref.id });
          return r.channel?.is_im ? undefined : r.channel?.name;
        }
        const r = await client.users.info({ user: ref.id });
        const u = r.user;
        return u?.profile?.display_name || u?.real_name || u?.name || undefined;
      } catch (err) {
        if (NO_NAME.has(String((err as { data?: { error?: string } }).data?.error))) return undefined;
        throw err;
      }
    },
  };
}

/** `<#C1|migration>` in a message's text: the channel names Slack already gave us. */
export function channelNamesIn(text: string): Array<{ id: string; name: string }> {
  return text.includes('<#') ? [...text.matchAll(/<#([CG][A-Z0-9]+)\|([^>]+)>/g)].map((m) => ({ id: m[1]!, name: m[2]! })) : [];
}
