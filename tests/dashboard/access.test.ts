import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/serve.js';
import { silentLogger } from '../../src/core/log.js';
import { checkSession, COOKIE, isLoopback, SESSION_MS, sessionValue } from '../../src/dashboard/auth.js';
import { dashboardFor } from '../../src/dashboard/index.js';
import { engineApp, engineEnv } from '../engine.js';
import { run } from '../e2e/faults.js';
import { tempDir } from '../helpers.js';
import { startDashboardServer, visibleText, type DashboardServer } from './server.js';

const TOKEN = 'dash-token-0123456789abcdef';

function signIn(s: DashboardServer, token: string): Promise<Response> {
  return s.get('/signin', { method: 'POST', body: new URLSearchParams({ token }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('which addresses need the token', () => {
  it.each(['127.0.0.1', '127.0.0.2', '::1', 'localhost', '::ffff:127.0.0.1'])('%s is loopback', (h) => expect(isLoopback(h)).toBe(true));
  it.each(['0.0.0.0', '::', '192.0.2.2', '10.1.2.3', 'fd00::2', 'example.org', '127.evil.example'])('%s is not', (h) => expect(isLoopback(h)).toBe(false));

  it('off loopback without FOLLOWUP_DASHBOARD_TOKEN is a config error naming the variable', async () => {
    const app = await engineApp({ FOLLOWUP_DB: ':memory:' }, silentLogger);
    try {
      expect(() => dashboardFor(app, '0.0.0.0', silentLogger)).toThrow(/^FOLLOWUP_DASHBOARD_TOKEN: the dashboard would listen on 0\.0\.0\.0/);
      expect(dashboardFor(app, '127.0.0.1', silentLogger)).toBeTypeOf('function');
    } finally {
      await app.close();
    }
  });

  it('followup serve on 0.0.0.0 without the token exits 1 naming it; with FOLLOWUP_DASHBOARD=off it starts', async () => {
    const r = run(['serve'], { ...(await engineEnv()), FOLLOWUP_DB: path.join(tempDir(), 'd.db'), PORT: '0', HOST: '0.0.0.0' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/FOLLOWUP_DASHBOARD_TOKEN: the dashboard would listen on 0\.0\.0\.0/);
    const app = await engineApp({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '0.0.0.0', FOLLOWUP_DASHBOARD: 'off' }, silentLogger);
    const running = await serve(app, {}, silentLogger);
    try {
      expect((await fetch(`http://127.0.0.1:${running.address!.port}/`)).status).toBe(404);
    } finally {
      await running.stop();
      await app.close();
    }
  });

  it('a server really bound to 0.0.0.0 asks every client for the token, loopback clients too', async () => {
    const app = await engineApp({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '0.0.0.0', FOLLOWUP_DASHBOARD_TOKEN: TOKEN }, silentLogger);
    const running = await serve(app, {}, silentLogger);
    try {
      const r = await fetch(`http://127.0.0.1:${running.address!.port}/registry`);
      expect(r.status).toBe(401);
      expect(visibleText(await r.text())).toContain('Enter the dashboard token');
      expect((await fetch(`http://127.0.0.1:${running.address!.port}/healthz`)).status).toBe(200);
    } finally {
      await running.stop();
      await app.close();
    }
  });
});

describe('signing in (token required)', () => {
  let s: DashboardServer;
  beforeAll(async () => {
    s = await startDashboardServer({ token: TOKEN, requireToken: true });
  });
  afterAll(() => s.close());

  it('asks for the token, refuses a wrong one, and keeps the right one in a signed HttpOnly SameSite cookie', async () => {
    const first = await s.get('/');
    expect(first.status).toBe(401);
    expect(await first.text()).toContain('<form method="post" action="/signin">');
    const wrong = await signIn(s, 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(visibleText(await wrong.text())).toContain('That is not the dashboard token');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const right = await signIn(s, TOKEN);
    expect(right.status).toBe(303);
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${COOKIE}=\\d+\\.[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=`));
    const after = await s.get('/registry', { headers: { cookie: cookie.split(';')[0]! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('a forged or expired cookie gets the sign-in page again, saying why', async () => {
    const forged = await s.get('/', { headers: { cookie: `${COOKIE}=${sessionValue('another-token-0123456789', Date.now())}` } });
    expect(forged.status).toBe(401);
    expect(visibleText(await forged.text())).toContain('Your sign-in is not valid');
    const garbage = await s.get('/', { headers: { cookie: `${COOKIE}=<script>` } });
    expect(garbage.status).toBe(401);
    const expired = await s.get('/', { headers: { cookie: `${COOKIE}=${sessionValue(TOKEN, Date.now() - SESSION_MS - 1000)}` } });
    expect(expired.status).toBe(401);
    expect(visibleText(await expired.text())).toContain('Your sign-in has expired');
  });

  it('checkSession tells valid, expired, forged and none apart', () => {
    const now = Date.UTC(2014, 8, 1);
    const v = sessionValue(TOKEN, now);
    expect(checkSession(`a=b; ${COOKIE}=${v}`, TOKEN, now)).toBe('valid');
    expect(checkSession(`${COOKIE}=${v}`, TOKEN, now + SESSION_MS + 1)).toBe('expired');
    expect(checkSession(`${COOKIE}=${v}`, `${TOKEN}x`, now)).toBe('forged');
    expect(checkSession(`${COOKIE}=${v.replace(/^\d/, '9')}`, TOKEN, now)).toBe('forged');
    expect(checkSession('other=1', TOKEN, now)).toBe('none');
  });
});

describe('wrong tokens are rate-limited', () => {
  it('after 10 wrong tokens an address is refused (429), the right token included, until its window ends', async () => {
    const s = await startDashboardServer({ token: TOKEN, requireToken: true });
    try {
      for (let i = 0; i < 10; i++) expect((await signIn(s, `wrong-${i}`)).status).toBe(401);
      const blocked = await signIn(s, TOKEN);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(blocked.headers.get('set-cookie')).toBeNull();
    } finally {
      await s.close();
    }
  });
});

describe('npm start (the console chat) serves the dashboard beside the chat', () => {
  const db = path.join(tempDir(), 'chat.db');
  it('prints the dashboard’s address under the banner', async () => {
    const r = run([], { ...(await engineEnv()), FOLLOWUP_DB: db, PORT: '0' }, { input: 'exit\n' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^followup — .*\n.*\nDashboard: http:\/\/127\.0\.0\.1:\d+\/\n/);
  });

  let busy: http.Server;
  beforeAll(async () => {
    busy = http.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  it('says clearly when its port is taken, and which setting to change; the chat still answers', async () => {
    const port = (busy.address() as { port: number }).port;
    const r = run([], { ...(await engineEnv()), FOLLOWUP_DB: db, PORT: String(port) }, { input: 'agenda 7\nexit\n' });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Dashboard not started — PORT: ${port} is already in use on 127.0.0.1: stop the program that uses it, or set PORT to a free port (or FOLLOWUP_DASHBOARD=off to go without it).`);
    expect(r.out).toContain('Agenda point 7');
  });
});
