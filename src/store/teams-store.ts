import type { Db } from './db.js';
import type { Pool } from './pg/pool.js';
import { PgTeamsStore } from './pg/teams-store.js';
import type { TeamsStore } from './teams-contract.js';
import { SqliteTeamsStore } from './teams-sqlite.js';

/** The Teams store on the engine the server runs on: the PostgreSQL pool when there is one, else the SQLite connection. */
export function teamsStoreFor(where: { db: Db; pool?: Pool | undefined }): TeamsStore {
  return where.pool ? new PgTeamsStore(where.pool) : new SqliteTeamsStore(where.db);
}
