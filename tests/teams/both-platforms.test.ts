import { describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/serve.js';
import { silentLogger } from '../../src/core/log.js';
import { engineApp } from '../engine.js';
import { MockSlack } from '../slack/mock-slack.js';
import { form, post, SECRET } from '../slack/signed.js';
import { MockConnector, personalMessage, postActivity } from './mock-connector.js';

describe('Slack and Teams on one HTTP server', () => {
  it('serves /slack/events, /api/messages and /healthz side by side', async () => {
    const slack = await new MockSlack().start();
    const connector = await new MockConnector().start();
    const app = await engineApp({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '127.0.0.1', FOLLOWUP_NOW: '2014-06-15T09:00:00Z' }, silentLogger);
    const running = await serve(app, { slack: { botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: slack.apiUrl }, teams: { appId: '', appPassword: '', appType: 'MultiTenant', emulator: true } }, silentLogger);
    const url = `http://127.0.0.1:${running.address!.port}`;
    try {
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, platforms: ['slack', 'teams'] });
      const s = await post(
        `${url}/slack/events`,
        form({ token: 'x', team_id: 'T1', channel_id: 'C1', channel_name: 'm', user_id: 'U1', user_name: 'ana', command: '/followup', text: 'agenda 7', response_url: slack.responseUrl('r'), trigger_id: 't' }),
      );
      expect(s.status).toBe(200);
      expect(s.text).toMatch(/Agenda point 7/);
      expect((await postActivity(url, personalMessage(connector.url, 'agenda 7'))).status).toBe(200);
      expect(JSON.stringify(connector.messages()[0]?.body)).toMatch(/Agenda point 7/);
    } finally {
      await running.stop();
      await app.close();
      await slack.stop();
      await connector.stop();
    }
  });

  it('every response of the shared server carries a Content-Security-Policy and nosniff: health, readiness, calendar, both platform routes, the dashboard', async () => {
    const slack = await new MockSlack().start();
    const app = await engineApp({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '127.0.0.1', FOLLOWUP_NOW: '2014-06-15T09:00:00Z' }, silentLogger);
    const running = await serve(app, { slack: { botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: slack.apiUrl }, teams: { appId: '', appPassword: '', appType: 'MultiTenant', emulator: true } }, silentLogger);
    const url = `http://127.0.0.1:${running.address!.port}`;
    try {
      const answers = await Promise.all([
        fetch(`${url}/healthz`),
        fetch(`${url}/readyz`),
        fetch(`${url}/calendar.ics`),
        fetch(`${url}/slack/events`, { method: 'POST', body: 'not signed' }),
        fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
        fetch(`${url}/registry`),
      ]);
      for (const r of answers) {
        expect(r.headers.get('content-security-policy'), r.url).toMatch(/default-src 'none'/);
        expect(r.headers.get('content-security-policy'), r.url).toMatch(/frame-ancestors 'none'/);
        expect(r.headers.get('x-content-type-options'), r.url).toBe('nosniff');
        await r.arrayBuffer();
      }
      // The dashboard's own policy (its stylesheet) replaces the baseline, it is not sent twice.
      expect(answers[5]!.headers.get('content-security-policy')).toMatch(/style-src 'self'/);
      // Real answers, not a blanket error page: alive, ready, the calendar, an unsigned Slack request refused, a registry page.
      expect([0, 1, 2, 3, 5].map((i) => answers[i]!.status)).toEqual([200, 200, 200, 401, 200]);
    } finally {
      await running.stop();
      await app.close();
      await slack.stop();
    }
  });
});
