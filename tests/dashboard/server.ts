import type { AddressInfo } from 'node:net';
import type { App } from '../../src/app.js';
import { engineApp } from '../engine.js';
import { silentLogger, type Logger } from '../../src/core/log.js';
import { dashboardFor } from '../../src/dashboard/index.js';
import { createHttpServer, listen } from '../../src/http/server.js';

export interface DashboardServer {
  app: App;
  base: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The dashboard over loopback HTTP, on an in-memory store with the shipped catalog and "now"
 * pinned. `requireToken` makes it behave as off loopback (the check that the bound address
 * decides is tested on its own, in access.test.ts).
 */
export async function startDashboardServer(o: { now?: string; token?: string; requireToken?: boolean; log?: Logger; env?: Record<string, string> } = {}): Promise<DashboardServer> {
  const app = await engineApp({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '127.0.0.1', FOLLOWUP_NOW: o.now ?? '2014-09-15T09:00:00Z', ...(o.token ? { FOLLOWUP_DASHBOARD_TOKEN: o.token } : {}), ...o.env }, o.log ?? silentLogger);
  const handler = dashboardFor(app, '127.0.0.1', o.log ?? silentLogger, o.requireToken ? { requireToken: true } : {})!;
  const server = createHttpServer([], silentLogger, () => ({}), { fallback: handler });
  const address: AddressInfo = await listen(server, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    app,
    base,
    get: (path, init) => fetch(`${base}${path}`, { redirect: 'manual', ...init }),
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await app.close();
    },
  };
}

/** Text of an HTML page with the tags removed (what a reader sees, roughly). */
export function visibleText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}
