import { schedule as cronSchedule } from 'node-cron';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/app.js';
import type { SlackConfig } from '../../adapters/slack/config.js';
import { createTeamsAdapter, type TeamsAdapter, type TeamsAdapterOptions } from '../../adapters/teams/app.js';
import { assertListenable, type TeamsConfig } from '../../adapters/teams/config.js';
import type { App } from '../app.js';
import type { Logger } from '../core/log.js';
import type { Platform } from '../core/message.js';
import { calendarRoute } from '../http/calendar.js';
import { dashboardAddress, dashboardFor, type DashboardHandler } from '../dashboard/index.js';
import { createHttpServer, listen, type Route } from '../http/server.js';
import { FileOutbox, OutboxRouter, type Outbox } from '../scheduler/outbox.js';
import { startLifecycle } from './lifecycle.js';
import { slackStoreFor } from '../store/slack-store.js';
import { teamsStoreFor } from '../store/teams-store.js';

export interface Running {
  /** The address the HTTP server listens on (HTTP mode). */
  address?: { port: number; host: string };
  /**
   * Takes no new work (the listener closes, /readyz answers 503, no new scheduler pass) and
   * resolves once what is in flight has finished: open requests, the current pass.
   */
  stop(): Promise<void>;
  /** Ends every connection still open (after the shutdown deadline). */
  forceClose(): void;
}

/** node-cron's expression for a pass every `seconds` (FOLLOWUP_PASS_SECONDS divides a minute; 60 is on the minute). */
export function passCron(seconds: number): string {
  return seconds >= 60 ? '* * * * *' : `*/${seconds} * * * * *`;
}

/**
 * Server mode: the platforms that are configured, on one HTTP server, and one scheduler tick a
 * minute (FOLLOWUP_PASS_SECONDS) delivering through their outboxes; with FOLLOWUP_OUTBOX_FILE,
 * the console's reminders too, into that file.
 */
export async function serve(
  app: App,
  platforms: { slack?: SlackConfig; teams?: TeamsConfig },
  log: Logger,
  /** Tests: Teams authentication and retry settings (see TeamsAdapterOptions). */
  teamsOptions: Partial<TeamsAdapterOptions> = {},
): Promise<Running> {
  const lifecycle = await startLifecycle(app, log);
  const routes: Route[] = [];
  let slack: SlackAdapter | undefined;
  if (platforms.slack) {
    // Installations, install states and answered event ids: in the database every instance shares.
    const store = slackStoreFor({ db: app.db, pool: app.pool });
    slack = createSlackAdapter(app.bot, platforms.slack, log, { store, ...(app.config.publicUrl ? { redirectUri: `${app.config.publicUrl}/slack/oauth_redirect` } : {}) });
    if (slack.route) routes.push({ method: 'POST', path: '/slack/events', handler: slack.route });
    for (const r of slack.installRoutes ?? []) routes.push({ method: 'GET', ...r });
    await slack.start();
  }
  let host = app.config.host;
  let teams: TeamsAdapter | undefined;
  if (platforms.teams) {
    // Anonymous (Emulator) mode stays on this machine: loopback by default, refused elsewhere.
    if (!platforms.teams.appId && !app.config.hostExplicit) host = '127.0.0.1';
    assertListenable(platforms.teams, host);
    teams = createTeamsAdapter(app.bot, teamsStoreFor({ db: app.db, pool: app.pool }), platforms.teams, log, { clock: app.clock, ...teamsOptions });
    routes.push({ method: 'POST', path: '/api/messages', handler: teams.route });
  }
  routes.push({ method: 'GET', path: '/calendar.ics', handler: calendarRoute(app.db, app.clock, log, app.config.calendarToken) });
  // The dashboard answers every other path; whether it needs its token depends on the address
  // actually bound (a HOST name is only known after it resolves), so it is mounted after listening.
  let dashboard: DashboardHandler | undefined;
  const notFound: DashboardHandler = (_req, res) => void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  const server = createHttpServer(routes, log, () => ({ platforms: Object.keys(platforms).filter((k) => platforms[k as keyof typeof platforms]) }), {
    ready: lifecycle.ready,
    fallback: (req, res) => (dashboard ?? notFound)(req, res),
  });
  const address = await listen(server, app.config.port, host);
  try {
    dashboard = dashboardFor(app, address.address, log);
  } catch (err) {
    await new Promise<void>((r) => server.close(() => r()));
    await slack?.stop();
    throw err;
  }
  log.info({ port: address.port, host: address.address, routes: routes.map((r) => r.path), ...(dashboard ? { dashboard: dashboardAddress(address.address, address.port) } : {}) }, 'followup is listening');

  const outboxes: Partial<Record<Platform, Outbox>> = {
    ...(slack ? { slack: slack.outbox } : {}),
    ...(teams ? { teams: teams.outbox } : {}),
    ...(app.config.outboxFile ? { console: new FileOutbox(app.config.outboxFile, app.config.outboxDelayMs, app.config.instance) } : {}),
  };
  const scheduler = app.scheduler(new OutboxRouter(outboxes), Object.keys(outboxes) as Platform[]);
  // The passes still running (the start-up pass can overlap the minute's): SIGTERM waits for them.
  const passes = new Set<Promise<unknown>>();
  const tick = (): void => {
    if (lifecycle.draining) return;
    const pass = scheduler
      .tick()
      .catch((err: unknown) => log.error({ err }, 'scheduler pass failed'))
      .finally(() => passes.delete(pass));
    passes.add(pass);
  };
  tick();
  const cron = cronSchedule(passCron(app.config.passSeconds), tick, { noOverlap: true, name: 'followup-scheduler' });
  return {
    address: { port: address.port, host: address.address },
    stop: async () => {
      lifecycle.drain();
      // At once: close() stops listening and ends idle keep-alive connections; requests in flight finish.
      const closed = new Promise<void>((r) => server.close(() => r()));
      await cron.stop();
      await Promise.all(passes);
      await slack?.stop();
      await closed;
    },
    forceClose: () => server.closeAllConnections(),
  };
}
