import { accessSync, appendFileSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeError } from '../core/system-errors.js';
import type { Platform } from '../core/message.js';
import type { Reply } from '../core/reply.js';

export interface DeliveryTarget {
  platform: Platform;
  team: string;
  kind: 'user' | 'channel';
  ref: string;
}

export interface OutboundMessage {
  /** The delivery's idempotency key: (subscription, scheduled instant, recipient). */
  key: string;
  target: DeliveryTarget;
  reply: Reply;
  scheduledFor: string;
  late: boolean;
  /**
   * An earlier attempt may have reached the platform (it failed, timed out, or the bot stopped
   * before recording it): an outbox that can look up what it already posted should check first.
   */
  resend?: boolean;
}

/**
 * The port every adapter implements to deliver scheduled messages. `send` resolves when the
 * platform accepted the message; it throws a DeliveryError for a failure it understands.
 */
export interface Outbox {
  send(message: OutboundMessage): Promise<void>;
}

/** A failed delivery: permanent (channel gone, bot removed) or transient (rate limit, outage). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly permanent: boolean,
    readonly reason: string,
    /** For transient failures: when the platform asked us to retry (e.g. Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
  }
}

const OUTBOX_FIX = 'set FOLLOWUP_OUTBOX_FILE to a file in an existing folder that the user running followup can read and write';

/**
 * Appends each message as a JSON line to a file, once per idempotency key: a key already in
 * the file is not written again, so a send retried after a crash is not doubled (a resend reads
 * the file again first: several processes may share it, and another may have written the key
 * just before it died). Each line names the instance that wrote it (`by`) when given. For tests,
 * demos and scripting (FOLLOWUP_OUTBOX_FILE). A file it cannot read or write is refused at
 * construction (a SystemError naming FOLLOWUP_OUTBOX_FILE): only a file that does not exist yet
 * starts with no keys, or the duplicate guard would be lost without a word.
 */
export class FileOutbox implements Outbox {
  private readonly written = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly delayMs = 0,
    private readonly by?: string,
  ) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
      accessSync(file, constants.W_OK);
    } catch (err) {
      const setting = { name: 'FOLLOWUP_OUTBOX_FILE', fix: OUTBOX_FIX, path: file };
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw describeError(err, { setting }) ?? err;
      // No file yet: its folder must exist and be writable, or every delivery would fail.
      try {
        accessSync(path.dirname(path.resolve(file)), constants.W_OK);
      } catch (dirErr) {
        throw describeError(dirErr, { setting }) ?? dirErr;
      }
    }
    this.learn(text);
  }

  private learn(text: string): void {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        this.written.add((JSON.parse(line) as { key: string }).key);
      } catch {
        // A line cut by a crash mid-write is not a delivery.
      }
    }
  }

  async send(m: OutboundMessage): Promise<void> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (m.resend && !this.written.has(m.key)) this.learn(readFileSync(this.file, { encoding: 'utf8', flag: 'a+' }));
    if (this.written.has(m.key)) return;
    appendFileSync(this.file, `${JSON.stringify({ key: m.key, target: m.target, scheduledFor: m.scheduledFor, late: m.late, title: m.reply.title, ...(this.by ? { by: this.by } : {}) })}\n`);
    this.written.add(m.key);
  }
}

/** Routes each message to its platform's outbox. */
export class OutboxRouter implements Outbox {
  constructor(private readonly byPlatform: Partial<Record<Platform, Outbox>>) {}

  async send(m: OutboundMessage): Promise<void> {
    const outbox = this.byPlatform[m.target.platform];
    if (!outbox) throw new DeliveryError(false, `${m.target.platform} is not connected`, 5 * 60_000);
    await outbox.send(m);
  }
}
