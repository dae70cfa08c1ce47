import path from 'node:path';
import type { SchedulerStore } from '../../src/store/contract.js';
import { openDatabase } from '../../src/store/db.js';
import { migratePg } from '../../src/store/pg/migrate.js';
import { describeUrl, openPool } from '../../src/store/pg/pool.js';
import { PgSchedulerStore } from '../../src/store/pg/scheduler-store.js';
import { PgSlackStore } from '../../src/store/pg/slack-store.js';
import type { SlackStore } from '../../src/store/slack-contract.js';
import { SqliteSlackStore } from '../../src/store/slack-sqlite.js';
import { SqliteSchedulerStore } from '../../src/store/sqlite-scheduler-store.js';
import { PgTeamsStore } from '../../src/store/pg/teams-store.js';
import type { TeamsStore } from '../../src/store/teams-contract.js';
import { SqliteTeamsStore } from '../../src/store/teams-sqlite.js';
import { tempDir } from '../helpers.js';
import { freshDatabase } from '../pg/db.js';

/**
 * The engines the store contract runs on. `database()` makes a new, migrated database;
 * `instance()` opens another store on it, as another process would (its own connection or pool),
 * so the suite can run two "instances" side by side on either engine.
 */
export interface EngineUnderTest {
  name: 'sqlite' | 'postgres';
  database(): Promise<{ instance(): Promise<SchedulerStore>; teams(): Promise<TeamsStore>; slack(): Promise<SlackStore> }>;
}

export const ENGINES: EngineUnderTest[] = [
  {
    name: 'sqlite',
    async database() {
      const file = path.join(tempDir(), 'store.db');
      openDatabase(file).close();
      return {
        instance: async () => new SqliteSchedulerStore(openDatabase(file), true),
        teams: async () => new SqliteTeamsStore(openDatabase(file), true),
        slack: async () => new SqliteSlackStore(openDatabase(file), true),
      };
    },
  },
  {
    name: 'postgres',
    async database() {
      const url = await freshDatabase('store');
      const first = await openPool(url, { max: 2 });
      await migratePg(first, describeUrl(url));
      let handedOut = false;
      return {
        async instance() {
          if (!handedOut) {
            handedOut = true;
            return new PgSchedulerStore(first, true);
          }
          return new PgSchedulerStore(await openPool(url, { max: 4 }), true);
        },
        teams: async () => new PgTeamsStore(await openPool(url, { max: 2 }), true),
        slack: async () => new PgSlackStore(await openPool(url, { max: 4 }), true),
      };
    },
  },
];
