/**
 * Per-conversation sliding windows: Teams allows about 7 messages a second and 60 per 30 seconds
 * to one conversation. `wait` resolves when one more message fits every window, and books it.
 */
export class ConversationPacer {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly windows: ReadonlyArray<{ ms: number; max: number }> = [
      { ms: 1_000, max: 7 },
      { ms: 30_000, max: 60 },
    ],
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** How long until one more message to `key` fits, if sent now (0: it fits). */
  delay(key: string, at = this.now()): number {
    const times = this.sent.get(key) ?? [];
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = times.filter((t) => t > at - w.ms);
      if (inWindow.length >= w.max) wait = Math.max(wait, inWindow[inWindow.length - w.max]! + w.ms - at);
    }
    return wait;
  }

  async wait(key: string): Promise<void> {
    // Book the slot before sleeping so concurrent sends to one conversation queue up behind it.
    const at = this.now();
    const wait = this.delay(key, at);
    const times = this.sent.get(key) ?? [];
    times.push(at + wait);
    times.sort((a, b) => a - b);
    const longest = Math.max(...this.windows.map((w) => w.ms));
    this.sent.set(
      key,
      times.filter((t) => t > at - longest),
    );
    if (wait > 0) await this.sleep(wait);
  }
}
