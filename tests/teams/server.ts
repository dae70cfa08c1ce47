import { createApp } from '../../src/app.js';
import { serve } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/log.js';

/** The whole bot serving Teams in anonymous (Emulator) mode over loopback HTTP; "now" pinned. */
export async function startTeamsServer(now = '2014-06-15T09:00:00Z'): Promise<{ url: string; stop(): Promise<void> }> {
  const app = createApp(loadConfig({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '127.0.0.1', FOLLOWUP_NOW: now }), silentLogger);
  const running = await serve(app, { teams: { appId: '', appPassword: '', appType: 'MultiTenant', emulator: true } }, silentLogger);
  return {
    url: `http://127.0.0.1:${running.address!.port}`,
    stop: async () => {
      await running.stop();
      app.close();
    },
  };
}
