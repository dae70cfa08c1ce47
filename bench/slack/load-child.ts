// The Slack bench's load generator, in a process of its own (a fresh heap, so the bench's
// earlier phases cannot pause it). Usage: node load-child.js <port> <seconds> → prints JSON.
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { percentile } from '../stats.js';
import { requests } from './requests.js';

const [port, seconds] = process.argv.slice(2).map(Number);
// autocannon's own histogram keeps whole milliseconds; its 'response' event carries the exact
// duration, so p99 is computed from those (2xx only, as autocannon does).
const durations: number[] = [];
// Without a callback the instance is both the event emitter and a promise of the result.
const run = autocannon({ url: `http://127.0.0.1:${port}`, connections: 8, duration: seconds!, requests: requests() }) as unknown as Promise<autocannon.Result> & EventEmitter;
run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
  if (status >= 200 && status < 300) durations.push(ms);
});
const r = await run;
process.stdout.write(JSON.stringify({ rps: r.requests.average, p99: percentile(durations, 99), non2xx: r.non2xx + r.errors }));
