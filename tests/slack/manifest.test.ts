import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { NEW_SHORTCUT, TRACK_SHORTCUT } from '../../adapters/slack/interactions.js';
import { ROOT } from '../helpers.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string; url: string }>; app_home: { home_tab_enabled: boolean }; shortcuts: Array<{ name: string; type: string; callback_id: string; description: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url: string } };
}

/**
 * The bot scopes each Web API method needs, from Slack's method reference ("Required scopes",
 * bot tokens). A method the code calls that is missing here fails the test: look it up and add it.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.getPermalink': [],
  'views.publish': [],
  'views.open': [],
  'conversations.open': ['im:write'],
  // conversations.history in a public channel, a private one, a DM and a group DM (the outbox's resend check).
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  // conversations.info for public and private channels (names: DMs are never looked up).
  'conversations.info': ['channels:read', 'groups:read'],
  'users.info': ['users:read'],
};
const EVENT_SCOPES: Record<string, string[]> = { app_mention: ['app_mentions:read'], 'message.im': ['im:history'], app_home_opened: [], app_uninstalled: [], tokens_revoked: [] };

/** The Web API methods adapters/slack calls (`client.chat.postMessage(`, `this.client.conversations.open(`). */
function calledMethods(): string[] {
  const dir = path.join(ROOT, 'adapters/slack');
  const found = new Set<string>(['auth.test']); // app.init() calls it
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/\bclient\.(auth|chat|views|conversations|users|reactions|files|team|usergroups)\.([a-zA-Z]+)\(/g)) found.add(`${m[1]}.${m[2]}`);
  }
  return [...found].sort();
}

describe('the Slack app manifest', () => {
  const m = parse(readFileSync(path.join(ROOT, 'adapters/slack/manifest.yaml'), 'utf8')) as Manifest;
  it('declares what the adapter listens to, at /slack/events: the command, the events, the shortcuts, interactivity and type-ahead', () => {
    expect(m.features.slash_commands[0]!.command).toBe('/followup');
    expect(m.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'app_uninstalled', 'message.im', 'tokens_revoked']);
    const urls = [m.features.slash_commands[0]!.url, m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url, m.settings.interactivity.message_menu_options_url];
    for (const u of urls) expect(u).toMatch(/\/slack\/events$/);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.features.shortcuts.map((s) => [s.type, s.callback_id])).toEqual([
      ['message', TRACK_SHORTCUT],
      ['global', NEW_SHORTCUT],
    ]);
    // Slack's limits: a shortcut's name 1-24 characters (we keep it short), description up to 150.
    for (const s of m.features.shortcuts) {
      expect(s.name.length).toBeLessThanOrEqual(24);
      expect(s.description.length).toBeLessThanOrEqual(150);
    }
  });

  it('asks for exactly the scopes the code uses: each is needed by a Web API call, an event or a feature', () => {
    const methods = calledMethods();
    const unknown = methods.filter((x) => !(x in METHOD_SCOPES));
    expect(unknown, 'methods whose scopes this test does not know').toEqual([]);
    expect(methods).toEqual(expect.arrayContaining(['chat.postMessage', 'views.publish', 'views.open', 'conversations.history', 'conversations.info', 'users.info']));
    const needed = new Set([...methods.flatMap((x) => METHOD_SCOPES[x]!), ...m.settings.event_subscriptions.bot_events.flatMap((e) => EVENT_SCOPES[e] ?? [`unknown event ${e}`]), 'commands']);
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
