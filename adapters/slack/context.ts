import type { Reply } from '../../src/core/reply.js';
import type { Block } from './blocks.js';

/** Who asks, where (Slack ids; names when the payload carries them). */
export interface AskedBy {
  team?: string;
  user: string;
  userName?: string;
  channel: string;
  channelName?: string;
}

/** Runs a text as the bot's input for that person and place. */
export type Asker = (text: string, by: AskedBy) => Promise<Reply>;

/** A reply as a Slack message (Block Kit, cached per reply object). */
export type Rendered = (reply: Reply) => { text: string; blocks: Block[]; unfurl_links: false; unfurl_media: false };

/**
 * The workspace of an interactive payload (a click, a shortcut, a form): its `team`, or — in an
 * org-wide install, where `team` is null — the person's own workspace, as Bolt's authorize reads it.
 */
export function teamOf(body: { team?: { id?: string } | null; user?: { id: string; team_id?: string } }): string {
  return body.team?.id ?? body.user?.team_id ?? '';
}
