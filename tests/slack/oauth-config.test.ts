import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadSlackConfig } from '../../adapters/slack/config.js';
import { BOT_SCOPES } from '../../adapters/slack/oauth.js';
import { StartupError } from '../../src/core/errors.js';
import { CLI, ROOT } from '../helpers.js';

const OAUTH = { SLACK_CLIENT_ID: '1234567890.1234567890', SLACK_CLIENT_SECRET: '0123456789abcdef0123456789abcdef', SLACK_STATE_SECRET: 'state-secret-0123456789abcdef', SLACK_SIGNING_SECRET: '0123456789abcdef0' };

function refusal(env: Record<string, string>): string {
  try {
    loadSlackConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(StartupError);
    return (e as Error).message;
  }
  throw new Error('the settings were accepted');
}

describe('the OAuth install flow settings (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)', () => {
  it('are read together, without a bot token: every workspace gets its own when it installs', () => {
    expect(loadSlackConfig(OAUTH)).toEqual({ oauth: { clientId: OAUTH.SLACK_CLIENT_ID, clientSecret: OAUTH.SLACK_CLIENT_SECRET, stateSecret: OAUTH.SLACK_STATE_SECRET }, signingSecret: OAUTH.SLACK_SIGNING_SECRET });
  });

  it('are all three or none: the message names the missing one', () => {
    expect(refusal({ ...OAUTH, SLACK_STATE_SECRET: '' })).toMatch(/^SLACK_STATE_SECRET: required with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET: the install flow needs all three/);
    const { SLACK_CLIENT_ID: _id, SLACK_CLIENT_SECRET: _secret, ...onlyState } = OAUTH;
    expect(refusal(onlyState)).toMatch(/^SLACK_CLIENT_ID: required with SLACK_STATE_SECRET: .*\(SLACK_CLIENT_ID, SLACK_CLIENT_SECRET are missing\)\.$/);
  });

  it('name the variable and what is expected for a bad value, never repeating a secret', () => {
    expect(refusal({ ...OAUTH, SLACK_CLIENT_ID: 'my-app' })).toMatch(/^SLACK_CLIENT_ID: expected the app's Client ID \(digits, a dot, digits/);
    expect(refusal({ ...OAUTH, SLACK_CLIENT_SECRET: 'short secret!' })).toMatch(/^SLACK_CLIENT_SECRET: expected the app's Client Secret/);
    const weak = refusal({ ...OAUTH, SLACK_STATE_SECRET: 'aaaaaaaaaaaaaaaaaaaa' });
    expect(weak).toMatch(/^SLACK_STATE_SECRET: expected a random secret/);
    expect(weak).not.toContain('aaaaaaaaaaaa');
    expect(refusal({ ...OAUTH, SLACK_STATE_SECRET: 'tooshort' })).toMatch(/^SLACK_STATE_SECRET: expected a random secret of at least 16 characters/);
  });

  it('are one way or the other: not with SLACK_BOT_TOKEN, not in Socket Mode, and never without the signing secret', () => {
    expect(refusal({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/^SLACK_BOT_TOKEN: not used with the install flow/);
    expect(refusal({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1' })).toMatch(/^SLACK_APP_TOKEN: the install flow .* runs in HTTP mode only/);
    expect(refusal({ ...OAUTH, SLACK_SIGNING_SECRET: '' })).toMatch(/^SLACK_SIGNING_SECRET: required in HTTP mode/);
    // The single-token mode of before is unchanged.
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '0123456789abcdef0' })).toEqual({ botToken: 'xoxb-1', signingSecret: '0123456789abcdef0' });
    expect(refusal({ SLACK_SIGNING_SECRET: '0123456789abcdef0' })).toMatch(/^SLACK_BOT_TOKEN: required when Slack is configured .* or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET/);
  });

  it('ask for the manifest’s bot scopes, and the manifest names the redirect URL', () => {
    const manifest = parse(readFileSync(path.join(ROOT, 'adapters/slack/manifest.yaml'), 'utf8')) as { oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] } };
    expect(BOT_SCOPES).toEqual(manifest.oauth_config.scopes.bot);
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://followup.example.org/slack/oauth_redirect']);
  });
});

describe('followup serve with an incomplete install-flow configuration', () => {
  it('exits 1 naming the missing variable, without a stack trace or a secret', () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '127.0.0.1', SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: OAUTH.SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET: OAUTH.SLACK_SIGNING_SECRET };
    const r = spawnSync(process.execPath, [CLI, 'serve'], { cwd: ROOT, encoding: 'utf8', env, timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SLACK_STATE_SECRET: required with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET/);
    expect(r.stderr).not.toMatch(/\n\s+at |0123456789abcdef0123456789abcdef/);
  });
});
