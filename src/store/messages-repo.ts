import type { Platform } from '../core/message.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

/** The chat message an item was captured from (migration 009). */
export interface MessageProvenance {
  commitmentId: string;
  platform: Platform;
  team: string;
  channelId: string;
  channelName?: string;
  messageId?: string;
  permalink?: string;
  authorId: string;
  authorName?: string;
  /** When the message was posted (ISO instant). */
  postedAt: string;
  capturedBy: string;
  capturedAt: string;
}

/** A channel's "chat" meeting: the default home of what is captured there. */
export interface ChatMeeting {
  id: string;
  name: string;
  shortName: string;
}

/**
 * Items captured from chat: their message provenance and the per-channel chat meetings. Writes
 * run inside the caller's transaction, with the commitment row (ImportRepository.upsertCommitment).
 */
export class MessageRepository {
  private readonly q: Statements;

  constructor(db: Db) {
    this.q = new Statements(db);
  }

  /** Creates the channel's chat meeting and its `messages` section when they are not there. */
  ensureChatMeeting(m: ChatMeeting, day: string, now: Date): void {
    this.q
      .get(
        `INSERT INTO meetings (id, name, short_name, held_from, held_to, place, citation, catalog_hash, loaded_at, origin)
         VALUES (?, ?, ?, ?, ?, 'chat', ?, NULL, ?, 'chat') ON CONFLICT(id) DO NOTHING`,
      )
      .run(m.id, m.name, m.shortName, day, day, `Messages in ${m.shortName}`, now.toISOString());
    this.q.get(`INSERT INTO sections (meeting_id, id, title, note, position) VALUES (?, 'messages', 'Messages', NULL, 0) ON CONFLICT DO NOTHING`).run(m.id);
    // The meeting spans the days something was captured in it.
    this.q.get('UPDATE meetings SET held_to = max(held_to, ?), held_from = min(held_from, ?) WHERE id = ?').run(day, day, m.id);
  }

  /** The next paragraph number of a meeting's `messages` section (1, 2, …). */
  nextParagraph(meetingId: string): number {
    return (this.q.get("SELECT coalesce(max(paragraph), 0) + 1 FROM commitments WHERE meeting_id = ? AND section_id = 'messages'").pluck().get(meetingId) as number) ?? 1;
  }

  /** The item already captured from this message, if any. */
  byMessage(platform: string, team: string, channelId: string, messageId: string): string | undefined {
    return this.q.get('SELECT commitment_id FROM commitment_messages WHERE platform = ? AND team = ? AND channel_id = ? AND message_id = ?').pluck().get(platform, team, channelId, messageId) as string | undefined;
  }

  record(p: MessageProvenance): void {
    this.q
      .get(
        `INSERT INTO commitment_messages (commitment_id, platform, team, channel_id, channel_name, message_id, permalink, author_id, author_name, posted_at, captured_by, captured_at)
         VALUES (@commitmentId, @platform, @team, @channelId, @channelName, @messageId, @permalink, @authorId, @authorName, @postedAt, @capturedBy, @capturedAt)`,
      )
      .run({ channelName: null, messageId: null, permalink: null, authorName: null, ...p });
  }

  /**
   * The provenance an export carried, brought in with its item: added, or the item's stored one
   * brought up to the record. Returns the other item already captured from that message, if one
   * is (nothing is written then).
   */
  keep(p: MessageProvenance): string | undefined {
    const other = p.messageId ? this.byMessage(p.platform, p.team, p.channelId, p.messageId) : undefined;
    if (other && other !== p.commitmentId) return other;
    this.q.get('DELETE FROM commitment_messages WHERE commitment_id = ?').run(p.commitmentId);
    this.record(p);
    return undefined;
  }

  get(commitmentId: string): MessageProvenance | undefined {
    const r = this.q.get('SELECT * FROM commitment_messages WHERE commitment_id = ?').get(commitmentId) as Record<string, string | null> | undefined;
    if (!r) return undefined;
    return {
      commitmentId: r.commitment_id!,
      platform: r.platform as Platform,
      team: r.team!,
      channelId: r.channel_id!,
      ...(r.channel_name ? { channelName: r.channel_name } : {}),
      ...(r.message_id ? { messageId: r.message_id } : {}),
      ...(r.permalink ? { permalink: r.permalink } : {}),
      authorId: r.author_id!,
      ...(r.author_name ? { authorName: r.author_name } : {}),
      postedAt: r.posted_at!,
      capturedBy: r.captured_by!,
      capturedAt: r.captured_at!,
    };
  }
}
