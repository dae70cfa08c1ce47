import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/log.js';
import { dashboardFor } from '../../src/dashboard/index.js';
import { createHttpServer, listen } from '../../src/http/server.js';
import { tempDir } from '../helpers.js';
import { visibleText } from '../dashboard/server.js';
import { freshDatabase } from './db.js';

const apps: App[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

describe('the dashboard with reminders on PostgreSQL', () => {
  it('an item page lists the reminders about it from the shared database, not from the instance’s own file', async () => {
    const url = await freshDatabase('dash');
    const app = await openApp(loadConfig({ FOLLOWUP_DB: path.join(tempDir(), 'local.db'), FOLLOWUP_DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', FOLLOWUP_NOW: '2014-09-15T09:00:00Z' }), silentLogger);
    apps.push(app);
    const id = 'knomad-recruitment-costs';
    const r = await app.bot.handle({ text: `remind me tomorrow at 9am about ${id}`, platform: 'slack', team: 'T1', user: { id: 'U1', name: 'ana' }, channel: { id: 'C1' } });
    expect(r.title).toMatch(/I'll remind you/);
    expect(app.db.prepare('SELECT count(*) FROM subscriptions').pluck().get()).toBe(0);
    const [sub] = await app.schedules.subscriptionsAbout(id);
    expect(sub?.topic).toMatchObject({ kind: 'item', query: id });
    const server = createHttpServer([], silentLogger, () => ({}), { fallback: dashboardFor(app, '127.0.0.1', silentLogger)! });
    const address: AddressInfo = await listen(server, 0, '127.0.0.1');
    try {
      const body = visibleText(await (await fetch(`http://127.0.0.1:${address.port}/items/${id}`)).text());
      expect(body).toContain(`#${sub!.id} · reminder active`);
    } finally {
      await new Promise<void>((res) => server.close(() => res()));
    }
  });
});
