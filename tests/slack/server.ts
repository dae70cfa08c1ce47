import type { App } from '../../src/app.js';
import { engineApp } from '../engine.js';
import { serve, type Running } from '../../src/cli/serve.js';
import { silentLogger } from '../../src/core/log.js';
import { MockSlack } from './mock-slack.js';
import { SECRET } from './signed.js';

export interface SlackServer {
  mock: MockSlack;
  app: App;
  running: Running;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The whole bot serving Slack over loopback HTTP, its Web API a loopback mock; "now" pinned. */
export async function startSlackServer(now = '2014-06-15T09:00:00Z'): Promise<SlackServer> {
  const mock = await new MockSlack().start();
  const app = await engineApp({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '127.0.0.1', FOLLOWUP_NOW: now }, silentLogger);
  const running = await serve(app, { slack: { botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: mock.apiUrl } }, silentLogger);
  const port = running.address!.port;
  return {
    mock,
    app,
    running,
    port,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await running.stop();
      await app.close();
      await mock.stop();
    },
  };
}
