// `npm start`: compile only when a source changed since the last build, so a start with nothing
// changed goes straight to the prompt (the incremental tsc alone takes seconds to find that out).
// Stale means: no dist/src/cli/main.js, or a file or folder under the compiled sources (or a
// tsconfig, package.json, package-lock.json) newer than the last build. A folder's time moves
// when a file in it is added, renamed or deleted, so those count too.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

// FOLLOWUP_BUILD_ROOT: another project folder (the test of this script uses one with a stand-in tsc).
const root = process.env.FOLLOWUP_BUILD_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.built');
const SOURCES = ['src', 'adapters', 'bench'];
const FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function newest(p) {
  const s = statSync(p, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
  for (const e of readdirSync(p)) t = Math.max(t, newest(path.join(p, e)));
  return t;
}

function lastBuild() {
  if (!existsSync(path.join(dist, 'src/cli/main.js'))) return 0;
  return Math.max(...[stamp, path.join(dist, '.tsbuildinfo')].map((f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0));
}

const changed = Math.max(...SOURCES.map((d) => newest(path.join(root, d))), ...FILES.map((f) => newest(path.join(root, f))));
if (changed > lastBuild()) {
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  // The build covers every source it saw, even one dated ahead of the clock.
  const t = new Date(Math.ceil(Math.max(Date.now(), changed)) + 1);
  utimesSync(stamp, t, t);
}
