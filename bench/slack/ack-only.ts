// The baseline for the Slack bench: a Bolt app (HTTP receiver) whose command handler only acks.
// Usage: node ack-only.js <port> <api-url>  → prints "ready" when listening.
import { App, LogLevel } from '@slack/bolt';

const [port, apiUrl] = process.argv.slice(2);
const app = new App({
  token: 'xoxb-bench',
  signingSecret: 'bench-signing-secret-0123456789',
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: apiUrl! },
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
await app.start(Number(port));
process.stdout.write('ready\n');
