import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';

/** Prepared statements, compiled once per SQL text and connection (compiling costs more than running). */
export class Statements {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  get(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
