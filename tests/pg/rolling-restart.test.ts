import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { MockSlack } from '../slack/mock-slack.js';
import { form, post, SECRET } from '../slack/signed.js';
import { freshDatabase } from './db.js';
import { startProxy, type Proxy } from './proxy.js';
import { startServe, type ServeProcess } from './serve-process.js';

const started: ServeProcess[] = [];
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of started.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  for (const c of cleanup.splice(0)) await c();
});

/** Resolves once `check` holds (checked as the load runs; no sleeping for a fixed time). */
function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = (): void => (check() ? resolve() : void setTimeout(poll, 20));
    poll();
  });
}

async function ready(s: ServeProcess): Promise<void> {
  for (;;) {
    const r = await fetch(`${s.url}/readyz`).catch(() => undefined);
    if (r?.status === 200) return;
    await new Promise((res) => setTimeout(res, 50));
  }
}

// Real processes on a busy machine: room to start and stop them (no timing is asserted).
describe('a rolling restart behind a load balancer', { timeout: 180_000 }, () => {
  it('two instances on one PostgreSQL, each restarted in turn under a steady load of signed slash commands: every request answered, none failed', async () => {
    const url = await freshDatabase('rolling');
    const mock = await new MockSlack().start();
    cleanup.push(() => mock.stop());
    const dir = tempDir();
    const instance = async (name: string): Promise<ServeProcess> => {
      const s = await startServe({ FOLLOWUP_DB: path.join(dir, `${name}.db`), FOLLOWUP_DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: mock.apiUrl });
      started.push(s);
      await ready(s);
      return s;
    };
    const a = await instance('a');
    const b = await instance('b');
    const proxy: Proxy = await startProxy([a.url, b.url]);
    cleanup.push(() => proxy.close());

    // The load: four users asking side by side until both restarts are over (and at least 80 asks).
    const answers: Array<{ status: number; text: string }> = [];
    let restarted = 0;
    const ask = (i: number) =>
      post(
        `${proxy.url}/slack/events`,
        form({ token: 'x', team_id: 'T1', channel_id: 'C1', channel_name: 'm', user_id: `U${i % 4}`, user_name: 'ana', command: '/followup', text: 'agenda 7', response_url: mock.responseUrl(`r${i}`), trigger_id: `t${i}` }),
      );
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (restarted < 2 || sent < 80) answers.push(await ask(sent++));
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);

    // Restart each instance in turn, mid-load: SIGTERM (it drains and exits 0), a new process, back in the pool once ready.
    const during: number[] = [];
    const restart = async (old: ServeProcess, name: string, index: number): Promise<void> => {
      const before = answers.length;
      old.child.kill('SIGTERM');
      expect(await old.exited).toEqual({ code: 0, signal: null });
      const fresh = await instance(name);
      const list = [...proxy.backends];
      list[index] = fresh.url;
      proxy.backends = list;
      during.push(answers.length - before);
    };
    await until(() => answers.length >= 10);
    await restart(a, 'a', 0);
    const afterFirst = answers.length;
    await until(() => answers.length >= afterFirst + 10);
    await restart(b, 'b', 1);
    restarted = 2;
    await load;

    expect(answers.length).toBeGreaterThanOrEqual(80);
    // The load went on while each instance was away (answered by the other one).
    expect(during.length).toBe(2);
    for (const n of during) expect(n).toBeGreaterThan(0);
    expect(answers.filter((r) => r.status !== 200 || !/Agenda point 7/.test(r.text)).map((r) => `${r.status} ${r.text.slice(0, 80)}`)).toEqual([]);
    expect(proxy.stats.failed).toBe(0);
    expect(proxy.stats.answered).toBe(answers.length);
  });
});
