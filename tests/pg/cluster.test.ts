import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { startCluster } from './cluster.js';
import { clusterUrl, freshDatabase } from './db.js';

/** Whether a process runs: exists and has not ended (an ended one may linger as a zombie until it is reaped). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

describe('the throwaway PostgreSQL cluster', () => {
  it('is running for this test run (no PostgreSQL test is skipped for want of a server)', async () => {
    const client = new pg.Client({ connectionString: clusterUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string; socket: string }>("SELECT current_setting('server_version_num') AS v, current_setting('unix_socket_directories') AS socket");
      expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(130_000);
      expect(clusterUrl()).toContain(encodeURIComponent(rows[0]!.socket));
    } finally {
      await client.end();
    }
  });

  it('gives each caller a database of its own', async () => {
    const [a, b] = await Promise.all([freshDatabase(), freshDatabase()]);
    expect(a).not.toBe(b);
    const client = new pg.Client({ connectionString: a });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'");
      expect(rows[0]!.n).toBe('0');
    } finally {
      await client.end();
    }
  });

  it('stops and removes a cluster that a killed run left behind before starting its own', () => {
    // A run that dies (SIGKILL) before its teardown: its server keeps running, its folder stays.
    const code = "import('./tests/pg/cluster.ts').then((m) => { const c = m.startCluster(); process.stdout.write(c.dir); process.kill(process.pid, 'SIGKILL'); })";
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.signal).toBe('SIGKILL');
    const left = child.stdout.trim();
    const pidFile = path.join(left, 'data', 'postmaster.pid');
    const serverPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(running(serverPid)).toBe(true);
    const next = startCluster();
    try {
      expect(existsSync(left)).toBe(false);
      expect(running(serverPid)).toBe(false);
      expect(next.dir).not.toBe(left);
    } finally {
      next.stop();
    }
    expect(existsSync(next.dir)).toBe(false);
  });
});
