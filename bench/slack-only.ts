// Only the Slack part of the bench (slash-command lookups against the ack-only baseline, modal opens):
// npm run build && node dist/bench/slack-only.js. BENCH_SLACK_SECONDS, BENCH_SLACK_ROUNDS and
// BENCH_SLACK_MODALS as in the full bench.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { slackBench } from './slack-bench.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'followup-slack-bench-'));
try {
  await slackBench(tmp);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
