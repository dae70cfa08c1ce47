import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

/** A project folder whose "tsc" only writes dist/src/cli/main.js and counts its runs. */
function project(): { dir: string; build(): number } {
  const dir = tempDir('followup-start-');
  for (const d of ['src/cli', 'adapters', 'bench', 'node_modules/typescript/bin']) mkdirSync(path.join(dir, d), { recursive: true });
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', 'src/cli/main.ts', 'adapters/a.ts']) writeFileSync(path.join(dir, f), '{}');
  writeFileSync(
    path.join(dir, 'node_modules/typescript/bin/tsc'),
    "const fs = require('node:fs'); const p = require('node:path'); const root = p.resolve(__dirname, '../../..');" +
      "fs.mkdirSync(p.join(root, 'dist/src/cli'), { recursive: true }); fs.writeFileSync(p.join(root, 'dist/src/cli/main.js'), '');" +
      "fs.appendFileSync(p.join(root, 'runs'), 'x');",
  );
  writeFileSync(path.join(dir, 'node_modules/typescript/package.json'), '{"type":"commonjs"}');
  const build = (): number => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-if-stale.mjs')], { env: { ...process.env, FOLLOWUP_BUILD_ROOT: dir } });
    try {
      return readFileSync(path.join(dir, 'runs'), 'utf8').length;
    } catch {
      return 0;
    }
  };
  return { dir, build };
}

const later = (file: string, s: number): void => utimesSync(file, new Date(Date.now() + s * 1000), new Date(Date.now() + s * 1000));

describe('npm start compiles only what changed', () => {
  it('builds once, skips when nothing changed, builds again after an edit, an added or a deleted file', () => {
    const { dir, build } = project();
    expect(build()).toBe(1); // no dist yet
    expect(build()).toBe(1); // nothing changed: no compile
    later(path.join(dir, 'src/cli/main.ts'), 5);
    expect(build()).toBe(2);
    expect(build()).toBe(2);
    rmSync(path.join(dir, 'adapters/a.ts'));
    later(path.join(dir, 'adapters'), 10); // what a deletion does to the folder's time, made certain
    expect(build()).toBe(3);
    later(path.join(dir, 'package-lock.json'), 15);
    expect(build()).toBe(4);
    rmSync(path.join(dir, 'dist/src/cli/main.js'));
    expect(build()).toBe(5);
  });

  it('is what npm start runs', () => {
    const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.start).toBe('node scripts/build-if-stale.mjs && node dist/src/cli/main.js');
  });
});
