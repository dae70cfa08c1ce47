import type { OpArgs, OpName, OpResults } from './ops.js';

/**
 * The store contract of the follow-up data (status, notes, owners, focal points, time zones,
 * items captured from chat, imports under review): async, one method per unit of work, two
 * engines.
 * - SQLite alone (shared/sqlite-writes.ts): each operation is applied at once, in one
 *   transaction of the store's file.
 * - PostgreSQL (pg/shared-log.ts, FOLLOWUP_DATABASE_URL): each operation is appended to the
 *   database's shared log, and every instance applies the log's entries in order to its own
 *   SQLite replica (in memory), where commands, search, the dashboard and the scheduler read.
 *   `catchUp` brings the replica up to the log (before every message and dashboard page, and
 *   when PostgreSQL notifies an append), so an instance answers with what any instance wrote.
 * The operations and their apply functions are one set (shared/ops.ts) for both engines, and
 * their arguments travel as JSON on both, so the two cannot drift apart.
 */
export interface SharedWrites {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Applies one operation (a UserError-free refusal, OpRefused, when its state no longer allows
   * it: nothing is written). Resolves once this instance's replica holds it.
   */
  run<K extends OpName>(op: K, args: OpArgs[K]): Promise<OpResults[K]>;
  /** Applies what other instances appended since (nothing to do on SQLite alone). */
  catchUp(): Promise<void>;
  /** Called after entries were applied (the bot's reply cache drops what it kept). */
  onApplied(fn: () => void): void;
  close(): Promise<void>;
}
