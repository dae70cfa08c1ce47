import { afterAll, expect } from 'vitest';
import { useEngine } from '../engine.js';
import { migratedDatabase, postgresStores, postgresUse } from './engine-bot.js';

/**
 * Every test bot of this file on PostgreSQL: its own database, the shared log, the PostgreSQL
 * scheduler store; every whole server (tests/slack/server.ts, tests/teams/server.ts,
 * tests/dashboard/server.ts, engineApp) opened with FOLLOWUP_DATABASE_URL on a database of its
 * own, and so is every followup process a suite spawns (engineEnv, engineProcesses). At the end,
 * checks that the suite's bots did go through PostgreSQL (and, for a suite that changes follow-up
 * data, that its changes went through the shared log).
 */
export function onPostgres(opts: { writes: boolean }): void {
  useEngine((db, log, url) => postgresStores(db, { ...(log ? { log } : {}), ...(url ? { url: Promise.resolve(url) } : {}) }), migratedDatabase);
  afterAll(async () => {
    const use = await postgresUse();
    expect(use.databases).toBeGreaterThan(0);
    if (opts.writes) expect(use.entries).toBeGreaterThan(0);
  });
}
