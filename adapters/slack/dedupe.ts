/**
 * Remembers recent ids (Slack's event_id) so that a retried or duplicated event is answered once.
 * `first` is synchronous: two deliveries of one event arriving together cannot both pass.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time an id is seen (within the TTL); an event without an id always passes. */
  first(id: string | undefined): boolean {
    if (!id) return true;
    const t = this.now();
    const at = this.seen.get(id);
    if (at !== undefined && t - at < this.ttlMs) return false;
    this.seen.set(id, t);
    if (this.seen.size > this.max) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
