import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MockConnector, personalMessage, postActivity } from '../teams/mock-connector.js';
import { CLI, ROOT, tempDir } from '../helpers.js';

const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

describe('npm start with Teams settings', () => {
  it('TEAMS_EMULATOR=1 serves /api/messages on loopback and answers through the connector', async () => {
    const connector = await new MockConnector().start();
    const child = spawn(process.execPath, [CLI], { cwd: ROOT, env: { ...baseEnv, TEAMS_EMULATOR: '1', PORT: '0', LOG_LEVEL: 'info', FOLLOWUP_DB: path.join(tempDir(), 'teams.db') }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      // Logs go to standard error (JSON lines); standard output stays for answers.
      const listening = await new Promise<{ port: number; host: string }>((resolve, reject) => {
        let out = '';
        child.stderr.on('data', (d: Buffer) => {
          out += String(d);
          for (const line of out.split('\n')) {
            if (line.includes('followup is listening')) resolve(JSON.parse(line) as { port: number; host: string });
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(listening.host).toBe('127.0.0.1'); // anonymous mode stays on loopback
      const url = `http://127.0.0.1:${listening.port}`;
      const health = (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean; platforms: string[] };
      expect(health).toEqual({ ok: true, platforms: ['teams'] });
      expect((await postActivity(url, personalMessage(connector.url, 'agenda 7'))).status).toBe(200);
      expect(JSON.stringify(connector.messages()[0]?.body)).toMatch(/Agenda point 7/);
    } finally {
      child.kill('SIGTERM');
      await connector.stop();
    }
  });

  it('refuses anonymous mode on a public address, naming HOST', () => {
    const r = spawnSync(process.execPath, [CLI], { cwd: ROOT, encoding: 'utf8', env: { ...baseEnv, TEAMS_EMULATOR: '1', HOST: '0.0.0.0', PORT: '0', FOLLOWUP_DB: ':memory:' }, timeout: 20_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/HOST: Teams is in anonymous Emulator mode/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a half-configured app id names the variable', () => {
    const r = spawnSync(process.execPath, [CLI], { cwd: ROOT, encoding: 'utf8', env: { ...baseEnv, MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555', FOLLOWUP_DB: ':memory:' }, timeout: 20_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/MICROSOFT_APP_PASSWORD: required/);
  });
});
