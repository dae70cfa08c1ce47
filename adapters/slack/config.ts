import { z } from 'zod';
import { StartupError } from '../../src/core/errors.js';

/** Slack's OAuth install flow ("Add to Slack", any workspace): the app's credentials and the secret that signs install states. */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

export interface SlackConfig {
  /** One workspace (SLACK_BOT_TOKEN); absent when the OAuth install flow serves every workspace. */
  botToken?: string;
  /** Any workspace that installs the app (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET). */
  oauth?: SlackOAuthConfig;
  /** HTTP mode: verifies every request. Required unless Socket Mode. */
  signingSecret?: string;
  /** Socket Mode (no public URL) when set. */
  appToken?: string;
  /** Where the Web API client sends calls (a proxy, or a test server). */
  apiUrl?: string;
}

const OAUTH_VARS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const BOT_TOKEN = 'expected a bot token starting with xoxb-';
const BASIC_INFO = "from the app's Basic Information page (App Credentials)";

const schema = z.object({
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, BOT_TOKEN).optional(),
  SLACK_SIGNING_SECRET: z.string().min(16, 'expected the signing secret from the app’s Basic Information page').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'expected an app-level token starting with xapp-').optional(),
  SLACK_API_URL: z.string().url('expected a URL such as https://slack.com/api/').optional(),
  SLACK_CLIENT_ID: z.string().regex(/^\d+\.\d+$/, `expected the app's Client ID (digits, a dot, digits, such as 1234567890.1234567890) ${BASIC_INFO}`).optional(),
  SLACK_CLIENT_SECRET: z.string().regex(/^[A-Za-z0-9]{16,}$/, `expected the app's Client Secret (letters and digits, 32 of them) ${BASIC_INFO}`).optional(),
  SLACK_STATE_SECRET: z
    .string()
    .min(16, 'expected a random secret of at least 16 characters that signs install states (e.g. from `openssl rand -hex 16`)')
    .refine((s) => new Set(s).size >= 6, 'expected a random secret (e.g. from `openssl rand -hex 16`): this one has fewer than 6 different characters, which is easy to guess')
    .optional(),
});

function fail(message: string): never {
  throw new StartupError('config', message);
}

/**
 * Slack's settings, validated once at start; undefined when none is set (Slack is off). Fails
 * closed: HTTP mode without SLACK_SIGNING_SECRET refuses to start. Two ways to serve Slack:
 * SLACK_BOT_TOKEN (one workspace), or the three OAuth variables together (the install flow, any
 * workspace, HTTP mode only) — never both. A value is never repeated in a message (secrets).
 */
export function loadSlackConfig(env: NodeJS.ProcessEnv = process.env): SlackConfig | undefined {
  const vars = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('SLACK_') && v !== undefined && v !== ''));
  if (Object.keys(vars).length === 0) return undefined;
  const oauthSet = OAUTH_VARS.filter((k) => vars[k]);
  if (!vars.SLACK_BOT_TOKEN && oauthSet.length === 0) {
    fail(`SLACK_BOT_TOKEN: required when Slack is configured (${Object.keys(vars).join(', ')} ${Object.keys(vars).length === 1 ? 'is' : 'are'} set); ${BOT_TOKEN}, or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install the app in any workspace.`);
  }
  const parsed = schema.safeParse(vars);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(`${String(issue.path[0])}: ${issue.message}.`);
  }
  const e = parsed.data;
  if (oauthSet.length > 0 && oauthSet.length < OAUTH_VARS.length) {
    const missing = OAUTH_VARS.filter((k) => !vars[k]);
    fail(`${missing[0]}: required with ${oauthSet.join(' and ')}: the install flow needs all three of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing).`);
  }
  const oauth = e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET } : undefined;
  if (oauth && e.SLACK_BOT_TOKEN) {
    fail('SLACK_BOT_TOKEN: not used with the install flow (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET are set), where each workspace gets its own token when it installs the app; expected one of the two: unset SLACK_BOT_TOKEN, or the three OAuth variables.');
  }
  if (oauth && e.SLACK_APP_TOKEN) {
    fail("SLACK_APP_TOKEN: the install flow (SLACK_CLIENT_ID, …) runs in HTTP mode only, where Slack redirects installers to /slack/oauth_redirect; expected SLACK_SIGNING_SECRET instead, with the app's Request URL at https://<your host>/slack/events.");
  }
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    fail('SLACK_SIGNING_SECRET: required in HTTP mode (without SLACK_APP_TOKEN), so that every request is verified; expected the signing secret from the app’s Basic Information page.');
  }
  return {
    ...(e.SLACK_BOT_TOKEN ? { botToken: e.SLACK_BOT_TOKEN } : {}),
    ...(oauth ? { oauth } : {}),
    ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
    ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
    ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/` } : {}),
  };
}
