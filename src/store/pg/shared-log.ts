import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { StartupError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { Db } from '../db.js';
import type { SharedWrites } from '../shared/contract.js';
import { localStore, type LocalStore } from '../shared/local.js';
import { applyOp, type OpArgs, type OpName, type OpResults } from '../shared/ops.js';
import { inTransaction, type Pool } from './pool.js';

/** One key for every appender: entries commit in `seq` order (see migration 014). */
const APPEND_LOCK = 0x666f_6c6c_6c67; // "follg"
/** The channel PostgreSQL notifies on each append. */
export const LOG_CHANNEL = 'followup_shared_log';
/** How long a quiet LISTEN connection is trusted to mean "nothing new" before the log is read anyway. */
const TRUST_LISTEN_MS = 5_000;
/** Entries read per round trip while catching up. */
const BATCH = 500;

type Entry = { seq: number; op: OpName; args: unknown; instance: string };
type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/**
 * The follow-up data on PostgreSQL: the shared log is the truth, this instance's SQLite (`db`,
 * in memory) its replica. An operation is appended (one short transaction), then applied here
 * in log order with whatever other instances appended before it; the replica's position is
 * written in the same SQLite transaction as each entry's changes, so an entry is applied once.
 * An entry an instance cannot apply (its state refuses it, e.g. an item captured twice at once)
 * is refused alike by every replica: the writer gets the refusal, the others skip it.
 */
export class PgSharedLog implements SharedWrites {
  readonly engine = 'postgres' as const;
  private readonly store: LocalStore;
  private readonly me: string;
  private readonly outcomes = new Map<number, Outcome>();
  private readonly listeners: Array<() => void> = [];
  private chain: Promise<void> = Promise.resolve();
  private pending = false;
  private listener: pg.Client | undefined;
  private closed = false;
  /** Whether the log may hold entries this replica has not applied (always, unless a LISTEN connection says otherwise). */
  private stale = true;
  private pulledAt = -Infinity;
  private seq: number;

  private constructor(
    private readonly pool: Pool,
    db: Db,
    private readonly log: Logger,
    instance: string,
    readonly logId: string,
  ) {
    this.store = localStore(db, { deferIndex: true });
    this.me = `${instance}/${randomUUID().slice(0, 8)}`;
    this.seq = (db.prepare('SELECT seq FROM shared_log_position WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  }

  /**
   * Opens the log for the replica `db` and catches it up. A replica that followed another
   * database's log is refused (its data is not this database's). With `url`, the instance
   * LISTENs for appends, so its replica (search, dashboard, scheduler) follows without a message.
   */
  static async open(pool: Pool, db: Db, log: Logger, opts: { instance: string; url?: string }): Promise<PgSharedLog> {
    const { rows } = await pool.query<{ log: string }>('SELECT log FROM shared_log_meta WHERE id = 1');
    const logId = rows[0]?.log;
    if (!logId) throw new StartupError('database', 'FOLLOWUP_DATABASE_URL: the database has no shared log (migration 014 did not run): run `followup migrate`.');
    const mine = db.prepare('SELECT log FROM shared_log_position WHERE id = 1').pluck().get() as string | undefined;
    if (mine && mine !== logId) {
      throw new StartupError('database', `FOLLOWUP_DB (${db.name}) holds a copy of another PostgreSQL database's data, not that of FOLLOWUP_DATABASE_URL: point FOLLOWUP_DB at a new file, or leave it unset.`);
    }
    if (!mine) db.prepare('INSERT INTO shared_log_position (id, log, seq) VALUES (1, ?, 0)').run(logId);
    const shared = new PgSharedLog(pool, db, log, opts.instance, logId);
    await shared.catchUp();
    if (opts.url) await shared.listen(opts.url);
    return shared;
  }

  /** The last entry this replica holds. */
  get position(): number {
    return this.seq;
  }

  async run<K extends OpName>(op: K, args: OpArgs[K]): Promise<OpResults[K]> {
    const seq = await this.append(op, args);
    await this.pullSoon();
    const out = this.outcomes.get(seq);
    this.outcomes.delete(seq);
    if (!out) throw new Error(`shared log entry ${seq} (${op}) was not applied`);
    if (!out.ok) throw out.error;
    return out.result as OpResults[K];
  }

  private async append(op: OpName, args: unknown): Promise<number> {
    return inTransaction(this.pool, async (c) => {
      // Held to the commit: the next appender takes its seq after this entry is visible.
      await c.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const { rows } = await c.query<{ seq: number }>('INSERT INTO shared_log (op, args, instance) VALUES ($1, $2, $3) RETURNING seq', [op, JSON.stringify(args), this.me]);
      await c.query('SELECT pg_notify($1, $2)', [LOG_CHANNEL, String(rows[0]!.seq)]);
      return rows[0]!.seq;
    });
  }

  /**
   * Brings the replica up to the log. While the LISTEN connection is up and no append was
   * notified since the last pull, there is nothing to read (PostgreSQL notifies at each append's
   * commit): no round trip. Without that connection, every call reads the log.
   */
  catchUp(): Promise<void> {
    // A connection can die without a word: at least one read every few seconds all the same.
    if (this.listener && !this.stale && performance.now() - this.pulledAt < TRUST_LISTEN_MS) return Promise.resolve();
    return this.pullSoon();
  }

  /** One pull at a time; a call while one runs waits for the next (which sees what the first might not have). */
  private pullSoon(): Promise<void> {
    if (this.pending) return this.chain;
    this.pending = true;
    this.chain = this.chain.then(
      () => {
        this.pending = false;
        return this.pull();
      },
      () => {
        this.pending = false;
        return this.pull();
      },
    );
    return this.chain;
  }

  private async pull(): Promise<void> {
    // A notification arriving while this pull runs marks the replica stale again.
    this.stale = false;
    this.pulledAt = performance.now();
    let applied = 0;
    try {
      for (;;) {
        const { rows } = await this.pool.query<Entry>('SELECT seq, op, args, instance FROM shared_log WHERE seq > $1 ORDER BY seq LIMIT $2', [this.seq, BATCH]);
        for (const e of rows) this.apply(e);
        // Before the next await: no reader sees an item applied and not yet searchable.
        this.store.flushIndex();
        applied += rows.length;
        if (rows.length < BATCH) break;
      }
    } catch (err) {
      this.stale = true;
      throw err;
    } finally {
      if (applied) for (const fn of this.listeners) fn();
    }
  }

  private apply(e: Entry): void {
    const { db } = this.store;
    const advance = db.prepare('UPDATE shared_log_position SET seq = ? WHERE id = 1');
    let outcome: Outcome;
    try {
      const result = db.transaction(() => {
        const r = applyOp(this.store, e.op, e.args as never);
        advance.run(e.seq);
        return r;
      })();
      outcome = { ok: true, result };
    } catch (error) {
      // Refused here, refused on every replica (the same entries in the same order): skipped.
      advance.run(e.seq);
      outcome = { ok: false, error };
      if (e.instance !== this.me) this.log.warn({ err: error, seq: e.seq, op: e.op, from: e.instance }, 'shared log: an entry was refused here and skipped');
    }
    this.seq = e.seq;
    if (e.instance === this.me) this.outcomes.set(e.seq, outcome);
  }

  private async listen(url: string): Promise<void> {
    const connect = async (): Promise<void> => {
      const client = new pg.Client({ connectionString: url, application_name: 'followup-listen' });
      client.on('notification', () => {
        this.stale = true;
        void this.pullSoon().catch((err: unknown) => this.log.warn({ err }, 'shared log: catching up failed'));
      });
      client.on('error', (err) => {
        this.listener = undefined;
        this.stale = true;
        if (this.closed) return;
        this.log.warn({ err }, 'shared log: the notification connection was lost; reconnecting');
        setTimeout(() => void reconnect(), 1_000).unref();
      });
      await client.connect();
      await client.query(`LISTEN ${LOG_CHANNEL}`);
      this.listener = client;
      // What was appended while no one listened.
      this.stale = true;
      await this.pullSoon();
    };
    const reconnect = async (): Promise<void> => {
      if (this.closed) return;
      try {
        await connect();
      } catch (err) {
        this.log.warn({ err }, 'shared log: cannot listen for changes yet; retrying');
        setTimeout(() => void reconnect(), 5_000).unref();
      }
    };
    await connect();
  }

  onApplied(fn: () => void): void {
    this.listeners.push(fn);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain.catch(() => {});
    await this.listener?.end().catch(() => {});
    this.listener = undefined;
  }
}
