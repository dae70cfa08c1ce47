import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPResponseAck, type App as BoltApp, type Receiver } from '@slack/bolt';
import type { InstallProvider } from '@slack/oauth';
import type { Logger } from '../../src/core/log.js';
import { isSslCheck, mediaType, readPayload } from './payload.js';
import { isSignedBySlack, readCapped } from './request.js';

/**
 * The largest body /slack/events reads. Slack's own requests are far smaller: a message holds at
 * most 40,000 characters and 50 blocks, and the largest request this app receives (a button
 * click, which carries the message it was in) stays well under it, even percent-encoded.
 */
export const MAX_BODY_BYTES = 512 * 1024;

/**
 * HTTP mode's receiver: POST /slack/events on the bot's own server. In order: the body is read up
 * to MAX_BODY_BYTES (413 past it, the rest never read); the signature and timestamp are checked
 * (401) before anything is parsed; the payload is read and checked (400), and only a well-formed
 * command, event or button click reaches Bolt's listeners.
 */
export class SlackHttpReceiver implements Receiver {
  private app: BoltApp | undefined;

  constructor(
    private readonly signingSecret: string,
    private readonly log: Logger,
    /** How long a listener may take to ack before Slack is answered 404 (Slack waits 3 s). */
    private readonly ackTimeoutMs = 3_001,
    /** The OAuth install flow's provider: Bolt takes its `authorize` (each workspace's own token) from here. */
    readonly installer?: InstallProvider,
  ) {}

  init(app: BoltApp): void {
    this.app = app;
  }

  /** Nothing to start or stop: the bot's HTTP server serves `route`. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  readonly route = (req: HttpRequest, res: ServerResponse): void => {
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
      tooLarge(res);
      return;
    }
    readCapped(req, MAX_BODY_BYTES)
      .then(
        (raw) => (raw ? this.receive(req, res, raw) : tooLarge(res)),
        () => answer(res, 400), // the connection failed mid-body
      )
      .catch((err: unknown) => {
        this.log.error({ err }, 'slack: request failed');
        answer(res, 500);
      });
  };

  private receive(req: HttpRequest, res: ServerResponse, raw: Buffer): void {
    const text = raw.toString('utf8');
    const type = mediaType(req.headers['content-type']);
    if (isSslCheck(type, text)) return answer(res, 200);
    if (!isSignedBySlack(req.headers, text, this.signingSecret, Date.now())) {
      this.log.debug({ from: req.socket.remoteAddress }, 'slack: request refused (signature or timestamp)');
      return answer(res, 401);
    }
    const payload = readPayload(type, text);
    switch (payload.kind) {
      case 'bad':
        this.log.warn({ reason: payload.reason }, 'slack: malformed payload refused');
        return answer(res, payload.status, { error: payload.reason });
      case 'ignored':
        this.log.debug({ type: payload.type }, 'slack: payload of a kind this app does not serve');
        return answer(res, 200);
      case 'challenge':
        return answer(res, 200, { challenge: payload.challenge });
      case 'bolt':
        return this.dispatch(req, res, raw, payload.body);
    }
  }

  /** Hands a checked body to Bolt's listeners; the first ack() answers the request. */
  private dispatch(req: HttpRequest, res: ServerResponse, raw: Buffer, body: Record<string, unknown>): void {
    const app = this.app;
    if (!app) return answer(res, 503);
    // Bolt writes string acks without a content type; ours are JSON (see the command listener).
    res.setHeader('content-type', 'application/json; charset=utf-8');
    const ack = new HTTPResponseAck({
      logger: app.logger,
      processBeforeResponse: false,
      unhandledRequestTimeoutMillis: this.ackTimeoutMs,
      httpRequest: Object.assign(req, { rawBody: raw }),
      httpRequestBody: body,
      httpResponse: res,
    });
    const retryNum = HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req);
    const retryReason = HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req);
    app
      .processEvent({ body, ack: ack.bind(), ...(retryNum !== undefined ? { retryNum } : {}), ...(retryReason !== undefined ? { retryReason } : {}) })
      .catch((err: unknown) => {
        this.log.error({ err }, 'slack: event failed before it was acknowledged');
        ack.ack();
        answer(res, 500);
      });
  }
}

function answer(res: ServerResponse, status: number, body?: Record<string, unknown>): void {
  if (res.headersSent) return;
  if (body === undefined) res.writeHead(status).end();
  else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** 413, and the connection closes: what is left of the body is never read. */
function tooLarge(res: ServerResponse): void {
  if (res.headersSent) return;
  res.writeHead(413, { connection: 'close', 'content-type': 'application/json' }).end(JSON.stringify({ error: `request body over ${MAX_BODY_BYTES} bytes` }));
}
