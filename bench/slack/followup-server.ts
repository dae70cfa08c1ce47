// followup in Slack HTTP mode for the bench. Usage: node followup-server.js <port> <api-url> <db>
import { createApp } from '../../src/app.js';
import { serve } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/log.js';

const [port, apiUrl, db] = process.argv.slice(2);
const app = createApp(loadConfig({ FOLLOWUP_DB: db!, PORT: port!, HOST: '127.0.0.1', FOLLOWUP_NOW: '2014-06-15T09:00:00Z' }), silentLogger);
await serve(app, { slack: { botToken: 'xoxb-bench', signingSecret: 'bench-signing-secret-0123456789', apiUrl: apiUrl! } }, silentLogger);
process.stdout.write('ready\n');
process.on('SIGINT', () => process.exit(0));
