import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineEnv, engineProcesses } from '../engine.js';
import { CLI, ROOT, tempDir } from '../helpers.js';
import { countBy, deliveriesOf, outboxLines, seedDueReminders } from './seed.js';

const DUE = '2014-03-03T09:00:00.000Z';
const NOW = '2014-03-03T09:01:00Z';
const COUNT = 300;

const lines = outboxLines;

describe('a real process killed with SIGKILL in the middle of a batch', () => {
  it('after a restart every due reminder was delivered exactly once', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'f.db');
    const outbox = path.join(dir, 'outbox.jsonl');
    const target = await engineProcesses(db);
    const ids = await seedDueReminders(db, target.schedules, COUNT, DUE);
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...target.env, FOLLOWUP_OUTBOX_FILE: outbox };

    const child = spawn(process.execPath, [CLI, 'tick', '--now', NOW], { cwd: ROOT, env: { ...env, FOLLOWUP_OUTBOX_DELAY_MS: '15' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const deadline = Date.now() + 15_000;
    while (lines(outbox).length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = lines(outbox).length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(COUNT); // it really died mid-batch

    // The claim was committed before sending: the rest wait as pending deliveries.
    const claimed = await deliveriesOf(target.schedules, ids);
    expect(countBy(claimed, (d) => d.status).pending).toBeGreaterThan(0);
    expect(claimed).toHaveLength(COUNT);

    const again = spawnSync(process.execPath, [CLI, 'tick', '--now', NOW], { cwd: ROOT, env, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^2014-03-03T09:01:00.000Z: 0 due, \d+ delivered/);

    const keys = lines(outbox).map((l) => (JSON.parse(l) as { key: string }).key);
    expect(keys).toHaveLength(COUNT);
    expect(new Set(keys).size).toBe(COUNT);
    expect(countBy(await deliveriesOf(target.schedules, ids), (d) => d.status)).toEqual({ sent: COUNT });
    const states: string[] = [];
    for (const id of ids) states.push((await target.schedules.subscription(id))!.state);
    expect(countBy(states, (x) => x)).toEqual({ finished: COUNT });

    // A third pass at the same instant delivers nothing.
    const third = spawnSync(process.execPath, [CLI, 'tick', '--now', NOW], { cwd: ROOT, env, encoding: 'utf8' });
    expect(third.stdout).toBe('2014-03-03T09:01:00.000Z: 0 due, 0 delivered\n');
    expect(lines(outbox)).toHaveLength(COUNT);
    await target.schedules.close();
  }, 60_000);
});

describe('followup tick', () => {
  it('delivers what is due into the terminal, once, and drives reminders set with ask', async () => {
    const db = path.join(tempDir(), 't.db');
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(await engineEnv()), FOLLOWUP_DB: db, USER: 'ana' };
    const ask = spawnSync(process.execPath, [CLI, 'ask', 'remind #migration every monday at 9am about gfmd'], { cwd: ROOT, env: { ...env, FOLLOWUP_NOW: '2014-03-01T10:00:00Z' }, encoding: 'utf8' });
    expect(ask.stdout).toMatch(/^OK — I'll remind #migration every Monday at 09:00/);
    const first = spawnSync(process.execPath, [CLI, 'tick', '--now', '2014-03-03T09:00:30Z'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('🔔 to #migration\nReminder: GFMD chairmanship 2014–2015 (Turkey): priorities');
    expect(first.stdout).toMatch(/2014-03-03T09:00:30.000Z: 1 due, 1 delivered\n {2}delivered 1:2014-03-03T09:00:00.000Z:channel:migration: Reminder: GFMD/);
    const second = spawnSync(process.execPath, [CLI, 'tick', '--now', '2014-03-03T09:00:30Z'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(second.stdout).toBe('2014-03-03T09:00:30.000Z: 0 due, 0 delivered\n');
    const bad = spawnSync(process.execPath, [CLI, 'tick', '--now', 'tuesday'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^followup: --now expects an ISO 8601 instant such as 2014-03-03T09:00:00Z \(got "tuesday"\)/);
  });
});
