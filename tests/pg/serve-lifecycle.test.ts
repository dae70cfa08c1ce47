import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { expectSystemFault, run } from '../e2e/faults.js';
import { tempDir } from '../helpers.js';
import { MockSlack } from '../slack/mock-slack.js';
import { SECRET, signature } from '../slack/signed.js';
import { clusterUrl, freshDatabase } from './db.js';
import { startServe, type ServeProcess } from './serve-process.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { PG_MIGRATIONS } from '../../src/store/pg/migrations/index.js';

const LITE = MIGRATIONS.at(-1)!.version;
const PG = PG_MIGRATIONS.at(-1)!.version;

const started: ServeProcess[] = [];
afterEach(() => {
  for (const s of started.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
});
async function serve(env: Record<string, string>): Promise<ServeProcess> {
  const s = await startServe(env);
  started.push(s);
  return s;
}

async function get(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = clusterUrl()): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

// Real processes start in seconds on a busy machine: these tests get room (no timing is asserted).
describe('followup serve: /healthz, /readyz', { timeout: 60_000 }, () => {
  it('on SQLite: alive, and ready with its migrations current', async () => {
    const s = await serve({ FOLLOWUP_DB: path.join(tempDir(), 'f.db') });
    expect(await get(`${s.url}/healthz`)).toEqual({ status: 200, body: { ok: true, platforms: [] } });
    expect(await get(`${s.url}/readyz`)).toEqual({ status: 200, body: { ok: true, engine: 'sqlite', schema: LITE } });
    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    await s.logged(/^stopped$/);
  });

  it('on PostgreSQL: migrates at start, ready while the database is reachable and current, 503 while it is not, ready again after', async () => {
    const url = await freshDatabase('serve');
    const db = new URL(url).pathname.slice(1);
    const s = await serve({ FOLLOWUP_DB: path.join(tempDir(), 'f.db'), FOLLOWUP_DATABASE_URL: url });
    expect(await s.logged(/^database migrated$/)).toMatchObject({ from: 0, to: PG });
    expect(String((await s.logged(/^FOLLOWUP_DATABASE_URL: /)).msg)).toMatch(/every instance shares the data on PostgreSQL \(reminders, .*follow-up status.*\); this instance answers from its copy in memory, kept up to date from the shared log \(FOLLOWUP_DB is not used\)$/);
    expect(await get(`${s.url}/readyz`)).toEqual({ status: 200, body: { ok: true, engine: 'postgres', schema: PG, expected: PG } });

    await admin((c) => c.query("INSERT INTO followup_schema_migrations (version, name) VALUES ($1, 'newer')", [PG + 1]), url);
    expect(await get(`${s.url}/readyz`)).toMatchObject({ status: 503, body: { ok: false, schema: PG + 1, expected: PG, reason: "database schema is not this version's" } });
    await admin((c) => c.query('DELETE FROM followup_schema_migrations WHERE version = $1', [PG + 1]), url);
    expect((await get(`${s.url}/readyz`)).status).toBe(200);

    // The database goes away (its connections cut, its name gone), then comes back.
    await admin(async (c) => {
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [db]);
      await c.query(`ALTER DATABASE ${db} RENAME TO ${db}_away`);
    });
    expect(await get(`${s.url}/readyz`)).toEqual({ status: 503, body: { ok: false, engine: 'postgres', reason: 'database unreachable' } });
    expect((await get(`${s.url}/healthz`)).status).toBe(200);
    await admin((c) => c.query(`ALTER DATABASE ${db}_away RENAME TO ${db}`));
    expect((await get(`${s.url}/readyz`)).status).toBe(200);
    s.child.kill('SIGTERM');
    expect((await s.exited).code).toBe(0);
  });

  it('will not start when PostgreSQL is down, naming FOLLOWUP_DATABASE_URL (no stack trace)', () => {
    const url = `postgres://postgres@localhost:5432/followup?host=${encodeURIComponent(path.join(tempDir(), 'no-server'))}`;
    expectSystemFault(run(['serve'], { FOLLOWUP_DB: path.join(tempDir(), 'f.db'), FOLLOWUP_DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1' }), /^followup: FOLLOWUP_DATABASE_URL: cannot reach the PostgreSQL server at the socket in \S+no-server \(port 5432\) \(ENOENT\)/m);
  });
});

/** A Slack request sent in two parts: the headers (answered "100 Continue" once the server has the request), then its body. */
async function openSlackRequest(port: number): Promise<{ finish(): Promise<string>; closed: Promise<void> }> {
  const body = JSON.stringify({ type: 'url_verification', challenge: 'still-answered', token: 'x' });
  const ts = Math.floor(Date.now() / 1000);
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  const continued = new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk) => {
      received += String(chunk);
      if (received.includes('100 Continue')) resolve();
    });
    socket.once('error', reject);
  });
  socket.write(
    `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Slack-Request-Timestamp: ${ts}\r\nX-Slack-Signature: ${signature(body, ts)}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await continued;
  return {
    closed,
    finish: async () => {
      socket.end(body);
      await closed;
      return received;
    },
  };
}

describe('followup serve on SIGTERM', { timeout: 60_000 }, () => {
  const mocks: MockSlack[] = [];
  afterEach(async () => {
    await Promise.all(mocks.splice(0).map((m) => m.stop()));
  });
  async function slackServe(): Promise<ServeProcess> {
    const mock = await new MockSlack().start();
    mocks.push(mock);
    return serve({ FOLLOWUP_DB: path.join(tempDir(), 'f.db'), SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: mock.apiUrl });
  }

  it('takes no new connection, answers the request in flight, and exits 0', async () => {
    const s = await slackServe();
    const inFlight = await openSlackRequest(s.port);
    s.child.kill('SIGTERM');
    await s.logged(/^shutting down: taking no new work/);
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    const answer = await inFlight.finish();
    expect(answer).toMatch(/HTTP\/1\.1 200 OK[\s\S]*"challenge":"still-answered"/);
    expect(await s.exited).toEqual({ code: 0, signal: null });
    await s.logged(/^stopped$/);
  });

  it('exits anyway when a request is still in flight at the deadline (under 10 s)', async () => {
    const s = await slackServe();
    const stuck = await openSlackRequest(s.port);
    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 1, signal: null });
    expect(await s.logged(/^shutting down: work still in flight after the deadline, exiting anyway/)).toMatchObject({ afterMs: 9000 });
    await stuck.closed;
  });
});
