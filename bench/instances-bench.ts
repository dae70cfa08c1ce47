// Slash-command lookups per second through the loopback load balancer: one instance behind it,
// then two, on one PostgreSQL (issue 13). Each instance is a real `followup serve` process.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MockSlack } from '../tests/slack/mock-slack.js';
import { form, SECRET, signature } from '../tests/slack/signed.js';
import { startProxy } from '../tests/pg/proxy.js';
import { startServe, type ServeProcess } from '../tests/pg/serve-process.js';
import { fmt, table } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const WHERE = { cli: path.join(here, '../src/cli/main.js'), cwd: path.join(here, '../..') };
const REQUESTS = Number(process.env.BENCH_SLASH_REQUESTS ?? 600);
const CONCURRENCY = 8;

async function lookupsPerSecond(url: string, mock: MockSlack, n: number): Promise<number> {
  let i = 0;
  const one = async (): Promise<void> => {
    const k = i++;
    const body = form({ token: 'x', team_id: 'T1', channel_id: 'C1', channel_name: 'm', user_id: `U${k % 16}`, user_name: 'ana', command: '/followup', text: k % 2 ? 'agenda 7' : 'what did KNOMAD commit to?', response_url: mock.responseUrl(`r${k}`), trigger_id: `t${k}` });
    const ts = Math.floor(Date.now() / 1000);
    const r = await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(body, ts) }, body });
    const text = await r.text();
    if (r.status !== 200 || !text.includes('blocks')) throw new Error(`slash command answered ${r.status}: ${text.slice(0, 80)}`);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (i < n) await one();
  }));
  return n / ((performance.now() - start) / 1000);
}

export async function instancesBench(pgUrl: string, tmp: string): Promise<void> {
  const mock = await new MockSlack().start();
  const procs: ServeProcess[] = [];
  const instance = async (name: string): Promise<ServeProcess> => {
    const s = await startServe({ FOLLOWUP_DB: path.join(tmp, `slash-${name}.db`), FOLLOWUP_DATABASE_URL: pgUrl, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: mock.apiUrl }, WHERE);
    procs.push(s);
    return s;
  };
  try {
    const a = await instance('a');
    const b = await instance('b');
    const one = await startProxy([a.url]);
    await lookupsPerSecond(one.url, mock, 60); // warm up both
    const two = await startProxy([a.url, b.url]);
    await lookupsPerSecond(two.url, mock, 60);
    const single = await lookupsPerSecond(one.url, mock, REQUESTS);
    const pair = await lookupsPerSecond(two.url, mock, REQUESTS);
    await one.close();
    await two.close();
    console.log(`\nSlash-command lookups through the loopback load balancer (${REQUESTS} signed /followup commands, ${CONCURRENCY} at a time, real followup serve processes on one PostgreSQL):`);
    console.log(table([
      ['behind the balancer', 'lookups/s', 'vs one instance'],
      ['one instance', fmt(single, 0), '1.00×'],
      ['two instances', fmt(pair, 0), `${fmt(pair / single)}×`],
    ]));
  } finally {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));
    await mock.stop();
  }
}
