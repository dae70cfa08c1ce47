import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineProcesses } from '../engine.js';
import { CLI, ROOT, tempDir } from '../helpers.js';
import { countBy, deliveriesOf, outboxLines, seedDueReminders } from './seed.js';

const DUE = '2014-03-03T09:00:00.000Z';
const NOW = '2014-03-03T09:01:00Z';
const COUNT = 200;

const lines = outboxLines;

function tick(env: NodeJS.ProcessEnv): { done: Promise<number | null>; kill(): void } {
  const child = spawn(process.execPath, [CLI, 'tick', '--now', NOW], { cwd: ROOT, env, stdio: 'ignore' });
  return { done: new Promise((resolve) => child.on('exit', (code) => resolve(code))), kill: () => child.kill('SIGKILL') };
}

describe('several processes ticking one database file at once', () => {
  it('deliver every key exactly once, also after a restart with a backlog', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'f.db');
    const outbox = path.join(dir, 'outbox.jsonl');
    const target = await engineProcesses(db);
    const ids = await seedDueReminders(db, target.schedules, COUNT, DUE);
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...target.env, FOLLOWUP_OUTBOX_FILE: outbox, FOLLOWUP_OUTBOX_DELAY_MS: '3' };

    // A first process claims everything and is killed part way: a backlog of pending deliveries.
    const first = tick(env);
    const deadline = Date.now() + 15_000;
    while (lines(outbox).length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    first.kill();
    await first.done;
    const before = lines(outbox).length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(COUNT);

    // Two processes start at the same instant on that backlog (a restart beside a cron `tick`).
    const [a, b] = [tick(env), tick(env)];
    expect(await a.done).toBe(0);
    expect(await b.done).toBe(0);

    const keys = lines(outbox).map((l) => (JSON.parse(l) as { key: string }).key);
    expect(new Set(keys).size).toBe(COUNT);
    expect(keys).toHaveLength(COUNT);
    expect(countBy(await deliveriesOf(target.schedules, ids), (d) => d.status)).toEqual({ sent: COUNT });
    await target.schedules.close();
  }, 60_000);
});
