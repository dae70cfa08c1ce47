import { afterAll, beforeAll } from 'vitest';
import type { App } from '../../src/app.js';
import { engineApp } from '../engine.js';
import { serve } from '../../src/cli/serve.js';
import { silentLogger } from '../../src/core/log.js';
import { MockConnector } from './mock-connector.js';

/** The whole bot serving Teams in anonymous (Emulator) mode over loopback HTTP; "now" pinned. */
export async function startTeamsServer(now = '2014-06-15T09:00:00Z'): Promise<{ url: string; app: App; stop(): Promise<void> }> {
  const app = await engineApp({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '127.0.0.1', FOLLOWUP_NOW: now }, silentLogger);
  const running = await serve(app, { teams: { appId: '', appPassword: '', appType: 'MultiTenant', emulator: true } }, silentLogger);
  return {
    url: `http://127.0.0.1:${running.address!.port}`,
    app,
    stop: async () => {
      await running.stop();
      await app.close();
    },
  };
}

/**
 * For a test file: a mock Bot Connector and the bot serving Teams, started before the tests and
 * stopped after them (the connector's stop fails the file if any card it got was invalid).
 * `prepare` scripts the connector (team channels, the roster) before the bot starts.
 */
export function useTeamsServer(prepare: (connector: MockConnector) => void = () => undefined): { connector: MockConnector; app: App; url: string } {
  const env = {} as { connector: MockConnector; app: App; url: string };
  let server: Awaited<ReturnType<typeof startTeamsServer>> | undefined;
  beforeAll(async () => {
    env.connector = await new MockConnector().start();
    prepare(env.connector);
    server = await startTeamsServer();
    env.app = server.app;
    env.url = server.url;
  });
  afterAll(async () => {
    await server?.stop();
    await env.connector?.stop();
  });
  return env;
}
