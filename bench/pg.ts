// The bench's PostgreSQL: a throwaway cluster like the tests' (tests/pg/cluster.ts), started for
// one bench run and stopped after it; each part asks it for a fresh database of its own.
import pg from 'pg';
import { startCluster, type Cluster } from '../tests/pg/cluster.js';

export interface BenchPg {
  /** A new, empty database: its URL. */
  database(name: string): Promise<string>;
  stop(): void;
}

export function startBenchPg(): BenchPg {
  const cluster: Cluster = startCluster();
  return {
    async database(name) {
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const u = new URL(cluster.url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop: () => cluster.stop(),
  };
}
