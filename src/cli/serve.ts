import { schedule as cronSchedule } from 'node-cron';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/app.js';
import type { SlackConfig } from '../../adapters/slack/config.js';
import type { App } from '../app.js';
import type { Logger } from '../core/log.js';
import { createHttpServer, listen, type Route } from '../http/server.js';
import { OutboxRouter } from '../scheduler/outbox.js';

export interface Running {
  /** The address the HTTP server listens on (HTTP mode). */
  address?: { port: number; host: string };
  stop(): Promise<void>;
}

/**
 * Server mode: the platforms that are configured, on one HTTP server, and one scheduler tick a
 * minute delivering through their outboxes.
 */
export async function serve(app: App, platforms: { slack?: SlackConfig }, log: Logger): Promise<Running> {
  const routes: Route[] = [];
  let slack: SlackAdapter | undefined;
  if (platforms.slack) {
    slack = createSlackAdapter(app.bot, platforms.slack, log);
    if (slack.route) routes.push({ method: 'POST', path: '/slack/events', handler: slack.route });
    await slack.start();
  }
  const server = createHttpServer(routes, log, () => ({ platforms: Object.keys(platforms) }));
  const address = await listen(server, app.config.port, app.config.host);
  log.info({ port: address.port, host: address.address, routes: routes.map((r) => r.path) }, 'followup is listening');

  const scheduler = app.scheduler(new OutboxRouter({ ...(slack ? { slack: slack.outbox } : {}) }));
  const tick = (): void => {
    scheduler.tick().catch((err: unknown) => log.error({ err }, 'scheduler pass failed'));
  };
  tick();
  const cron = cronSchedule('* * * * *', tick, { noOverlap: true, name: 'followup-scheduler' });
  return {
    address: { port: address.port, host: address.address },
    stop: async () => {
      await cron.stop();
      await slack?.stop();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
