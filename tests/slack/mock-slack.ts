import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageProblems, viewProblems } from './block-rules.js';
import { MockSocket } from './mock-socket.js';

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  /** The Authorization header (the token the call was made with). */
  authorization?: string;
}

export type Scripted = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };

/**
 * A loopback stand-in for Slack's Web API and response_url endpoints. It records every call and
 * answers ok, unless a test scripts answers for a method (429 with Retry-After, platform errors).
 * apps.connections.open hands out its own Socket Mode URL (`socket`).
 */
export class MockSlack {
  calls: RecordedCall[] = [];
  readonly socket = new MockSocket();
  responses: Array<{ path: string; body: Record<string, unknown> }> = [];
  private scripts = new Map<string, Scripted[]>();
  private waiters = new Set<() => void>();
  /** Every payload that broke a Block Kit rule (tests/slack/block-rules.ts), with why: stop() fails when there is one. */
  problems: Array<{ where: string; problems: string[] }> = [];

  private check(where: string, problems: string[]): void {
    if (problems.length) this.problems.push({ where, problems });
  }
  private server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += String(c)));
    req.on('end', () => {
      const body = parseBody(raw, String(req.headers['content-type'] ?? ''));
      const path = (req.url ?? '').split('?')[0]!;
      if (path.startsWith('/respond/')) {
        this.check(path, messageProblems(body));
        this.responses.push({ path, body });
        for (const w of [...this.waiters]) w();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      this.calls.push({ method, body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      for (const w of [...this.waiters]) w();
      const problems = PAYLOADS[method]?.(body) ?? [];
      this.check(method, problems);
      const scripted = this.scripts.get(method)?.shift();
      const responder = this.responders.get(method);
      // Slack refuses a payload that breaks Block Kit's rules.
      const answered: Promise<Scripted> | Scripted = problems.length
        ? { body: { ok: false, error: 'invalid_blocks', errors: problems } }
        : (scripted ?? (responder ? responder(body) : { body: this.defaultAnswer(method, body) }));
      void Promise.resolve(answered).then((answer) => res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...(answer.headers ?? {}) }).end(JSON.stringify(answer.body)));
    });
  }).on('upgrade', (req, socket) => this.socket.upgrade(req, socket));
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** What conversations.info and users.info know: channel and people names by id (others are not found). */
  names: Record<string, string> = { C1: 'migration', C2: 'gfmd-team', G1: 'secretariat', U1: 'Ana Ruiz', U7: 'Bob Lee' };

  private defaultAnswer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    if (method === 'conversations.info') {
      const id = String(body.channel);
      return this.names[id] ? { ok: true, channel: { id, name: this.names[id], is_channel: true } } : { ok: false, error: 'channel_not_found' };
    }
    if (method === 'chat.getPermalink') return { ok: true, channel: body.channel, permalink: `https://un.slack.com/archives/${String(body.channel)}/p${String(body.message_ts).replace('.', '')}` };
    if (method === 'users.info') {
      const id = String(body.user);
      return this.names[id] ? { ok: true, user: { id, name: id.toLowerCase(), real_name: this.names[id], profile: { display_name: this.names[id] } } } : { ok: false, error: 'user_not_found' };
    }
    if (method === 'auth.test') return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
    if (method === 'apps.connections.open') return { ok: true, url: `ws://127.0.0.1:${this.port}/link/` };
    return { ok: true, channel: body.channel, ts: '1.0' };
  }

  /**
   * The first Web API call at index `from` or later that matches, as soon as it is recorded (no
   * polling, no sleeping): a barrier a test can await. Rejects after `ms` with what was seen.
   */
  call(match: (c: RecordedCall) => boolean, from = 0, ms = 5_000): Promise<RecordedCall> {
    return this.until(() => this.calls.slice(from).find(match), ms, () => this.calls.slice(from).map((c) => c.method).join(', '));
  }

  /** The first response_url post to `/respond/<id>`, as soon as it arrives. */
  response(id: string, ms = 5_000): Promise<{ path: string; body: Record<string, unknown> }> {
    return this.until(() => this.responses.find((r) => r.path === `/respond/${id}`), ms, () => this.responses.map((r) => r.path).join(', '));
  }

  private until<T>(probe: () => T | undefined, ms: number, seen: () => string): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`mock Slack: nothing matching arrived within ${ms} ms (seen: ${seen() || 'nothing'})`));
      }, ms);
      this.waiters.add(check);
    });
  }

  script(method: string, ...answers: Scripted[]): void {
    this.scripts.set(method, answers);
  }

  private responders = new Map<string, (body: Record<string, unknown>) => Promise<Scripted> | Scripted>();

  /** Answers every call of `method` with `fn` (after any scripted answers): it may hold the answer back until a test lets it go. */
  respond(method: string, fn: (body: Record<string, unknown>) => Promise<Scripted> | Scripted): void {
    this.responders.set(method, fn);
  }

  posts(): RecordedCall[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage');
  }

  async stop(): Promise<void> {
    if (this.problems.length) throw new Error(`payloads that break Block Kit's rules: ${JSON.stringify(this.problems, null, 1)}`);
    this.socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** The Web API calls whose payloads are checked, and how. */
const PAYLOADS: Record<string, (body: Record<string, unknown>) => string[]> = {
  'chat.postMessage': messageProblems,
  'chat.postEphemeral': messageProblems,
  'chat.update': messageProblems,
  'views.open': (b) => viewProblems(b.view),
  'views.publish': (b) => viewProblems(b.view),
  'views.update': (b) => viewProblems(b.view),
  'views.push': (b) => viewProblems(b.view),
};

function parseBody(raw: string, type: string): Record<string, unknown> {
  if (!raw) return {};
  if (type.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}
