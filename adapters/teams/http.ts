import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import type { Activity, InvokeResponse } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../../src/core/log.js';

/** Largest request body read; Teams activities are a few kilobytes. */
const MAX_BODY_BYTES = 1_000_000;

/** botbuilder's own AuthenticationError (401/403) and jsonwebtoken's errors for bad signatures, expiry, not-before. */
const AUTH_ERRORS = new Set(['AuthenticationError', 'JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);
function isAuthFailure(err: unknown): boolean {
  const e = err as { name?: string; statusCode?: number };
  return e.statusCode === 401 || e.statusCode === 403 || AUTH_ERRORS.has(e.name ?? '');
}

const isHttpUrl = (v: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};
const text = z.string().nullish();
const person = z.looseObject({ id: text, name: text });
/**
 * The fields of an activity the adapter and botbuilder rely on (optional ones may be null, as
 * some channels send them). Replies go to its serviceUrl, so one without it (botbuilder would
 * fall back to api.botframework.com) is refused.
 */
const activitySchema = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().refine(isHttpUrl, 'expected the http(s) address of the Bot Connector service that replies go to'),
  conversation: z.looseObject({ id: z.string().min(1), conversationType: text, tenantId: text, name: text }),
  from: person.nullish(),
  recipient: person.nullish(),
  text,
  replyToId: text,
  action: text,
  entities: z.array(z.looseObject({ type: text })).nullish(),
  membersAdded: z.array(person).nullish(),
  channelData: z.looseObject({}).nullish(),
});

/** The invokes the bot answers: Universal Actions (Action.Execute, card refresh) and the "Track as commitment" message action. */
const INVOKES = new Set(['adaptiveCard/action', 'composeExtension/fetchTask', 'composeExtension/submitAction']);

/** Why this is not an activity the bot takes (undefined when it is one). */
function refusal(value: unknown): string | undefined {
  const r = activitySchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return issue.path.length ? `not a Bot Framework activity: ${issue.path.join('.')}: ${issue.message}` : 'expected a Bot Framework activity with a "type"';
  }
  // botbuilder answers an invoke nobody handles with 501: refuse the ones this bot does not offer.
  if (r.data.type === 'invoke' && !INVOKES.has(String((value as { name?: unknown }).name))) return `this bot takes no "${String((value as { name?: unknown }).name).slice(0, 60)}" invoke activities`;
  return undefined;
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
      const problem = refusal(activity);
      if (problem) {
        reply(400, { error: problem });
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
