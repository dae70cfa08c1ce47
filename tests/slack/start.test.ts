import { spawnSync } from 'node:child_process';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/app.js';
import { startFailure } from '../../adapters/slack/start.js';
import { silentLogger } from '../../src/core/log.js';
import { engineDatabase } from '../engine.js';
import { CLI, ROOT, testBot } from '../helpers.js';
import { MockSlack } from './mock-slack.js';

let mock: MockSlack;
beforeAll(async () => {
  mock = await new MockSlack().start();
});
afterAll(async () => mock.stop());

const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
const UNREACHABLE = 'http://127.0.0.1:1/api/';

describe('a Slack start that cannot reach Slack says so, instead of blaming the token', () => {
  it('an unreachable SLACK_API_URL names SLACK_API_URL; exit 1, no stack', async () => {
    const database = engineDatabase(); // the server on the chosen engine (tests/engine.ts)
    const env = { ...baseEnv, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789', SLACK_API_URL: UNREACHABLE, PORT: '0', HOST: '127.0.0.1', FOLLOWUP_DB: ':memory:', ...(database ? { FOLLOWUP_DATABASE_URL: await database } : {}) };
    const r = spawnSync(process.execPath, [CLI], { cwd: ROOT, encoding: 'utf8', env, timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SLACK_API_URL: could not reach http:\/\/127\.0\.0\.1:1\/api\/ \(fetch failed\); expected the address of Slack's Web API/);
    expect(r.stderr).not.toMatch(/SLACK_BOT_TOKEN|refused it|\n\s+at /);
  });

  it('an address that answers, but not as Slack does, names SLACK_API_URL too', async () => {
    const notSlack = { status: 404, body: { not: 'slack' } };
    mock.script('auth.test', notSlack, notSlack, notSlack); // the first try and its two retries
    const adapter = createSlackAdapter(testBot().bot, { botToken: 'xoxb-test', signingSecret: '0123456789abcdef0', apiUrl: mock.apiUrl }, silentLogger);
    await expect(adapter.start()).rejects.toThrow(/^SLACK_API_URL: http:\/\/127\.0\.0\.1:\d+\/api\/ answered HTTP 404/);
  });

  it('without SLACK_API_URL, Slack itself could not be reached: the network is named, not the token', () => {
    const err = startFailure(new webApi.WebAPIRequestError(new Error('fetch failed')), 'SLACK_BOT_TOKEN', undefined);
    expect(err.code).toBe('config');
    expect(err.message).toMatch(/^Slack could not be reached at https:\/\/slack\.com\/api\/ \(fetch failed\): check this machine's network connection/);
    expect(err.message).not.toMatch(/SLACK_BOT_TOKEN/);
  });

  it('a token Slack refuses still names the token', () => {
    const err = startFailure(new webApi.WebAPIPlatformError({ ok: false, error: 'invalid_auth' }), 'SLACK_BOT_TOKEN', UNREACHABLE);
    expect(err.message).toBe("SLACK_BOT_TOKEN: Slack refused it (invalid_auth); expected the app's Bot User OAuth Token (xoxb-…).");
  });
});
