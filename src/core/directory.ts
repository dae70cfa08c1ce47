import type { Platform } from './message.js';
import type { Reply, ReplyItem } from './reply.js';

/** A channel or a person on one platform (and workspace/tenant), by the platform's id. */
export interface NameRef {
  platform: Platform;
  team: string;
  kind: 'channel' | 'user';
  id: string;
}

/**
 * A platform's way of finding names (Slack: conversations.info / users.info; Teams: channelData
 * and the roster). `isId` says which words are that platform's ids (the rest are already names).
 * `lookup` may call the platform; it answers undefined when the name cannot be found (a DM, a
 * deleted channel, no permission) and throws only for a failure worth logging.
 */
export interface NameSource {
  isId(kind: NameRef['kind'], id: string): boolean;
  lookup(ref: NameRef): Promise<string | undefined>;
}

/** How long a name is trusted; a name not found is asked again sooner. */
const TTL_MS = 60 * 60_000;
const MISS_TTL_MS = 5 * 60_000;
/** The longest a reply waits for names it does not know yet (Slack acks within 3 s); then ids stay. */
const WAIT_MS = 800;
const MAX_NAMES = 10_000;

/** `#C0123` and `@U0123` as commands write them (targetLabel, owners, history). */
const TOKEN = /(^|[\s(“"'])([#@])([\p{L}\p{N}_.:@-]*[\p{L}\p{N}_-])/gu;

/**
 * Platform-neutral channel and people names, cached: commands write `#<id>` and `@<id>` as they
 * always did, and `named()` turns a reply's ids into names (`#migration`, `@Ana Ruiz`) before it is
 * shown. A name is asked of the platform once per hour at most (at most one call in flight per
 * id); names a payload already carries (`learn`) cost no call. Without a source for a platform
 * (the console) replies are unchanged.
 */
export class NameDirectory {
  private readonly sources = new Map<Platform, NameSource>();
  private readonly cache = new Map<string, { name: string | undefined; until: number }>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Replies already named, while every name in them is fresh (cached answers are named once). */
  private readonly done = new WeakMap<Reply, { out: Reply; until: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly onError: (err: unknown, ref: NameRef) => void = () => {},
    private readonly waitMs = WAIT_MS,
  ) {}

  /** Registers the platform's source (the Slack and Teams adapters do, at start). */
  use(platform: Platform, source: NameSource): void {
    this.sources.set(platform, source);
  }

  /** A name the platform's payload carried (a slash command's channel_name, `<#C1|migration>`). */
  learn(ref: NameRef, name: string | undefined): void {
    const n = name?.trim();
    if (!n) return;
    if (this.cache.size >= MAX_NAMES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key(ref), { name: n, until: this.now() + TTL_MS });
  }

  /** The cached name, or undefined (unknown, expired, or not found). Never calls the platform. */
  known(ref: NameRef): string | undefined {
    const hit = this.cache.get(key(ref));
    return hit && hit.until > this.now() ? hit.name : undefined;
  }

  /** The name, from the cache or the platform; undefined when it cannot be found. */
  async name(ref: NameRef): Promise<string | undefined> {
    const k = key(ref);
    const hit = this.cache.get(k);
    if (hit && hit.until > this.now()) return hit.name;
    const source = this.sources.get(ref.platform);
    if (!source?.isId(ref.kind, ref.id)) return undefined;
    let pending = this.inFlight.get(k);
    if (!pending) {
      pending = source
        .lookup(ref)
        .then(
          (name) => {
            if (name) this.learn(ref, name);
            else this.cache.set(k, { name: undefined, until: this.now() + MISS_TTL_MS });
          },
          (err: unknown) => {
            this.cache.set(k, { name: undefined, until: this.now() + MISS_TTL_MS });
            this.onError(err, ref);
          },
        )
        .finally(() => this.inFlight.delete(k));
      this.inFlight.set(k, pending);
    }
    await pending;
    return this.known(ref);
  }

  /** `#migration` / `@Ana Ruiz`, else the id as commands write it (`#C1`). */
  async label(ref: NameRef): Promise<string> {
    return `${ref.kind === 'channel' ? '#' : '@'}${(await this.name(ref)) ?? ref.id}`;
  }

  /**
   * The names of these people or channels, each on its own platform and team (an item's history
   * holds changes made on Slack and on Teams), `undefined` where none is known. Like `named`, it
   * waits at most `waitMs` for names not cached yet; those are cached for next time.
   */
  async namesOf(refs: readonly NameRef[]): Promise<Array<string | undefined>> {
    await this.settle(refs.filter((r) => this.known(r) === undefined));
    return refs.map((r) => this.known(r));
  }

  /** Asks for the names not cached, waiting at most `waitMs` for the answers. */
  private async settle(refs: readonly NameRef[]): Promise<void> {
    if (!refs.length) return;
    const lookups = Promise.all(refs.map((r) => this.name(r)));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([lookups, new Promise((r) => (timer = setTimeout(r, this.waitMs)))]);
    clearTimeout(timer);
  }

  /**
   * The reply with every `#<id>` and `@<id>` the platform knows by name replaced by the name.
   * Waits at most `waitMs` for names not cached yet (those stay ids this time, and are cached
   * for the next reply). The reply itself is never changed; a reply without ids is returned as is.
   */
  async named(reply: Reply, where: { platform: Platform; team?: string }): Promise<Reply> {
    const source = this.sources.get(where.platform);
    if (!source) return reply;
    const memo = this.done.get(reply);
    if (memo && memo.until > this.now()) return memo.out;
    const team = where.team ?? '';
    const refs = new Map<string, NameRef>();
    forEachText(reply, (text) => {
      if (!text.includes('#') && !text.includes('@')) return;
      for (const m of text.matchAll(TOKEN)) {
        const kind = m[2] === '#' ? 'channel' : 'user';
        if (source.isId(kind, m[3]!)) refs.set(`${m[2]}${m[3]}`, { platform: where.platform, team, kind, id: m[3]! });
      }
    });
    if (refs.size === 0) {
      this.done.set(reply, { out: reply, until: Infinity });
      return reply;
    }
    await this.settle([...refs.values()]);
    const names = new Map<string, string>();
    let complete = true;
    for (const [token, ref] of refs) {
      const n = this.known(ref);
      if (n) names.set(token, `${token[0]}${n}`);
      else if (!this.cache.has(key(ref))) complete = false;
    }
    const out = names.size ? mapTexts(reply, (text) => text.replace(TOKEN, (all, pre: string, sign: string, id: string) => (names.has(`${sign}${id}`) ? `${pre}${names.get(`${sign}${id}`)!}` : all))) : reply;
    if (complete) this.done.set(reply, { out, until: this.now() + MISS_TTL_MS });
    return out;
  }
}

function key(ref: NameRef): string {
  return `${ref.platform}\u0000${ref.team}\u0000${ref.kind}\u0000${ref.id}`;
}

/** The texts a person reads in a reply (titles, texts, field values, item titles, the "more" hint). */
function forEachText(reply: Reply, fn: (text: string) => void): void {
  fn(reply.title);
  if (reply.text) fn(reply.text);
  if (reply.more) fn(reply.more.hint);
  for (const i of reply.items ?? []) {
    fn(i.title);
    if (i.text) fn(i.text);
    for (const f of i.fields) fn(f.value);
    if (i.citation) fn(i.citation.label);
  }
}

function mapTexts(reply: Reply, fn: (text: string) => string): Reply {
  const item = (i: ReplyItem): ReplyItem => ({
    ...i,
    title: fn(i.title),
    ...(i.text ? { text: fn(i.text) } : {}),
    fields: i.fields.map((f) => ({ ...f, value: fn(f.value) })),
    ...(i.citation ? { citation: { ...i.citation, label: fn(i.citation.label) } } : {}),
  });
  return {
    ...reply,
    title: fn(reply.title),
    ...(reply.text ? { text: fn(reply.text) } : {}),
    ...(reply.more ? { more: { ...reply.more, hint: fn(reply.more.hint) } } : {}),
    ...(reply.items ? { items: reply.items.map(item) } : {}),
  };
}
