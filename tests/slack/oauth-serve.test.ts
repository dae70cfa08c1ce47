import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSlackConfig } from '../../adapters/slack/config.js';
import { openApp, type App } from '../../src/app.js';
import { serve, type Running } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/log.js';
import { freshDatabase } from '../pg/db.js';
import { MockSlack } from './mock-slack.js';
import { grant, install, mention, OAUTH } from './oauth-harness.js';
import { post, SECRET } from './signed.js';

const SLACK_ENV = { SLACK_CLIENT_ID: OAUTH.clientId, SLACK_CLIENT_SECRET: OAUTH.clientSecret, SLACK_STATE_SECRET: OAUTH.stateSecret, SLACK_SIGNING_SECRET: SECRET };

describe('followup serve with the three OAuth variables', () => {
  const open: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of open.splice(0).reverse()) await close();
  });
  async function start(env: Record<string, string>): Promise<{ app: App; running: Running; instance: { url: string }; mock: MockSlack }> {
    const mock = await new MockSlack().start();
    open.push(() => mock.stop());
    const app = await openApp(loadConfig({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '127.0.0.1', ...env }), silentLogger);
    open.push(async () => app.close());
    const running = await serve(app, { slack: loadSlackConfig({ ...SLACK_ENV, SLACK_API_URL: mock.apiUrl })! }, silentLogger);
    open.push(() => running.stop());
    return { app, running, mock, instance: { url: `http://127.0.0.1:${running.address!.port}` } };
  }

  it('serves the install flow on SQLite: the installation is kept in the app’s database file, and answers its workspace', async () => {
    const { app, mock, instance } = await start({ FOLLOWUP_PUBLIC_URL: 'https://followup.example.org/' });
    mock.script('oauth.v2.access', grant({ team: 'T9', token: 'xoxb-T9-first' }));
    expect((await install(instance, 'code-T9')).status).toBe(200);
    // FOLLOWUP_PUBLIC_URL names the redirect URL sent to Slack.
    expect(mock.calls.find((c) => c.method === 'oauth.v2.access')!.body.redirect_uri).toBe('https://followup.example.org/slack/oauth_redirect');
    expect(app.db.prepare('SELECT install_key AS "key", team_id AS "team" FROM slack_installations').all()).toEqual([{ key: 'T:T9', team: 'T9' }]);
    const from = mock.calls.length;
    await post(`${instance.url}/slack/events`, mention('Ev-1', { team: 'T9', channel: 'C9' }), { json: true });
    expect((await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === 'C9', from)).authorization).toBe('Bearer xoxb-T9-first');
    expect(app.db.prepare('SELECT event_id AS "id" FROM slack_events').all()).toEqual([{ id: 'Ev-1' }]);
  });

  it('keeps installations and event ids in PostgreSQL when FOLLOWUP_DATABASE_URL is set', async () => {
    const url = await freshDatabase('oauth');
    const { app, mock, instance } = await start({ FOLLOWUP_DATABASE_URL: url });
    mock.script('oauth.v2.access', grant({ team: 'T9', token: 'xoxb-T9-first' }));
    expect((await install(instance, 'code-T9')).status).toBe(200);
    const from = mock.calls.length;
    await post(`${instance.url}/slack/events`, mention('Ev-1', { team: 'T9', channel: 'C9' }), { json: true });
    await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === 'C9', from);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      expect((await c.query('SELECT install_key AS "key" FROM slack_installations')).rows).toEqual([{ key: 'T:T9' }]);
      expect((await c.query('SELECT event_id AS "id" FROM slack_events')).rows).toEqual([{ id: 'Ev-1' }]);
      expect((await c.query('SELECT count(*)::int AS n FROM slack_oauth_states')).rows).toEqual([{ n: 0 }]); // used, so gone
    } finally {
      await c.end();
    }
    expect(app.db.prepare('SELECT count(*) AS n FROM slack_installations').get()).toEqual({ n: 0 });
  });
});
