import { spawnSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { CLI, ROOT, tempDir } from '../helpers.js';

// The built CLI, as an operator would meet a broken machine: every system fault exits 1 (or, in a
// chat, answers) with a message naming what to fix — never exit 70 "internal error", never the
// apology. Tests run as root, and root writes through file modes: the permission cases run the CLI
// as `nobody` (runuser), where modes really apply. Disk faults use a file-size limit (ulimit -f):
// writes past it fail, with no mount and no privileges needed.
export interface RunOptions {
  input?: string;
  asNobody?: boolean;
  fileLimitKb?: number;
}

export function run(args: string[], env: Record<string, string>, o: RunOptions = {}) {
  let cmd = process.execPath;
  let argv = [CLI, ...args];
  if (o.fileLimitKb !== undefined) {
    argv = ['-c', `ulimit -f ${o.fileLimitKb} && exec "$0" "$@"`, cmd, ...argv];
    cmd = 'bash';
  }
  if (o.asNobody) {
    argv = ['-u', 'nobody', '--', cmd, ...argv];
    cmd = 'runuser';
  }
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: '/tmp', USER: 'ana', ...env },
    ...(o.input !== undefined ? { input: o.input } : {}),
    timeout: 20_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Exit 1 with the message, and none of the signs of an internal error. */
export function expectSystemFault(r: { code: number | null; err: string }, message: RegExp): void {
  expect(r.err).not.toMatch(/internal error|please report it|\n\s+at /);
  expect(r.err).toMatch(message);
  expect(r.code).toBe(1);
}

/**
 * `nobody` must be able to run the built CLI: a clone in a private folder (mktemp's 0700) would
 * stop it at the first folder, so every folder above the project gets traverse-only access for
 * others (o+x: nothing becomes listable or readable that was not).
 */
export function expectRunuser(): void {
  for (let dir = ROOT; ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    if (path.dirname(dir) === dir) break;
  }
  expect(spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', '0']).status, 'runuser must work (tests run as root)').toBe(0);
  expect(spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(CLI)}, 4)`]).status, `nobody must be able to read ${CLI}`).toBe(0);
}

/** A folder `nobody` can write, holding a database made (by root) with the catalog loaded. */
export function sharedDatabase(): { dir: string; db: string } {
  const dir = tempDir();
  chmodSync(dir, 0o777);
  const db = path.join(dir, 'f.db');
  expect(run(['ask', 'agenda'], { FOLLOWUP_DB: db }).code).toBe(0);
  return { dir, db };
}

export function count(db: string, sql: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).pluck().get() as number;
  } finally {
    d.close();
  }
}
