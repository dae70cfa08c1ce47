import { z } from 'zod';
import { StartupError } from '../../src/core/errors.js';

export interface SlackConfig {
  botToken: string;
  /** HTTP mode: verifies every request. Required unless Socket Mode. */
  signingSecret?: string;
  /** Socket Mode (no public URL) when set. */
  appToken?: string;
  /** Where the Web API client sends calls (a proxy, or a test server). */
  apiUrl?: string;
}

const schema = z.object({
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'expected a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: z.string().min(16, 'expected the signing secret from the app’s Basic Information page').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'expected an app-level token starting with xapp-').optional(),
  SLACK_API_URL: z.string().url('expected a URL such as https://slack.com/api/').optional(),
});

/**
 * Slack's settings, validated once at start; undefined when none is set (Slack is off). Fails
 * closed: HTTP mode without SLACK_SIGNING_SECRET refuses to start.
 */
export function loadSlackConfig(env: NodeJS.ProcessEnv = process.env): SlackConfig | undefined {
  const vars = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('SLACK_') && v !== undefined && v !== ''));
  if (Object.keys(vars).length === 0) return undefined;
  if (!vars.SLACK_BOT_TOKEN) throw new StartupError('config', `SLACK_BOT_TOKEN: required when Slack is configured (${Object.keys(vars).join(', ')} ${Object.keys(vars).length === 1 ? 'is' : 'are'} set); expected a bot token starting with xoxb-.`);
  const parsed = schema.safeParse(vars);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StartupError('config', `${String(issue.path[0])}: ${issue.message}.`);
  }
  const e = parsed.data;
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new StartupError('config', 'SLACK_SIGNING_SECRET: required in HTTP mode (without SLACK_APP_TOKEN), so that every request is verified; expected the signing secret from the app’s Basic Information page.');
  }
  return {
    botToken: e.SLACK_BOT_TOKEN,
    ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
    ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
    ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/` } : {}),
  };
}
