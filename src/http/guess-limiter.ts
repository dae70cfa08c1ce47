export interface GuessLimiterOptions {
  /** Wrong guesses a client may make in one window (default 10). */
  maxFailures?: number;
  /** The window, from a client's first wrong guess (default 15 minutes). */
  windowMs?: number;
  /** Clients remembered at most; the oldest are forgotten first (default 10,000). */
  maxClients?: number;
  /** Milliseconds since the epoch; tests move it by hand. */
  now?: () => number;
}

/**
 * Counts wrong secrets per client address in a fixed window that starts at the first wrong one.
 * A client that reached `maxFailures` is refused, right secret or not, until its window ends:
 * an answer that still told a right guess from a wrong one would let guessing go on.
 */
export class GuessLimiter {
  private readonly clients = new Map<string, { since: number; failures: number }>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(o: GuessLimiterOptions = {}) {
    this.maxFailures = o.maxFailures ?? 10;
    this.windowMs = o.windowMs ?? 15 * 60_000;
    this.maxClients = o.maxClients ?? 10_000;
    this.now = o.now ?? Date.now;
  }

  /** Milliseconds until `client` may try again; 0 when it may now. */
  blockedFor(client: string): number {
    const c = this.clients.get(client);
    if (!c) return 0;
    const left = c.since + this.windowMs - this.now();
    if (left <= 0) {
      this.clients.delete(client);
      return 0;
    }
    return c.failures >= this.maxFailures ? left : 0;
  }

  failed(client: string): void {
    const now = this.now();
    let c = this.clients.get(client);
    if (!c || now - c.since >= this.windowMs) {
      this.clients.delete(client);
      c = { since: now, failures: 0 };
      this.clients.set(client, c);
      this.forgetOld(now);
    }
    c.failures++;
  }

  /** A right secret: the client's earlier wrong ones (a typo) no longer count. */
  succeeded(client: string): void {
    this.clients.delete(client);
  }

  get size(): number {
    return this.clients.size;
  }

  private forgetOld(now: number): void {
    if (this.clients.size <= this.maxClients) return;
    for (const [k, c] of this.clients) if (now - c.since >= this.windowMs) this.clients.delete(k);
    // Still too many (many addresses at once): forget the oldest windows first.
    for (const k of this.clients.keys()) {
      if (this.clients.size <= this.maxClients) break;
      this.clients.delete(k);
    }
  }
}
