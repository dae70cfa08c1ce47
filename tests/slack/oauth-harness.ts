import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/app.js';
import { BOT_SCOPES } from '../../adapters/slack/oauth.js';
import type { Logger } from '../../src/core/log.js';
import type { IncomingMessage } from '../../src/core/message.js';
import { createHttpServer, listen, type Route } from '../../src/http/server.js';
import type { SlackStore } from '../../src/store/slack-contract.js';
import { testBot } from '../helpers.js';
import type { MockSlack, Scripted } from './mock-slack.js';
import { SECRET } from './signed.js';

export const OAUTH = { clientId: '1234567890.1234567890', clientSecret: '0123456789abcdef0123456789abcdef', stateSecret: 'state-secret-0123456789abcdef' };

/** A logger whose lines a test can wait for (a barrier on what the code says it is doing). */
export function recordingLogger(): { log: Logger; lines: string[]; until(pattern: RegExp): Promise<string> } {
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      for (const w of [...waiters]) w();
      done();
    },
  });
  const until = (pattern: RegExp) =>
    new Promise<string>((resolve) => {
      const check = () => {
        const hit = lines.find((l) => pattern.test(l));
        if (hit === undefined) return;
        waiters.delete(check);
        resolve(hit);
      };
      waiters.add(check);
      check();
    });
  return { log: pino({ level: 'debug' }, stream), lines, until };
}

export interface Instance {
  url: string;
  adapter: SlackAdapter;
  /** The team of every message that reached this instance's bot. */
  teams: Array<string | undefined>;
  stop(): Promise<void>;
}

/**
 * One "instance": a bot, its Slack adapter in OAuth mode with `store` (a database that other
 * instances share), on its own loopback HTTP server with the adapter's routes — Bolt for real.
 */
export async function oauthInstance(mock: MockSlack, store: SlackStore, log: Logger = pino({ level: 'silent' })): Promise<Instance> {
  const { bot, db } = testBot();
  const teams: Array<string | undefined> = [];
  const handle = bot.handle.bind(bot);
  bot.handle = (m: IncomingMessage) => {
    teams.push(m.team);
    return handle(m);
  };
  const adapter = createSlackAdapter(bot, { oauth: OAUTH, signingSecret: SECRET, apiUrl: mock.apiUrl }, log, { store });
  const routes: Route[] = [{ method: 'POST', path: '/slack/events', handler: adapter.route! }, ...(adapter.installRoutes ?? []).map((r) => ({ method: 'GET', ...r }))];
  const server = createHttpServer(routes, log);
  const address = await listen(server, 0, '127.0.0.1');
  await adapter.start();
  return {
    url: `http://127.0.0.1:${address.port}`,
    adapter,
    teams,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await adapter.stop();
      db.close();
    },
  };
}

/** What oauth.v2.access answers for a code: a workspace install (or org-wide, with `enterprise`), optionally with rotating tokens. */
export function grant(o: { team?: string; enterprise?: string; token: string; refresh?: string; expiresIn?: number }): Scripted {
  return {
    body: {
      ok: true,
      app_id: 'A0FOLLOWUP',
      authed_user: { id: 'U1' },
      scope: BOT_SCOPES.join(','),
      token_type: 'bot',
      access_token: o.token,
      bot_user_id: 'UBOT',
      team: o.team ? { id: o.team, name: `Workspace ${o.team}` } : null,
      enterprise: o.enterprise ? { id: o.enterprise, name: 'United Nations' } : null,
      is_enterprise_install: Boolean(o.enterprise && !o.team),
      ...(o.refresh ? { refresh_token: o.refresh, expires_in: o.expiresIn ?? 43_200 } : {}),
    },
  };
}

/** The install flow as a browser runs it: GET /slack/install (state cookie, Slack link), then Slack's redirect back with a code. */
export async function install(instance: { url: string }, code: string, redirectTo: { url: string } = instance): Promise<{ status: number; text: string; state: string; link: URL }> {
  const page = await fetch(`${instance.url}/slack/install`);
  const cookie = /slack-app-oauth-state=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1];
  const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize\?[^"]+)"/.exec(await page.text())?.[1];
  if (!cookie || !href) throw new Error(`no install link on the install page (status ${page.status})`);
  const link = new URL(href.replaceAll('&amp;', '&'));
  const state = link.searchParams.get('state')!;
  const back = await redirect(redirectTo, code, state, cookie);
  return { ...back, state, link };
}

/** Slack's redirect to /slack/oauth_redirect, with the browser's state cookie. */
export async function redirect(instance: { url: string }, code: string, state: string, cookie = state): Promise<{ status: number; text: string }> {
  const r = await fetch(`${instance.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { headers: { cookie: `slack-app-oauth-state=${cookie}` } });
  return { status: r.status, text: await r.text() };
}

/** An app_mention event of a workspace (or of a workspace under an org-wide install). */
export function mention(id: string, o: { team: string; enterprise?: string; channel?: string; text?: string; ts?: string }): string {
  const org = o.enterprise ? { enterprise_id: o.enterprise, is_enterprise_install: true, authorizations: [{ enterprise_id: o.enterprise, team_id: null, user_id: 'UBOT', is_bot: true, is_enterprise_install: true }] } : {};
  return JSON.stringify({
    token: 'x', team_id: o.team, api_app_id: 'A0FOLLOWUP', type: 'event_callback', event_id: id, event_time: 1, ...org,
    event: { type: 'app_mention', user: 'U1', text: `<@UBOT> ${o.text ?? 'agenda 7'}`, ts: o.ts ?? '1.1', channel: o.channel ?? 'C1', event_ts: o.ts ?? '1.1' },
  });
}
