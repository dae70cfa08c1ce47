// Slash-command lookups per second and p99 through the HTTP receiver (autocannon on loopback),
// beside a Bolt app whose handler only acks, in the same run.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { fmt, percentile, table } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECRET = 'bench-signing-secret-0123456789';
const LOOKUPS = ['what did KNOMAD commit to?', 'agenda 7', 'due in September 2014', 'find recruitment costs', 'gfmd', 'ILO', 'source knomad-recruitment-costs', 'recruitmant costs'];

function requests(): autocannon.Request[] {
  const ts = Math.floor(Date.now() / 1000);
  return LOOKUPS.map((text, i) => {
    const body = new URLSearchParams({ token: 'x', team_id: 'T1', channel_id: 'C1', channel_name: 'bench', user_id: `U${i}`, user_name: 'bench', command: '/followup', text, response_url: 'http://127.0.0.1:9/none', trigger_id: 't' }).toString();
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    return { method: 'POST', path: '/slack/events', body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig } };
  });
}

function start(script: string, args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

async function load(port: number, seconds: number): Promise<{ rps: number; p99: number; non2xx: number }> {
  // autocannon's own histogram keeps whole milliseconds; its 'response' event carries the exact
  // duration, so p99 is computed from those (2xx only, as autocannon does).
  const durations: number[] = [];
  // Without a callback the instance is both the event emitter and a promise of the result.
  const run = autocannon({ url: `http://127.0.0.1:${port}`, connections: 8, duration: seconds, requests: requests() }) as unknown as Promise<autocannon.Result> & EventEmitter;
  run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) durations.push(ms);
  });
  const r = await run;
  return { rps: r.requests.average, p99: percentile(durations, 99), non2xx: r.non2xx + r.errors };
}

export async function slackBench(tmp: string, seconds = Number(process.env.BENCH_SLACK_SECONDS ?? 8)): Promise<void> {
  // A stand-in for Slack's Web API (auth.test at start): loopback only.
  const api = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"user_id":"UBOT","bot_id":"BBOT"}'));
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/`;
  const ours = await start('slack/followup-server.js', ['47811', apiUrl, path.join(tmp, 'slack-bench.db')]);
  const base = await start('slack/ack-only.js', ['47812', apiUrl]);
  try {
    await load(47811, 2); // warm up both
    await load(47812, 2);
    const b = await load(47812, seconds);
    const o = await load(47811, seconds);
    console.log(`\nSlack slash-command lookups through Bolt's HTTP receiver (autocannon, 8 connections, ${seconds} s each, ${LOOKUPS.length} signed lookups in rotation; p99 from each response's exact duration):`);
    console.log(
      table([
        ['server', 'requests/s', 'p99 (ms)', 'non-2xx'],
        ['Bolt app that only acks (baseline)', fmt(b.rps, 0), fmt(b.p99, 2), String(b.non2xx)],
        ['followup answering the lookup in the ack', fmt(o.rps, 0), fmt(o.p99, 2), String(o.non2xx)],
      ]),
    );
    console.log(`  throughput ${fmt(o.rps / b.rps)}× the baseline (target ≥ 0.8×); p99 ${fmt(o.p99 / b.p99)}× (target ≤ 1.25×)`);
  } finally {
    ours.kill();
    base.kill();
    api.close();
  }
}
