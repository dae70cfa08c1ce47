import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster for one test run: `initdb` and `pg_ctl` from the machine's
 * PostgreSQL server packages, in a fresh temporary folder, listening only on a Unix socket in
 * that folder (no TCP port to collide on), trust authentication for the `postgres` superuser.
 * Tests and CI run as root and initdb refuses root: the folder then belongs to `postgres` and the
 * server's commands run through `runuser`.
 */
export interface Cluster {
  /** The superuser's URL of the `postgres` database: postgres://postgres@localhost:<port>/postgres?host=<dir>. */
  url: string;
  /** A role that logs in with a password (the wrong-password case): postgres://followup_pw:<password>@… */
  passwordUser: { name: string; password: string };
  dir: string;
  stop(): void;
}

const PREFIX = 'followup-pg-';

/** The folder holding initdb, pg_ctl and postgres: from PATH, else the newest /usr/lib/postgresql/<n>/bin. */
export function findBinaries(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const ctl = path.join(dir, 'pg_ctl');
    // Debian links pg_ctl into PATH; postgres itself lives only beside the real file.
    if (existsSync(ctl) && existsSync(path.join(dir, 'initdb'))) {
      const real = path.dirname(realpathSync(ctl));
      if (existsSync(path.join(real, 'postgres'))) return real;
    }
  }
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v) && existsSync(path.join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

export const MISSING = 'the PostgreSQL server binaries (initdb, pg_ctl, postgres) are not on PATH nor in /usr/lib/postgresql/<version>/bin: install them (Debian: apt-get install -y postgresql)';

const asRoot = process.getuid?.() === 0;

function runAsOwner(bin: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  // From a folder postgres may enter: the project may sit in a private one (CI's clone).
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000, cwd: tmpdir() });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args[0] ?? ''} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error ?? '')).trim().slice(-2000)}`);
}

/**
 * Clusters that earlier runs left behind (a run killed before its teardown): each folder names the
 * process that made it; when that process is gone, its server is stopped and the folder removed.
 */
function sweepLeftovers(bin: string): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(tmpdir(), name);
    let owner = 0;
    try {
      owner = Number(readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
    } catch {
      continue;
    }
    if (alive(owner)) continue;
    const pidFile = path.join(dir, 'data', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const server = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        runAsOwner(path.join(bin, 'pg_ctl'), ['stop', '-D', path.join(dir, 'data'), '-m', 'immediate', '-w']);
      } catch {
        // pg_ctl could not stop it (or it was already stopped: a stale pid file). SIGQUIT is the
        // server's own immediate shutdown.
        if (alive(server)) process.kill(server, 'SIGQUIT');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Starts a cluster (about a second). Throws MISSING when the server is not installed. */
export function startCluster(): Cluster {
  const bin = findBinaries();
  if (!bin) throw new Error(MISSING);
  sweepLeftovers(bin);
  const dir = mkdtempSync(path.join(tmpdir(), PREFIX));
  writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  const data = path.join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  // The socket's name carries the port; the folder is this run's own, so any port is free in it.
  const port = 5432;
  const passwordUser = { name: 'followup_pw', password: 'right-password' };
  try {
    runAsOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    // One role must give its password (scram): the wrong-password case needs a server that asks.
    const hba = path.join(data, 'pg_hba.conf');
    writeFileSync(hba, `local all ${passwordUser.name} scram-sha-256\n${readFileSync(hba, 'utf8')}`);
    appendFileSync(path.join(data, 'postgresql.conf'), "\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n");
    const options = `-k ${dir} -c listen_addresses='' -p ${port}`;
    runAsOwner(path.join(bin, 'pg_ctl'), ['start', '-D', data, '-w', '-t', '60', '-l', path.join(dir, 'server.log'), '-o', options]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const url = `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`;
  return {
    url,
    passwordUser,
    dir,
    stop() {
      try {
        runAsOwner(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
