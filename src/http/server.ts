import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/log.js';
import { redactUrl } from './redact.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Route {
  method: string;
  path: string;
  handler: Handler;
}

/**
 * The bot's one HTTP server: /healthz plus each platform adapter's route (Slack's /slack/events,
 * Teams' /api/messages). Adapters hand in plain Node handlers; no platform type crosses here.
 */
export function createHttpServer(routes: Route[], log: Logger, health: () => Record<string, unknown> = () => ({})): http.Server {
  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ...health() }));
      return;
    }
    const route = routes.find((r) => r.path === path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (req.method !== route.method && !(route.method === 'GET' && req.method === 'HEAD')) {
      res.writeHead(405, { allow: route.method, 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    try {
      route.handler(req, res);
    } catch (err) {
      log.error({ err, url: redactUrl(req.url) }, 'request handler failed');
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
}

export function listen(server: http.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}
