import type { Logger } from '../../src/core/log.js';
import { DeliveryError, type OutboundMessage, type Outbox } from '../../src/scheduler/outbox.js';
import type { TeamsStore } from '../../src/store/teams-contract.js';
import { ConversationPacer } from './pace.js';

/** Sends one activity into a stored conversation (the adapter's continueConversationAsync). */
export type ProactiveSend = (reference: unknown, outbound: OutboundMessage) => Promise<void>;
/**
 * Opens a one-to-one chat with a person of the tenant (createConversationAsync, from another of
 * the tenant's conversations), stores its reference and sends the message there.
 */
export type OpenPersonal = (userId: string, via: unknown, outbound: OutboundMessage) => Promise<void>;

/** Statuses worth another try (Teams' guidance: throttling, precondition, gateway errors). */
const TRANSIENT = new Set([412, 429, 500, 502, 503, 504]);
const PERMANENT: Record<number, string> = {
  400: 'Teams refused the message as malformed',
  401: 'Teams refused the bot’s credentials (check MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD)',
  403: 'the bot was removed from the conversation, or is blocked there: add it again, then resume the reminder',
  404: 'the conversation no longer exists (deleted, or the bot was uninstalled)',
};

/** The longest Retry-After waited for in place; longer ones go back to the scheduler's queue. */
const MAX_INLINE_WAIT_MS = 10_000;

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * Delivers scheduled messages proactively through stored conversation references. Each send is
 * paced per conversation and retried with exponential backoff and jitter on 412/429/5xx (a
 * Retry-After is honoured); 403/404 fail for good with a reason people can read in `reminders`.
 * One conversation's failure never touches another's.
 */
export class TeamsOutbox implements Outbox {
  constructor(
    private readonly refs: TeamsStore,
    private readonly sendProactive: ProactiveSend,
    private readonly log: Logger,
    private readonly retry: RetryPolicy = { attempts: 4, baseMs: 1_000, maxMs: 30_000 },
    private readonly openPersonal?: OpenPersonal,
    /** How the outbox waits between attempts (tests inject one that records instead of waiting). */
    private readonly sleep: (ms: number) => Promise<void> = realSleep,
    private readonly pacer = new ConversationPacer(undefined, Date.now, sleep),
  ) {}

  async send(m: OutboundMessage): Promise<void> {
    if (m.target.platform !== 'teams') throw new DeliveryError(true, `the Teams adapter cannot deliver to ${m.target.platform}`);
    const stored = await this.refs.reference(m.target.kind, m.target.ref);
    // A person who never chatted with the bot: open a one-to-one chat from the tenant's team.
    const via = !stored && m.target.kind === 'user' && this.openPersonal ? await this.refs.latestInTeam(m.target.team) : undefined;
    if (via && this.openPersonal) {
      const open = this.openPersonal;
      await this.attempt(`personal:${m.target.ref}`, () => open(m.target.ref, via.reference, m));
      return;
    }
    if (!stored) {
      throw new DeliveryError(
        true,
        m.target.kind === 'user'
          ? 'that person has not chatted with followup in Teams yet: they should send it a message once'
          : 'followup has not been in that conversation since it was installed: @mention it there once',
      );
    }
    const key = (stored.reference as { conversation?: { id?: string } }).conversation?.id ?? m.target.ref;
    await this.attempt(key, () => this.sendProactive(stored.reference, m));
  }

  /** One send, paced per conversation and retried by the policy; failures become DeliveryErrors. */
  private async attempt(key: string, send: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.pacer.wait(key);
      try {
        await send();
        return;
      } catch (err) {
        const status = statusOf(err);
        if (status !== undefined && PERMANENT[status]) throw new DeliveryError(true, `${status}: ${PERMANENT[status]}`);
        const transient = status === undefined || TRANSIENT.has(status);
        const retryAfterMs = retryAfterOf(err);
        if (!transient) throw new DeliveryError(true, `Teams answered ${status}`);
        if (attempt >= this.retry.attempts || (retryAfterMs ?? 0) > MAX_INLINE_WAIT_MS) {
          throw new DeliveryError(false, status ? `Teams answered ${status} ${attempt} times` : `Teams could not be reached: ${(err as Error).message}`, retryAfterMs);
        }
        const backoff = retryAfterMs ?? Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1)) * (0.5 + Math.random());
        this.log.info({ conversation: key, status, attempt, waitMs: Math.round(backoff) }, 'teams send failed; retrying');
        await this.sleep(backoff);
      }
    }
  }
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: number; status?: number; response?: { status?: number } };
  return e.statusCode ?? e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined);
}

function retryAfterOf(err: unknown): number | undefined {
  const e = err as { response?: { headers?: { get?: (n: string) => string | undefined } | Record<string, string> } };
  const headers = e.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 300_000);
  const date = Date.parse(String(raw));
  return Number.isFinite(date) ? Math.max(0, Math.min(date - Date.now(), 300_000)) : undefined;
}
