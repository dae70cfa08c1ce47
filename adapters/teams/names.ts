import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { NameRef, NameSource } from '../../src/core/directory.js';

/** Teams' ids: channels and chats `19:…@thread.*`, people `29:…` (and `8:orgid:…`). */
const CHANNEL_ID = /^19:[^\s]+@thread\.[a-z0-9]+$/i;
const USER_ID = /^(?:29|8):[^\s]+$/;
export const isTeamsId = (kind: NameRef['kind'], id: string): boolean => (kind === 'channel' ? CHANNEL_ID : USER_ID).test(id);

/** A team's channels are asked of Teams at most once an hour (the general channel has no name: it is "General"). */
const TTL_MS = 60 * 60_000;

export interface TeamChannel {
  id: string;
  name: string;
}

/** The channel lists of the teams the bot is in (TeamsInfo.getTeamChannels), cached. */
export class TeamChannels {
  private readonly cache = new Map<string, { until: number; channels: Promise<TeamChannel[]> }>();
  constructor(private readonly now: () => number = Date.now) {}

  get(ctx: TurnContext, teamId: string): Promise<TeamChannel[]> {
    const hit = this.cache.get(teamId);
    if (hit && hit.until > this.now()) return hit.channels;
    const channels = TeamsInfo.getTeamChannels(ctx, teamId).then((list) => list.flatMap((c) => (c.id ? [{ id: c.id, name: c.name || (c.id === teamId ? 'General' : '') }] : [])).filter((c) => c.name));
    // A failure is not cached: the next message asks again.
    channels.catch(() => this.cache.delete(teamId));
    this.cache.set(teamId, { until: this.now() + TTL_MS, channels });
    return channels;
  }
}

const norm = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');

/** `#word` tokens that are neither numbers (`#5`, a reminder) nor Teams ids. */
const HASH = /(^|[\s(])#([\p{L}\p{N}_.-]{1,80})(?=$|[\s),.;:!?])/gu;

/** The `#name` words in a text that name a channel rather than a number or an id. */
export function channelWords(text: string): string[] {
  return [...text.matchAll(HASH)].map((m) => m[2]!).filter((w) => !/^\d+$/.test(w) && !isTeamsId('channel', w));
}

/**
 * `#migration` → `#19:…@thread.tacv2` for the team's channels (names matched ignoring case,
 * spaces, `-` and `_`); the words no channel of the team has are returned as `unknown`.
 */
export function resolveChannelWords(text: string, channels: readonly TeamChannel[]): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const out = text.replace(HASH, (all, lead: string, word: string) => {
    if (/^\d+$/.test(word) || isTeamsId('channel', word)) return all;
    const hit = channels.find((c) => norm(c.name) === norm(word));
    if (!hit) {
      unknown.push(word);
      return all;
    }
    return `${lead}#${hit.id}`;
  });
  return { text: out, unknown };
}

/** Runs `fn` in a turn on a stored conversation (continueConversationAsync), for calls outside a message's turn. */
export type InConversation = <T>(reference: unknown, fn: (ctx: TurnContext) => Promise<T>) => Promise<T>;

/**
 * Names from Teams for the core NameDirectory: channel names from the team's channel list, people
 * from the roster (TeamsInfo.getMember), each asked through a conversation the bot keeps a
 * reference to. Names activities carry (channelData.channel.name, from.name, mentions) are
 * learned on the way in, so these calls are the exception.
 */
export function teamsNames(opts: {
  channelRef(id: string): Promise<{ reference: unknown; teamId?: string } | undefined>;
  anyRef(team: string): Promise<unknown>;
  inConversation: InConversation;
  channels: TeamChannels;
}): NameSource {
  return {
    isId: isTeamsId,
    lookup: async (ref) => {
      if (ref.kind === 'channel') {
        const stored = await opts.channelRef(ref.id);
        if (!stored?.teamId) return undefined; // a group chat, or a channel never seen with its team
        const list = await opts.inConversation(stored.reference, (ctx) => opts.channels.get(ctx, stored.teamId!));
        return list.find((c) => c.id === ref.id)?.name;
      }
      const via = await opts.anyRef(ref.team);
      if (!via) return undefined;
      try {
        const member = await opts.inConversation(via, (ctx) => TeamsInfo.getMember(ctx, ref.id));
        return member.name || undefined;
      } catch (err) {
        // Not a member of that conversation (left, another team): no name to show.
        if ((err as { statusCode?: number }).statusCode === 404) return undefined;
        throw err;
      }
    },
  };
}

/** Why `#name` words in a message could not become channels (shown to the person, who can fix it). */
export interface ChannelProblem {
  title: string;
  hint: string;
}

/**
 * A message's `#name` words as the team's channel ids, resolved while the message is handled (so
 * `remind #migration …` stores the channel, or says now why it cannot). In a personal or group
 * chat there is no team whose channels the words could name.
 */
export async function channelsInText(
  ctx: TurnContext,
  text: string,
  opts: { teamId?: string; channels: TeamChannels; learn(c: TeamChannel): Promise<void> },
): Promise<{ text: string; problem?: ChannelProblem }> {
  const words = channelWords(text);
  if (!words.length) return { text };
  if (!opts.teamId) {
    return {
      text,
      problem: {
        title: `I can't tell which channel #${words[0]} is from this chat.`,
        hint: 'Channel names belong to a team: @mention me in that channel and say `remind here …` (or `digest here …`, `reminders here`).',
      },
    };
  }
  let list: TeamChannel[];
  try {
    list = await opts.channels.get(ctx, opts.teamId);
  } catch {
    return { text, problem: { title: `I could not get this team's channel list from Teams to find #${words[0]}.`, hint: 'Try again in a moment, or say `remind here …` inside that channel.' } };
  }
  for (const c of list) await opts.learn(c);
  const r = resolveChannelWords(text, list);
  if (!r.unknown.length) return { text: r.text };
  const some = list.slice(0, 8).map((c) => `#${c.name}`).join(', ');
  return { text: r.text, problem: { title: `There is no channel called #${r.unknown[0]} in this team.`, hint: `Its channels: ${some}${list.length > 8 ? ', …' : ''}. Or say \`remind here …\` inside the channel.` } };
}
