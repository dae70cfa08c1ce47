// The naive design, for comparison: one node-cron task per subscription.
// Usage: node cron-child.js <count>  → prints {startMs, rss}
import { schedule } from 'node-cron';

const n = Number(process.argv[2]);
const t = process.hrtime.bigint();
const tasks = [];
for (let i = 0; i < n; i++) tasks.push(schedule(`${i % 60} ${9 + (i % 8)} * * ${1 + (i % 5)}`, () => undefined, { timezone: 'Europe/Rome' }));
const startMs = Number(process.hrtime.bigint() - t) / 1e6;
(globalThis as { gc?: () => void }).gc?.();
setTimeout(() => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(JSON.stringify({ startMs, rss: process.memoryUsage().rss, tasks: tasks.length }));
  process.exit(0);
}, 500);
