import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers.js';

const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

describe('anonymous Emulator mode and HOST', () => {
  it.each(['127.evil.example', '127.0.0.1.nip.io'])('HOST=%s (a name, not a loopback address) is refused with the HOST error, exit 1, before any lookup', (host) => {
    const r = spawnSync(process.execPath, [CLI], { cwd: ROOT, encoding: 'utf8', env: { ...baseEnv, TEAMS_EMULATOR: '1', HOST: host, PORT: '0', FOLLOWUP_DB: ':memory:' }, timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`HOST: Teams is in anonymous Emulator mode .*got HOST=${host.replace(/\./g, '\\.')}`));
    expect(r.stderr).not.toMatch(/ENOTFOUND|getaddrinfo|internal error/);
  });
});
