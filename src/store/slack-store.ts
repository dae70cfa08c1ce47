import type { Db } from './db.js';
import type { Pool } from './pg/pool.js';
import { PgSlackStore } from './pg/slack-store.js';
import type { SlackStore } from './slack-contract.js';
import { SqliteSlackStore } from './slack-sqlite.js';

/** The Slack store on the engine the server runs on: the PostgreSQL pool when there is one, else the SQLite connection. */
export function slackStoreFor(where: { db: Db; pool?: Pool | undefined }): SlackStore {
  return where.pool ? new PgSlackStore(where.pool) : new SqliteSlackStore(where.db);
}
