import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardProblems } from './validate-card.js';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity being replied to or updated, when the path names one. */
  activityId?: string;
  authorization?: string;
  body: Record<string, unknown>;
  /** The id the mock answered with (the sent activity's id). */
  responseId?: string;
}

export type Scripted = { status: number; headers?: Record<string, string>; body?: Record<string, unknown> };

/**
 * A loopback stand-in for the Bot Connector service: the bot's replies arrive at the activity's
 * serviceUrl (`/v3/conversations/{id}/activities[/{activityId}]`). Records every call; answers
 * can be scripted per conversation (e.g. 429 with Retry-After, 502, 403).
 */
export class MockConnector {
  readonly calls: ConnectorCall[] = [];
  /** Every Adaptive Card the bot sent, checked by the official adaptivecards package: what was wrong with which. */
  readonly invalidCards: Array<{ path: string; problems: string[] }> = [];
  /** Each team's channels, as `GET /v3/teams/{teamId}/conversations` lists them (TeamsInfo.getTeamChannels). */
  readonly teams = new Map<string, Array<{ id: string; name?: string }>>();
  /** The roster: `GET /v3/conversations/{id}/members/{userId}` (TeamsInfo.getMember) answers these people. */
  readonly people = new Map<string, { id: string; name: string }>();
  private readonly scripts = new Map<string, Scripted[]>();
  private server?: http.Server;
  private seq = 0;
  url = '';

  /** The next answers for a conversation, in order; after them, 200. */
  script(conversationId: string, ...answers: Scripted[]): void {
    this.scripts.set(conversationId, [...(this.scripts.get(conversationId) ?? []), ...answers]);
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        const raw = Buffer.concat(chunks).toString('utf8');
        const call: ConnectorCall = {
          method: req.method ?? '',
          path: req.url ?? '',
          conversationId: decodeURIComponent(m?.[1] ?? ''),
          ...(m?.[2] ? { activityId: decodeURIComponent(m[2]) } : {}),
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        };
        this.calls.push(call);
        for (const a of (call.body.attachments ?? []) as Array<{ contentType?: string; content?: unknown }>) {
          if (a.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
          const problems = cardProblems(a.content);
          if (problems.length) this.invalidCards.push({ path: call.path, problems });
        }
        const next = this.scripts.get(call.conversationId)?.shift();
        if (next && next.status >= 300) {
          res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(JSON.stringify(next.body ?? { error: { code: 'Scripted', message: `scripted ${next.status}` } }));
          return;
        }
        const teamChannels = /^\/v3\/teams\/([^/?]+)\/conversations/.exec(call.path);
        if (call.method === 'GET' && teamChannels) {
          const list = this.teams.get(decodeURIComponent(teamChannels[1]!));
          res.writeHead(list ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(list ? { conversations: list } : { error: { code: 'NotFound', message: 'team not found' } }));
          return;
        }
        const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(call.path);
        if (call.method === 'GET' && member) {
          const person = this.people.get(decodeURIComponent(member[1]!));
          res.writeHead(person ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(person ? { ...person, objectId: 'x' } : { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } }));
          return;
        }
        // POST /v3/conversations opens a conversation (a one-to-one chat): it answers with its id.
        if (call.method === 'POST' && /^\/v3\/conversations\/?$/.test(call.path)) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `a:created-${++this.seq}` }));
          return;
        }
        call.responseId = `activity-${++this.seq}`;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: call.responseId }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** Messages the bot sent (new messages and replies), oldest first. */
  messages(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.conversationId !== '' && (!conversationId || c.conversationId === conversationId));
  }

  /** Conversations the bot asked to open. */
  created(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && /^\/v3\/conversations\/?$/.test(c.path));
  }

  /** Stops the server; fails if any card the bot sent did not parse and validate cleanly. */
  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    if (this.invalidCards.length) throw new Error(`the bot sent ${this.invalidCards.length} invalid Adaptive Card(s): ${JSON.stringify(this.invalidCards.slice(0, 3))}`);
  }
}

/** Activities as Teams sends them. */
export const BOT = { id: '28:followup-bot', name: 'followup' };
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export function personalMessage(serviceUrl: string, text: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `msg-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:ana-id', name: 'Ana Lopez', aadObjectId: '00000000-0000-0000-0000-0000000000a1' },
    conversation: { conversationType: 'personal', tenantId: TENANT, id: 'a:personal-ana' },
    recipient: BOT,
    textFormat: 'plain',
    locale: 'en-US',
    text,
    entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Zurich' }],
    channelData: { tenant: { id: TENANT } },
    ...over,
  };
}

export function channelMention(serviceUrl: string, text: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: '1700000000001',
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:bob-id', name: 'Bob Smith', aadObjectId: '00000000-0000-0000-0000-0000000000b2' },
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: '19:migration@thread.tacv2;messageid=1700000000001', name: undefined },
    recipient: BOT,
    textFormat: 'plain',
    text: `<at>followup</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>followup</at>', mentioned: BOT }],
    channelData: { teamsChannelId: '19:migration@thread.tacv2', teamsTeamId: '19:team@thread.tacv2', channel: { id: '19:migration@thread.tacv2', name: 'Migration' }, team: { id: '19:team@thread.tacv2' }, tenant: { id: TENANT } },
    ...over,
  };
}

export async function postActivity(url: string, activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof activity === 'string' ? activity : JSON.stringify(activity) });
  return { status: res.status, body: await res.text() };
}
