import { createHmac } from 'node:crypto';
import http from 'node:http';
import querystring from 'node:querystring';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MockSlack } from './mock-slack.js';
import { startSlackServer, type SlackServer } from './server.js';
import { form, post, SECRET, signature } from './signed.js';

let mock: MockSlack;
let url: string;
let port: number;
let server: SlackServer;

beforeAll(async () => {
  server = await startSlackServer();
  ({ mock, url, port } = server);
});
afterAll(() => server.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

/** The largest body /slack/events reads (see adapters/slack/receiver.ts and the README). */
const CAP = 512 * 1024;
const now = (): number => Math.floor(Date.now() / 1000);
const command = (text: string) => form({ team_id: 'T1', channel_id: 'C1', user_id: 'U1', user_name: 'ana', command: '/followup', text, response_url: mock.responseUrl('limits') });
const healthy = async (): Promise<boolean> => (await fetch(`${url}/healthz`)).status === 200;

/**
 * POSTs to /slack/events and resolves with the status as soon as the answer starts, whatever
 * happens to the rest of the upload (a server that stops reading may close on it).
 */
function rawPost(body: Buffer | string, headers: Record<string, string>, opts: { end: boolean }): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers });
    req.on('response', (res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      req.destroy();
    });
    req.on('error', (err) => reject(err)); // ignored once resolved
    req.flushHeaders();
    if (body.length) req.write(body);
    if (opts.end) req.end();
  });
}

/** Writes `bytes` of an unsigned body and never ends it: only a server that stops at its cap can answer. */
function unfinishedPost(bytes: number, headers: Record<string, string> = {}): Promise<{ status: number }> {
  return rawPost(Buffer.alloc(bytes, 0x79), { 'content-type': 'application/json', 'x-slack-request-timestamp': String(now()), 'x-slack-signature': 'v0=00', ...headers }, { end: false });
}

describe('/slack/events reads at most 512 KB', () => {
  it('a body that passes the cap gets 413 while it is still arriving (the rest is never read)', async () => {
    expect(await unfinishedPost(CAP + 64 * 1024)).toEqual({ status: 413 });
    expect(await healthy()).toBe(true);
  });

  it('a declared Content-Length over the cap gets 413 before any of the body is sent', async () => {
    expect(await unfinishedPost(0, { 'content-length': String(1024 * 1024) })).toEqual({ status: 413 });
  });

  it('a signed slash command under the cap gets the friendly "too long" answer; over the cap, 413', async () => {
    const under = await post(`${url}/slack/events`, command('x'.repeat(CAP - 1_000)));
    expect(under.status).toBe(200);
    expect((under.json() as { text: string }).text).toMatch(/^That message is 523,288 characters; I read at most 2,000\./);
    const body = command('x'.repeat(CAP + 1));
    const ts = now();
    const over = await rawPost(body, { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(body, ts) }, { end: true });
    expect(over.status).toBe(413);
  });
});

describe('signature and timestamp come before any parsing', () => {
  it('an unsigned body under the cap gets 401 and is never parsed', async () => {
    // Bolt (CommonJS) and the adapter both parse through these module objects, so the spies see every parse.
    const qs = vi.spyOn(querystring, 'parse');
    const json = vi.spyOn(JSON, 'parse');
    const marker = 'never-parse-me-7f3a';
    const formBody = `${command(marker)}&${'pad='.repeat(20_000)}`;
    const jsonBody = JSON.stringify({ type: 'event_callback', event: { type: 'app_mention', text: marker, channel: 'C1' }, pad: 'y'.repeat(200_000) });
    const headers = { 'x-slack-request-timestamp': String(now()), 'x-slack-signature': `v0=${'0'.repeat(64)}` };
    expect((await post(`${url}/slack/events`, formBody, { sign: false, headers })).status).toBe(401);
    expect((await post(`${url}/slack/events`, jsonBody, { json: true, sign: false, headers })).status).toBe(401);
    const parsedMarker = [...qs.mock.calls, ...json.mock.calls].filter((args) => typeof args[0] === 'string' && args[0].includes(marker));
    expect(parsedMarker).toHaveLength(0);
    expect(mock.posts()).toHaveLength(0);
  });

  it('a request correctly signed over the timestamp "Infinity", or over a fractional one, gets 401', async () => {
    const body = command('agenda');
    for (const ts of ['Infinity', `${now()}.5`, '1e9']) {
      const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      const r = await post(`${url}/slack/events`, body, { sign: false, headers: { 'x-slack-request-timestamp': ts, 'x-slack-signature': signature } });
      expect(r.status, `timestamp ${ts}`).toBe(401);
    }
  });
});

describe('malformed signed payloads get 400 and the server stays up', () => {
  it.each([
    ['JSON null', 'null', true],
    ['form payload=null', 'payload=null', false],
    ['an event_callback whose event is null', '{"type":"event_callback","event":null}', true],
    ['a JSON array', '[1,2]', true],
    ['a payload that is not JSON', 'payload=%7Bnope', false],
    ['a block_actions payload without actions', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, response_url: 'x' }))}`, false],
    ['a slash command from the team "toString" (Bolt keys its clients by team)', 'team_id=toString&channel_id=C1&user_id=U1&command=%2Ffollowup&text=agenda', false],
    ['a slash command whose text is given twice', 'team_id=T1&channel_id=C1&user_id=U1&command=%2Ffollowup&text=agenda&text=again', false],
  ])('%s', async (_name, body, json) => {
    const r = await post(`${url}/slack/events`, body, { json });
    expect(r.status).toBe(400);
    expect(await healthy()).toBe(true);
  });
});
