import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { serve, type Running } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/log.js';
import { tempDir } from '../helpers.js';
import { freshDatabase } from '../pg/db.js';
import { MockConnector, personalMessage, postActivity, type ConnectorCall } from './mock-connector.js';

/**
 * Two instances of the bot on one database, as behind a load balancer: what one Teams instance
 * sent (the card, the conversation's address) is what the other works with.
 */
type Card = { body: unknown[] };
const cardOf = (call: ConnectorCall): Card => (call.body.attachments as Array<{ content: Card }>)[0]!.content;

/** Two instances: on SQLite, one shared file; on PostgreSQL, one database and each instance its own FOLLOWUP_DB file. */
const SHARED: Array<{ name: string; env(): Promise<Array<Record<string, string>>> }> = [
  { name: 'one SQLite file', env: async () => { const file = path.join(tempDir(), 'shared.db'); return [{ FOLLOWUP_DB: file }, { FOLLOWUP_DB: file }]; } },
  { name: 'PostgreSQL', env: async () => { const url = await freshDatabase('teams2'); const dir = tempDir(); return [{ FOLLOWUP_DB: path.join(dir, 'a.db'), FOLLOWUP_DATABASE_URL: url }, { FOLLOWUP_DB: path.join(dir, 'b.db'), FOLLOWUP_DATABASE_URL: url }]; } },
];

describe.each(SHARED)('Teams on two instances sharing $name', (shared) => {
  let connector: MockConnector;
  const servers: Array<{ app: App; running: Running; url: string }> = [];
  beforeAll(async () => {
    connector = await new MockConnector().start();
    for (const env of await shared.env()) {
      const app = await openApp(loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1', FOLLOWUP_NOW: '2014-06-15T09:00:00Z' }), silentLogger);
      const running = await serve(app, { teams: { appId: '', appPassword: '', appType: 'MultiTenant', emulator: true } }, silentLogger);
      servers.push({ app, running, url: `http://127.0.0.1:${running.address!.port}` });
    }
  });
  afterAll(async () => {
    for (const s of servers.splice(0)) {
      await s.running.stop();
      await s.app.close();
    }
    await connector.stop();
  });

  it('a Mark done click that lands on the other instance still updates the card in place (the card is kept in the database)', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const before = connector.calls.length;
    expect((await postActivity(a.url, personalMessage(connector.url, 'ces-plenary-migration-statistics'))).status).toBe(200);
    const first = connector.calls.slice(before).at(-1)!;
    expect(JSON.stringify(cardOf(first))).toContain('done ces-plenary-migration-statistics');
    const mid = connector.calls.length;
    // An Action.Submit click (no source command to rebuild from): only the remembered card can be updated.
    const click = personalMessage(connector.url, '', { text: undefined, replyToId: first.responseId, value: { followup: 'run', command: 'done ces-plenary-migration-statistics', action: 'done' } });
    expect((await postActivity(b.url, click)).status).toBe(200);
    const update = connector.calls.slice(mid).find((c) => c.method === 'PUT');
    expect(update, 'the card is updated in place by the other instance').toBeDefined();
    expect(JSON.stringify(cardOf(update!))).toMatch(/Done/);
  });
});
