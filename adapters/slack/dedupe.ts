import type { EventLog } from '../../src/store/slack-contract.js';

/** How long an event id is remembered: Slack retries a delivery three times within minutes. */
export const EVENT_TTL_MS = 60 * 60_000;

/**
 * Event ids in this process only (a test's adapter without a database; the server always passes
 * the database's EventLog, so a retry that lands on another instance is recognised too).
 */
export class RecentIds implements EventLog {
  private readonly seen = new Map<string, number>();

  constructor(private readonly max = 10_000) {}

  async first(id: string, now: Date, ttlMs: number): Promise<boolean> {
    const t = now.getTime();
    const at = this.seen.get(id);
    if (at !== undefined && t - at < ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, t);
    if (this.seen.size > this.max) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
