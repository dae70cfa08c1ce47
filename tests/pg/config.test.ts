import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { StartupError } from '../../src/core/errors.js';

function refusal(env: Record<string, string>): StartupError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof StartupError) return err;
    throw err;
  }
  throw new Error('expected a configuration error');
}

describe('FOLLOWUP_DATABASE_URL', () => {
  it('takes postgres:// and postgresql:// URLs, TCP or a Unix socket folder', () => {
    for (const url of ['postgres://followup:pw@db.example.org:5432/followup', 'postgresql://db/followup', 'postgres://postgres@localhost:5432/f?host=%2Ftmp%2Fpg']) {
      expect(loadConfig({ FOLLOWUP_DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    expect(loadConfig({}).databaseUrl).toBeUndefined();
  });

  it('refuses anything else, naming the variable and what is expected, never the value', () => {
    for (const bad of ['mysql://root:hunter2@db/x', 'hunter2', 'postgres://', 'http://db.example.org/followup']) {
      const err = refusal({ FOLLOWUP_DATABASE_URL: bad });
      expect(err.code).toBe('config');
      expect(err.message).toBe('FOLLOWUP_DATABASE_URL: expected a PostgreSQL URL such as postgres://followup:password@db.example.org:5432/followup (the value is not shown: it is a secret).');
    }
  });

  it('refuses Socket Mode with several instances, saying how to use HTTP mode instead', () => {
    const err = refusal({ FOLLOWUP_DATABASE_URL: 'postgres://db/followup', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(err.message).toMatch(/^SLACK_APP_TOKEN: Socket Mode cannot run on several instances, and FOLLOWUP_DATABASE_URL is set for several instances\. Use Slack's HTTP mode behind the load balancer \(unset SLACK_APP_TOKEN, set SLACK_SIGNING_SECRET/);
    // Either alone is fine.
    expect(() => loadConfig({ SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' })).not.toThrow();
    expect(() => loadConfig({ FOLLOWUP_DATABASE_URL: 'postgres://db/followup', SLACK_SIGNING_SECRET: 'x'.repeat(32) })).not.toThrow();
  });
});
