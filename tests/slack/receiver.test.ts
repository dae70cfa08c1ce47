import type { App as BoltApp, Receiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/app.js';
import { loadSlackConfig } from '../../adapters/slack/config.js';
import { StartupError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/log.js';
import { testBot } from '../helpers.js';
import { MockSlack } from './mock-slack.js';

/** Delivers events the way Socket Mode does: parsed bodies with an ack, through Bolt's Receiver interface. */
class FakeSocketReceiver implements Receiver {
  app!: BoltApp;
  init(app: BoltApp): void {
    this.app = app;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async deliver(body: Record<string, unknown>): Promise<unknown> {
    let acked: unknown = 'not acked';
    await this.app.processEvent({ body, ack: async (response?: unknown) => void (acked = response) });
    return acked;
  }
}

let mock: MockSlack;
beforeAll(async () => {
  mock = await new MockSlack().start();
});
afterAll(async () => mock.stop());

describe('Socket Mode: the same handlers through the receiver interface', () => {
  it('slash commands are acked with the answer; mentions are answered; App Home is published', async () => {
    const receiver = new FakeSocketReceiver();
    const adapter = createSlackAdapter(testBot('2014-06-15T09:00:00Z').bot, { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: mock.apiUrl }, silentLogger, { receiver });
    await adapter.start();
    expect(adapter.route).toBeUndefined(); // no HTTP route in Socket Mode

    const ack = (await receiver.deliver({ command: '/followup', text: 'agenda 7', team_id: 'T1', user_id: 'U1', user_name: 'ana', channel_id: 'C1', channel_name: 'migration', response_url: mock.responseUrl('s1'), trigger_id: 't' })) as { blocks: Array<{ text?: { text: string } }> };
    expect(ack.blocks[0]!.text!.text).toBe('Agenda point 7: Strengthen the migration evidence base');

    const before = mock.posts().length;
    await receiver.deliver({ type: 'event_callback', team_id: 'T1', event_id: 'EvS1', event: { type: 'app_mention', user: 'U1', text: '<@UBOT> gfmd', ts: '1.1', channel: 'C2', event_ts: '1.1' } });
    expect(mock.posts().slice(before).map((c) => c.body.channel)).toEqual(['C2']);

    await receiver.deliver({ type: 'event_callback', team_id: 'T1', event_id: 'EvS2', event: { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '2.1' } });
    const publish = mock.calls.find((c) => c.method === 'views.publish')!;
    expect(publish.body.user_id).toBe('U1');
    const headers = ((publish.body.view as { blocks: Array<{ type: string; text?: { text: string } }> }).blocks).filter((b) => b.type === 'header').map((b) => b.text!.text);
    expect(headers).toEqual(['No reminders for you', 'You own no items', 'Coming up after 15 Jun 2014', 'Overdue as of 15 Jun 2014']);
  });

  it('App Home adds the candidates waiting for review when a report was imported', async () => {
    const receiver = new FakeSocketReceiver();
    const t = testBot('2014-06-15T09:00:00Z');
    const { importReport } = await import('../../src/import/report-import.js');
    const { ROOT } = await import('../helpers.js');
    const r = await importReport(t.db, `${ROOT}/tests/fixtures/fictional-meeting-report.md`, { dryRun: false, meeting: '4th Harbour meeting', date: '2025-03-03' }, new Date());
    const adapter = createSlackAdapter(t.bot, { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: mock.apiUrl }, silentLogger, { receiver });
    await adapter.start();
    const before = mock.calls.length;
    await receiver.deliver({ type: 'event_callback', team_id: 'T1', event_id: 'EvS9', event: { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '9.1' } });
    const publish = mock.calls.slice(before).find((c) => c.method === 'views.publish')!;
    const headers = ((publish.body.view as { blocks: Array<{ type: string; text?: { text: string } }> }).blocks).filter((b) => b.type === 'header').map((b) => b.text!.text);
    expect(headers[4]).toBe(`${r.extraction.candidates.length} candidates waiting for review`);
  });
});

describe('Slack settings', () => {
  it('are off when none is set, and fail closed in HTTP mode without a signing secret', () => {
    expect(loadSlackConfig({})).toBeUndefined();
    expect(() => loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/^SLACK_SIGNING_SECRET: required in HTTP mode/);
    expect(() => loadSlackConfig({ SLACK_SIGNING_SECRET: '0123456789abcdef0' })).toThrow(/^SLACK_BOT_TOKEN: required when Slack is configured/);
    expect(() => loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxp-1', SLACK_SIGNING_SECRET: '0123456789abcdef0' })).toThrow(/^SLACK_BOT_TOKEN: expected a bot token starting with xoxb-/);
    expect(() => loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toThrow(/^SLACK_APP_TOKEN: expected an app-level token/);
    expect(() => loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'not a url' })).toThrow(/^SLACK_API_URL: expected a URL/);
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual({ botToken: 'xoxb-1', appToken: 'xapp-1' });
    try {
      loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1' });
    } catch (e) {
      expect(e).toBeInstanceOf(StartupError);
    }
  });

  it('a token Slack refuses stops the start with a clear message', async () => {
    mock.script('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const adapter = createSlackAdapter(testBot().bot, { botToken: 'xoxb-bad', signingSecret: '0123456789abcdef0', apiUrl: mock.apiUrl }, silentLogger);
    await expect(adapter.start()).rejects.toThrow(/^SLACK_BOT_TOKEN: Slack refused it \(invalid_auth\)/);
  });
});
