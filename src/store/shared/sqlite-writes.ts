import type { Db } from '../db.js';
import type { SharedWrites } from './contract.js';
import { localStore, type LocalStore } from './local.js';
import { applyOp, type OpArgs, type OpName, type OpResults } from './ops.js';

/** SQLite alone: each operation applied at once, in one (immediate) transaction of the file. */
export class SqliteWrites implements SharedWrites {
  readonly engine = 'sqlite' as const;
  private readonly store: LocalStore;
  private readonly listeners: Array<() => void> = [];

  constructor(db: Db) {
    this.store = localStore(db);
  }

  async run<K extends OpName>(op: K, args: OpArgs[K]): Promise<OpResults[K]> {
    // The arguments go through JSON as they do on PostgreSQL: what works here works there.
    const plain = JSON.parse(JSON.stringify(args)) as OpArgs[K];
    const result = this.store.db.transaction(() => applyOp(this.store, op, plain)).immediate();
    for (const fn of this.listeners) fn();
    return result;
  }

  async catchUp(): Promise<void> {}

  onApplied(fn: () => void): void {
    this.listeners.push(fn);
  }

  async close(): Promise<void> {}
}
