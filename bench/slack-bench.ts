// Slash-command lookups per second and p99 through the HTTP receiver (autocannon on loopback),
// beside a Bolt app whose handler only acks, in the same run: rounds alternate between the two
// servers, the load generator runs in a fresh process each time, and the medians are compared.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LOOKUPS, shortcutRequest } from './slack/requests.js';
import { fmt, median, percentile, table } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

function start(script: string, args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

async function load(port: number, seconds: number): Promise<{ rps: number; p99: number; non2xx: number }> {
  const { stdout } = await run(process.execPath, [path.join(here, 'slack/load-child.js'), String(port), String(seconds)]);
  return JSON.parse(stdout) as { rps: number; p99: number; non2xx: number };
}

/** How many shortcut → views.open round trips the modal figure is measured over. */
const MODAL_OPENS = Number(process.env.BENCH_SLACK_MODALS ?? 200);

export async function slackBench(tmp: string, seconds = Number(process.env.BENCH_SLACK_SECONDS ?? 5), rounds = Number(process.env.BENCH_SLACK_ROUNDS ?? 3)): Promise<void> {
  // A stand-in for Slack's Web API (auth.test at start, views.open for the modal figure): loopback only.
  let opened: (() => void) | undefined;
  const api = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.includes('views.open')) opened?.();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"user_id":"UBOT","bot_id":"BBOT"}');
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/`;
  const ours = await start('slack/followup-server.js', ['47811', apiUrl, path.join(tmp, 'slack-bench.db')]);
  const base = await start('slack/ack-only.js', ['47812', apiUrl]);
  try {
    await load(47811, 2); // warm up both
    await load(47812, 2);
    const b: Array<{ rps: number; p99: number; non2xx: number }> = [];
    const o: typeof b = [];
    for (let i = 0; i < rounds; i++) {
      b.push(await load(47812, seconds));
      o.push(await load(47811, seconds));
    }
    const med = (xs: typeof b, k: 'rps' | 'p99'): number => median(xs.map((x) => x[k]));
    const sum = (xs: typeof b): number => xs.reduce((n, x) => n + x.non2xx, 0);
    console.log(
      `\nSlack slash-command lookups over HTTP — followup through its own receiver (body cap, signature, payload checks) into Bolt, the baseline through Bolt's HTTPReceiver (autocannon in its own process, 8 connections, ${rounds} alternating rounds of ${seconds} s per server, ${LOOKUPS.length} signed lookups in rotation; medians; p99 from each response's exact duration):`,
    );
    console.log(
      table([
        ['server', 'requests/s', 'p99 (ms)', 'non-2xx', 'rounds: requests/s'],
        ['Bolt app that only acks (baseline)', fmt(med(b, 'rps'), 0), fmt(med(b, 'p99'), 2), String(sum(b)), b.map((x) => fmt(x.rps, 0)).join(' ')],
        ['followup answering the lookup in the ack', fmt(med(o, 'rps'), 0), fmt(med(o, 'p99'), 2), String(sum(o)), o.map((x) => fmt(x.rps, 0)).join(' ')],
      ]),
    );
    console.log(`  throughput ${fmt(med(o, 'rps') / med(b, 'rps'))}× the baseline (target ≥ 0.8×); p99 ${fmt(med(o, 'p99') / med(b, 'p99'))}× (target ≤ 1.25×)`);
    // Modal open: from sending a signed message shortcut to the bot's views.open reaching Slack (its trigger lasts 3 s).
    const times: number[] = [];
    for (let i = 0; i < MODAL_OPENS + 10; i++) {
      const { body, headers } = shortcutRequest(i);
      const arrived = new Promise<void>((r) => (opened = r));
      const t0 = performance.now();
      const res = await fetch('http://127.0.0.1:47811/slack/events', { method: 'POST', headers, body });
      await res.arrayBuffer();
      await arrived;
      if (i >= 10) times.push(performance.now() - t0); // the first 10 warm up
    }
    console.log(`\nSlack modal open (message shortcut → views.open on loopback, prefilled from the message; ${MODAL_OPENS} in a row): p50 ${fmt(percentile(times, 50), 2)} ms, p99 ${fmt(percentile(times, 99), 2)} ms (target p99 ≤ 300 ms)`);
  } finally {
    ours.kill();
    base.kill();
    api.close();
  }
}

