import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/log.js';
import { describeError, type Where } from '../core/system-errors.js';
import { redactUrl } from './redact.js';

/** Headers on every response of the server (platform routes, health, calendar, dashboard). */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Route {
  method: string;
  path: string;
  handler: Handler;
}

/** Whether this instance should be sent traffic now (a load balancer's readiness check), and why. */
export type Readiness = () => Promise<{ ok: boolean; detail: Record<string, unknown> }>;

/**
 * The bot's one HTTP server: /healthz (the process is alive), /readyz (it can serve: database
 * reachable, migrations current, not shutting down; 503 otherwise) plus each platform adapter's
 * route (Slack's /slack/events, Teams' /api/messages). Adapters hand in plain Node handlers; no
 * platform type crosses here.
 */
export function createHttpServer(
  routes: Route[],
  log: Logger,
  health: () => Record<string, unknown> = () => ({}),
  opts: {
    /** Whether to take traffic now (/readyz). */
    ready?: Readiness;
    /** Every other path (the dashboard): it answers its own 404s. */
    fallback?: Handler;
  } = {},
): http.Server {
  const ready: Readiness = opts.ready ?? (async () => ({ ok: true, detail: {} }));
  const fallback = opts.fallback;
  return http.createServer((req, res) => {
    // Every response, whatever answers it: nothing in it may run, be framed or be sniffed as
    // another type. The dashboard sends its own, stricter-by-page policy over this one.
    for (const [name, value] of Object.entries(BASELINE_HEADERS)) res.setHeader(name, value);
    const path = (req.url ?? '/').split('?')[0];
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (path === '/healthz' && read) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ...health() }));
      return;
    }
    if (path === '/readyz' && read) {
      ready().then(
        ({ ok, detail }) => res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, ...detail })),
        (err: unknown) => {
          log.warn({ err }, 'readiness check failed');
          res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, reason: 'readiness check failed' }));
        },
      );
      return;
    }
    const route = routes.find((r) => r.path === path);
    if (!route && fallback) {
      try {
        fallback(req, res);
      } catch (err) {
        answerError(err, req, res, log, 'request handler failed', '');
      }
      return;
    }
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
      answerError(err, req, res, log, 'request handler failed', '');
    }
  });
}

/**
 * The server's error tier. A system fault (a full disk, a read-only database) is logged with
 * what to fix and answered 503; anything else is logged with context and answered 500 with
 * `apology`. Logged URLs are redacted (no ?token=).
 */
export function answerError(err: unknown, req: IncomingMessage, res: ServerResponse, log: Logger, what: string, apology: string, where: Where = {}): void {
  const fault = describeError(err, where);
  const url = redactUrl(req.url);
  if (fault) log.error({ err, code: fault.code, url }, fault.message);
  else log.error({ err, url }, what);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (fault) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '300' }).end('Sorry — the server has a problem its operator must fix. It has been logged.\n');
  } else {
    res.writeHead(500, apology ? { 'content-type': 'text/plain; charset=utf-8' } : {}).end(apology || undefined);
  }
}

/** Listens; a port in use or a host that does not resolve is a SystemError naming PORT or HOST. */
export function listen(server: http.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(describeError(err, { listen: { port, host } }) ?? err));
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}
