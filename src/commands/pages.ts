import type { IncomingMessage } from '../core/message.js';
import type { Reply, ReplyItem } from '../core/reply.js';
import { PAGE_SIZE } from './types.js';

/** What `more` continues: the rest of one list answer in one conversation. */
export interface Continuation {
  title: string;
  rest: ReplyItem[];
  /** Items the command counted but did not collect (past LIST_LIMIT), and how to narrow to them. */
  beyond?: { count: number; hint: string };
  shown: number;
  total: number;
  at: number;
}

const MORE_ACTION = { id: 'more', label: 'More', command: 'more' } as const;

/**
 * Where several instances keep the continuations (PostgreSQL): `more` may reach another instance
 * than the question did. Keyed per conversation; `at` is when it was last shown.
 */
export interface SharedPages {
  get(key: string): Promise<Continuation | undefined>;
  set(key: string, kept: Continuation): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Long list answers, a page at a time: a lookup shows its best PAGE_SIZE items and `more` shows
 * the next ones, per person and conversation (platform, team, channel, user). The state is in
 * memory, small and bounded: one list per conversation, at most `max` conversations (the oldest
 * go first), each forgotten after `ttlMs`. A restart forgets them; the question can be asked again.
 */
export class Pages {
  private readonly firstPages = new WeakMap<Reply, Reply>();
  private readonly byConversation = new Map<string, Continuation>();

  constructor(
    private readonly now: () => number,
    private readonly max = 1_000,
    private readonly ttlMs = 60 * 60 * 1000,
    /** Several instances: each change is written there, and `more` reads it first (see SharedPages). */
    private readonly shared?: SharedPages,
  ) {}

  /** `first`, then the conversation's continuation written to the shared store (when there is one). */
  async firstShared(message: IncomingMessage, reply: Reply): Promise<Reply> {
    const page = this.first(message, reply);
    await this.persist(message);
    return page;
  }

  /** `next`, on the conversation's continuation as the shared store has it (another instance may have answered the question). */
  async nextShared(message: IncomingMessage): Promise<Reply | undefined> {
    if (this.shared) {
      const key = this.key(message);
      const kept = await this.shared.get(key);
      if (kept) this.byConversation.set(key, kept);
      else this.byConversation.delete(key);
    }
    const page = this.next(message);
    await this.persist(message);
    return page;
  }

  private async persist(message: IncomingMessage): Promise<void> {
    if (!this.shared) return;
    const key = this.key(message);
    const kept = this.byConversation.get(key);
    if (kept) await this.shared.set(key, kept);
    else await this.shared.delete(key);
  }

  private key(m: IncomingMessage): string {
    return [m.platform, m.team ?? '', m.channel.id, m.user.id].join('\u0000');
  }

  /** The first page of a list answer; the rest is kept for `more`, replacing what was kept before. */
  first(message: IncomingMessage, reply: Reply): Reply {
    const key = this.key(message);
    this.byConversation.delete(key);
    const items = reply.items ?? [];
    if (reply.whole || items.length <= PAGE_SIZE) return reply;
    const kept: Continuation = { title: reply.title, rest: items.slice(PAGE_SIZE), shown: PAGE_SIZE, total: items.length + (reply.more?.count ?? 0), at: this.now() };
    if (reply.more) kept.beyond = reply.more;
    if (this.byConversation.size >= this.max) this.byConversation.delete(this.byConversation.keys().next().value!);
    this.byConversation.set(key, kept);
    // The same reply (a cached answer) gets the same first page, object and all: adapters render a
    // reply they have seen once (Slack's Block Kit is cached per reply), so it is not drawn again.
    let page = this.firstPages.get(reply);
    if (!page) {
      const tail = this.tail(kept);
      page = { ...reply, items: items.slice(0, PAGE_SIZE), ...tail, actions: [...(reply.actions ?? []), ...(tail.actions ?? [])] };
      this.firstPages.set(reply, page);
    }
    return page;
  }

  /** The next page of the conversation's last list answer, or undefined when there is none. */
  next(message: IncomingMessage): Reply | undefined {
    const key = this.key(message);
    const kept = this.byConversation.get(key);
    if (!kept || this.now() - kept.at > this.ttlMs) {
      this.byConversation.delete(key);
      return undefined;
    }
    const items = kept.rest.slice(0, PAGE_SIZE);
    const from = kept.shown + 1;
    kept.rest = kept.rest.slice(PAGE_SIZE);
    kept.shown += items.length;
    kept.at = this.now();
    if (kept.rest.length === 0) this.byConversation.delete(key);
    return { title: `${kept.title} (${from}–${kept.shown} of ${kept.total})`, items, tone: 'info', ...this.tail(kept) };
  }

  /** "…and N more": `more` while items are kept, else how to narrow to the ones never collected. */
  private tail(kept: Continuation): Pick<Reply, 'more' | 'actions'> {
    if (kept.rest.length) {
      const hint = `Say \`more\` for the next ${Math.min(PAGE_SIZE, kept.rest.length)}.`;
      return { more: { count: kept.rest.length + (kept.beyond?.count ?? 0), hint }, actions: [MORE_ACTION] };
    }
    return kept.beyond ? { more: kept.beyond } : {};
  }
}
