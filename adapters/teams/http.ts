import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import type { Activity, InvokeResponse } from 'botbuilder';
import type { Logger } from '../../src/core/log.js';

/** Largest request body read; Teams activities are a few kilobytes. */
const MAX_BODY_BYTES = 1_000_000;

/** botbuilder's own AuthenticationError (401/403) and jsonwebtoken's errors for bad signatures, expiry, not-before. */
const AUTH_ERRORS = new Set(['AuthenticationError', 'JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);
function isAuthFailure(err: unknown): boolean {
  const e = err as { name?: string; statusCode?: number };
  return e.statusCode === 401 || e.statusCode === 403 || AUTH_ERRORS.has(e.name ?? '');
}

/**
 * POST /api/messages: reads and limits the body, refuses what is not an activity (400), hands
 * the activity and its Authorization header to botbuilder, and answers 401 when botbuilder's
 * JWT validation refuses it.
 */
export function activityRoute(run: (authHeader: string, activity: Activity) => Promise<InvokeResponse | undefined>, log: Logger) {
  return (req: HttpRequest, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const reply = (status: number, body?: unknown): void => {
      if (res.headersSent) return;
      if (body === undefined) res.writeHead(status).end();
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES && !refused) {
        refused = true;
        reply(413, { error: `request body over ${MAX_BODY_BYTES} bytes` });
        req.destroy();
      }
      if (!refused) chunks.push(c);
    });
    req.on('end', () => {
      if (refused) return;
      let activity: Activity;
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Activity;
      } catch {
        reply(400, { error: 'the body is not JSON: expected a Bot Framework activity' });
        return;
      }
      if (!activity || typeof activity !== 'object' || Array.isArray(activity) || typeof activity.type !== 'string' || !activity.type) {
        reply(400, { error: 'expected a Bot Framework activity with a "type"' });
        return;
      }
      const authHeader = String(req.headers.authorization ?? '');
      run(authHeader, activity)
        .then((invoke) => reply(invoke?.status ?? 200, invoke?.body))
        .catch((err: unknown) => {
          if (isAuthFailure(err)) {
            log.warn({ reason: (err as Error).message, from: req.socket.remoteAddress }, 'teams: request refused (authentication)');
            reply(401);
            return;
          }
          log.error({ err, type: activity.type }, 'teams: activity failed');
          reply(500);
        });
    });
    req.on('error', () => reply(400));
  };
}
