import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.js';
import { localDate } from '../core/dates.js';
import { StartupError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { createHttpServer, listen } from '../http/server.js';
import { isLoopback } from './auth.js';
import { DashboardData } from './data.js';
import { caughtUp } from '../store/shared/fresh.js';
import { createDashboard } from './router.js';

export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The dashboard for a server listening on `host` (the address it is bound to), or undefined
 * when FOLLOWUP_DASHBOARD=off. Beyond loopback it needs FOLLOWUP_DASHBOARD_TOKEN: without one
 * this is a configuration error naming the variable, never an open dashboard.
 */
export function dashboardFor(app: App, host: string, log: Logger, opts: { requireToken?: boolean } = {}): DashboardHandler | undefined {
  if (!app.config.dashboard) return undefined;
  const requireToken = opts.requireToken ?? !isLoopback(host);
  if (requireToken && !app.config.dashboardToken) {
    throw new StartupError(
      'config',
      `FOLLOWUP_DASHBOARD_TOKEN: the dashboard would listen on ${host}, which other machines can reach, and its pages show follow-up notes and owners. ` +
        'Set FOLLOWUP_DASHBOARD_TOKEN to a shared secret (e.g. from `openssl rand -hex 16`), listen on loopback only (HOST=127.0.0.1), or turn the dashboard off (FOLLOWUP_DASHBOARD=off).',
    );
  }
  const data = new DashboardData(app.db, () => localDate(app.clock.now(), app.config.zone), app.bot.deps.names, app.schedules);
  const handler = createDashboard({
    data,
    log,
    requireToken,
    ...(app.config.dashboardToken ? { token: app.config.dashboardToken } : {}),
    secureCookie: Boolean(app.config.publicUrl?.startsWith('https:')),
  });
  if (app.writes.engine === 'sqlite') return handler;
  // Several instances: a page shows what any of them wrote (PostgreSQL's shared log, applied first).
  return (req, res) => void caughtUp(app.writes, 1_000, log).then(() => handler(req, res));
}

/** The address people open: http://127.0.0.1:3000/ (IPv6 in brackets; 0.0.0.0 shown as it is). */
export function dashboardAddress(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/**
 * `npm start` (the console chat): the dashboard beside it, on loopback unless HOST says otherwise.
 * A port in use does not stop the chat: `note` says so and which setting to change.
 */
export async function startConsoleDashboard(app: App, log: Logger): Promise<{ note: string; stop(): Promise<void> }> {
  const none = { stop: async () => {} };
  if (!app.config.dashboard) return { note: '', ...none };
  const host = app.config.hostExplicit ? app.config.host : '127.0.0.1';
  const handler = dashboardFor(app, host, log)!;
  const server = createHttpServer([], log, () => ({ dashboard: true }), { fallback: handler });
  try {
    const address = await listen(server, app.config.port, host);
    return {
      note: `Dashboard: ${dashboardAddress(address.address, address.port)}`,
      stop: () => new Promise<void>((r) => server.close(() => r())),
    };
  } catch (err) {
    return { note: `Dashboard not started — ${(err as Error).message.replace(/\.$/, '')} (or FOLLOWUP_DASHBOARD=off to go without it).`, ...none };
  }
}
