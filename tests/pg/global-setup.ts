import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startCluster } from './cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's superuser URL, or why there is none (tests that need it fail with it). */
    postgres: { url: string; passwordUser: { name: string; password: string } } | { error: string };
  }
}

/**
 * vitest globalSetup: one throwaway PostgreSQL cluster per `vitest run`, stopped (and its folder
 * removed) when the run ends. Its URL reaches the tests through `provide`/`inject`; each test file
 * makes its own database in it (tests/pg/db.ts). A machine without the server still runs every
 * other test; each PostgreSQL test fails saying what to install (none is skipped).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  let cluster;
  try {
    cluster = startCluster();
  } catch (err) {
    project.provide('postgres', { error: (err as Error).message });
    return () => {};
  }
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { name, password } = cluster.passwordUser;
    await client.query(`CREATE ROLE ${name} LOGIN CREATEDB PASSWORD '${password}'`);
    await client.end();
  } catch (err) {
    cluster.stop();
    throw err;
  }
  project.provide('postgres', { url: cluster.url, passwordUser: cluster.passwordUser });
  return () => cluster.stop();
}
