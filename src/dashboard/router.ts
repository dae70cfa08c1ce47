import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/log.js';
import { toCsv } from '../export/csv.js';
import { toIcs } from '../export/ics.js';
import { toJson } from '../export/json.js';
import { toMarkdown } from '../export/markdown.js';
import { exportSetOf } from '../export/records.js';
import { GuessLimiter } from '../http/guess-limiter.js';
import { checkSession, sameSecret, sessionValue, setCookie } from './auth.js';
import type { DashboardData } from './data.js';
import { BadRequest, parseFilter, searchParams, type Filter } from './filters.js';
import { SECURITY_HEADERS } from './headers.js';
import type { Html } from './html.js';
import { actorPage, actorsPage } from './pages/actor.js';
import { errorPage, signInPage } from './pages/error.js';
import { itemPage } from './pages/item.js';
import { overviewPage } from './pages/overview.js';
import { registryPage } from './pages/registry.js';
import { reportPage } from './pages/report.js';
import { STYLESHEET } from './style.js';

export interface DashboardOptions {
  data: DashboardData;
  log: Logger;
  /** FOLLOWUP_DASHBOARD_TOKEN: required when `requireToken`. */
  token?: string;
  /** True when the server listens on an address other machines reach (see isLoopback). */
  requireToken: boolean;
  /** Mark the cookie Secure (the public address is https). */
  secureCookie?: boolean;
  limiter?: GuessLimiter;
  /** Milliseconds since the epoch (session expiry); tests move it. */
  now?: () => number;
}

const EXPORT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
} as const;

function send(req: IncomingMessage, res: ServerResponse, status: number, body: string | Html, type = 'text/html; charset=utf-8', extra: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : body.value;
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(Buffer.byteLength(text)), ...extra });
  res.end(req.method === 'HEAD' ? undefined : text);
}

function readForm(req: IncomingMessage, max = 4096): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new BadRequest('The form sent too much.', 'Enter only the token.'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(searchParams(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

function describe(data: DashboardData, f: Filter): string[] {
  const scope: string[] = [];
  if (f.q) scope.push(`“${f.q}”`);
  if (f.meeting) scope.push(data.reference.meetings().find((m) => m.id === f.meeting)?.shortName ?? f.meeting);
  if (f.actor) scope.push(data.directory().displayName(data.directory().get(f.actor)!));
  for (const [k, v] of Object.entries({ track: f.track, agenda: f.agenda, kind: f.kind, status: f.status, light: f.light, due: f.due })) if (v !== undefined) scope.push(`${k} ${v}`);
  return scope;
}

/**
 * The dashboard's one handler: read-only pages, their exports, the stylesheet, and (off loopback)
 * the sign-in. Every mistake in an address is a page saying what is wrong; a fault is logged and
 * answered with a short apology, never a stack trace.
 */
export function createDashboard(o: DashboardOptions): (req: IncomingMessage, res: ServerResponse) => void {
  if (o.requireToken && !o.token) throw new Error('the dashboard needs a token off loopback');
  const limiter = o.limiter ?? new GuessLimiter();
  const now = o.now ?? Date.now;
  const { data } = o;

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const client = req.socket.remoteAddress ?? '';
    const wait = limiter.blockedFor(client);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      send(req, res, 429, errorPage(429, 'Too many wrong tokens from this address.', `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`), undefined, { 'retry-after': String(Math.ceil(wait / 1000)) });
      return;
    }
    const form = await readForm(req);
    if (!sameSecret(form.get('token') ?? '', o.token!)) {
      limiter.failed(client);
      send(req, res, 401, signInPage('That is not the dashboard token. Check it with whoever runs followup.'));
      return;
    }
    limiter.succeeded(client);
    res.writeHead(303, { ...SECURITY_HEADERS, location: '/', 'set-cookie': setCookie(sessionValue(o.token!, now()), Boolean(o.secureCookie)) }).end();
  }

  async function page(path: string, params: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (path === '/') return send(req, res, 200, overviewPage(data, params));
    if (path === '/registry') return send(req, res, 200, registryPage(data, parseFilter(params, data.known())));
    const exp = /^\/registry\.(csv|json|md|ics)$/.exec(path);
    if (exp) {
      const format = exp[1] as keyof typeof EXPORT_TYPES;
      const f = parseFilter(params, data.known());
      const set = exportSetOf(data.db, data.allIds(f), describe(data, f));
      const body = format === 'csv' ? toCsv(set) : format === 'json' ? toJson(set) : format === 'md' ? toMarkdown(set, data.today()) : toIcs(set, `followup: ${set.scope.join(' · ') || 'all commitments'}`, new Date(now()));
      return send(req, res, 200, body, EXPORT_TYPES[format], { 'content-disposition': `attachment; filename="followup-registry.${format}"` });
    }
    const item = /^\/items\/([^/]+)$/.exec(path);
    if (item) return send(req, res, 200, await itemPage(data, item[1]!, params));
    if (path === '/actors') return send(req, res, 200, actorsPage(data));
    const actor = /^\/actors\/([^/]+)$/.exec(path);
    if (actor) return send(req, res, 200, actorPage(data, actor[1]!));
    if (path === '/report') return send(req, res, 200, reportPage(data, params));
    throw new BadRequest(`There is no page at ${path.slice(0, 100)}.`, 'The dashboard has an overview (/), a registry (/registry), item pages (/items/…), actor pages (/actors/…) and the report (/report).', 404);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const qAt = url.indexOf('?');
    const rawPath = qAt < 0 ? url : url.slice(0, qAt);
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      throw new BadRequest('This address has a malformed %-escape.', 'Each % must be followed by two hexadecimal digits of valid UTF-8 text.');
    }
    if (path === '/dashboard/style.css') return send(req, res, 200, STYLESHEET, 'text/css; charset=utf-8', { 'cache-control': 'max-age=3600' });
    const post = req.method === 'POST';
    if (!(req.method === 'GET' || req.method === 'HEAD' || (post && path === '/signin'))) {
      return send(req, res, 405, errorPage(405, `${String(req.method).slice(0, 10)} is not allowed here.`, 'The dashboard is read-only: changes are made in chat, where they are attributed.'), undefined, { allow: path === '/signin' ? 'GET, HEAD, POST' : 'GET, HEAD' });
    }
    if (o.requireToken) {
      if (path === '/signin') return post ? signIn(req, res) : send(req, res, 200, signInPage());
      const session = checkSession(req.headers.cookie, o.token!, now());
      if (session !== 'valid') {
        const why = session === 'expired' ? 'Your sign-in has expired: enter the token again.' : session === 'forged' ? 'Your sign-in is not valid (the token may have changed): enter the token again.' : undefined;
        return send(req, res, 401, signInPage(why));
      }
    } else if (path === '/signin') {
      res.writeHead(303, { ...SECURITY_HEADERS, location: '/' }).end();
      return;
    }
    await page(path, searchParams(qAt < 0 ? '' : url.slice(qAt + 1)), req, res);
  }

  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof BadRequest) {
        send(req, res, err.status, errorPage(err.status, err.message, err.hint));
        return;
      }
      o.log.error({ err, url: req.url?.split('?')[0] }, 'dashboard page failed');
      if (res.headersSent) res.destroy();
      else send(req, res, 500, errorPage(500, 'Sorry — this page could not be built.', 'It has been logged; try again, or tell whoever runs followup.'));
    });
  };
}
