import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/log.js';
import type { Reply } from '../../src/core/reply.js';
import { engineApp } from '../engine.js';

async function ask(env: Record<string, string>, text: string): Promise<Reply> {
  const app = await engineApp({ FOLLOWUP_DB: ':memory:', FOLLOWUP_NOW: '2014-09-15T09:00:00Z', ...env }, silentLogger);
  return app.bot.handle({ text, platform: 'console', user: { id: 'ana' }, channel: { id: 'console' } }).finally(() => app.close());
}

describe('chat answers link to the dashboard when FOLLOWUP_PUBLIC_URL is set', () => {
  it('each item of an answer gets a Page field with its item page', async () => {
    const reply = await ask({ FOLLOWUP_PUBLIC_URL: 'https://followup.example.org/' }, 'what did KNOMAD commit to?');
    expect(reply.items?.length).toBeGreaterThan(0);
    for (const item of reply.items!) expect(item.fields).toContainEqual({ label: 'Page', value: `https://followup.example.org/items/${item.id}` });
  });

  it('without it, no Page field', async () => {
    const reply = await ask({}, 'what did KNOMAD commit to?');
    expect(reply.items?.length).toBeGreaterThan(0);
    for (const item of reply.items!) expect(item.fields.map((f) => f.label)).not.toContain('Page');
  });

  it('a bad FOLLOWUP_PUBLIC_URL is a config error naming it', () => {
    expect(() => loadConfig({ FOLLOWUP_PUBLIC_URL: 'followup.example.org' })).toThrow(/^FOLLOWUP_PUBLIC_URL: expected/);
  });
});
