import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/app.js';
import { silentLogger } from '../../src/core/log.js';
import { testBot } from '../helpers.js';
import { MockSlack } from './mock-slack.js';

let mock: MockSlack;
beforeAll(async () => {
  mock = await new MockSlack().start();
});
afterAll(async () => mock.stop());

async function until<T>(what: string, fn: () => T | undefined, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Socket Mode honours SLACK_API_URL', () => {
  it('a start opens the connection through the configured Web API (apps.connections.open with the app token), and events arrive over it', async () => {
    const adapter = createSlackAdapter(testBot().bot, { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: mock.apiUrl }, silentLogger);
    await adapter.start();
    try {
      const open = mock.calls.filter((c) => c.method === 'apps.connections.open');
      expect(open).toHaveLength(1);
      expect(open[0]!.authorization).toBe('Bearer xapp-test');
      expect(mock.socket.connections).toBe(1);

      // An app_mention over the socket: acked on the socket, answered through chat.postMessage on the mock.
      const before = mock.posts().length;
      mock.socket.send({
        envelope_id: 'env-1',
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload: { type: 'event_callback', team_id: 'T1', event_id: 'EvSock1', event: { type: 'app_mention', user: 'U1', text: '<@UBOT> agenda 7', ts: '7.1', channel: 'C7', event_ts: '7.1' } },
      });
      await until('the ack', () => mock.socket.received.find((m) => m.envelope_id === 'env-1'));
      const post = await until('the reply', () => mock.posts().slice(before)[0]);
      expect(post.body.channel).toBe('C7');
      expect(JSON.stringify(post.body.blocks)).toContain('Agenda point 7');
    } finally {
      await adapter.stop();
    }
  });

  it('an app token Slack refuses stops the start with a message naming SLACK_APP_TOKEN', async () => {
    mock.script('apps.connections.open', { body: { ok: false, error: 'invalid_auth' } });
    const adapter = createSlackAdapter(testBot().bot, { botToken: 'xoxb-test', appToken: 'xapp-bad', apiUrl: mock.apiUrl }, silentLogger);
    await expect(adapter.start()).rejects.toThrow(/^SLACK_APP_TOKEN: Slack refused it \(invalid_auth\); expected an app-level token/);
  });
});
