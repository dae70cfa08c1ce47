import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.js';
import { ROOT } from '../helpers.js';

describe('the Slack app manifest', () => {
  const m = parse(readFileSync(path.join(ROOT, 'adapters/slack/manifest.yaml'), 'utf8')) as {
    features: { slash_commands: Array<{ command: string; url: string }>; app_home: { home_tab_enabled: boolean } };
    oauth_config: { scopes: { bot: string[] } };
    settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string } };
  };
  it('declares what the adapter listens to, at /slack/events', () => {
    expect(m.features.slash_commands[0]!.command).toBe('/followup');
    expect(m.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    for (const u of [m.features.slash_commands[0]!.url, m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url]) expect(u).toMatch(/\/slack\/events$/);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
  });
  it('asks for the scopes the adapter uses', () => {
    for (const s of ['app_mentions:read', 'chat:write', 'commands', 'im:history']) expect(m.oauth_config.scopes.bot).toContain(s);
    expect(COMMANDS.length).toBeGreaterThan(0);
  });
});
