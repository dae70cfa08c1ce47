import { DateTime } from 'luxon';
import { z } from 'zod';
import { defaultDataDir } from './catalog/load.js';
import { isValidZone, resolveZone } from './core/dates.js';
import { StartupError } from './core/errors.js';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Variables whose values are secrets: a start-up error never repeats them (a database URL may hold a password). */
const SECRET_VARIABLE = /TOKEN|SECRET|PASSWORD|_KEY$|DATABASE_URL/;

function isPostgresUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && (u.hostname !== '' || u.searchParams.has('host'));
  } catch {
    return false;
  }
}

/** Every setting, validated once at start. Options only one adapter understands live with that adapter. */
const envSchema = z.object({
  FOLLOWUP_DB: z.string().min(1, 'expected a file path, or :memory:').default('var/followup.db'),
  FOLLOWUP_DATA: z.string().min(1, 'expected the path of a data folder').optional(),
  FOLLOWUP_NOW: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid, {
      message: 'expected an ISO 8601 instant such as 2014-09-01T09:00:00Z',
    })
    .optional(),
  FOLLOWUP_TZ: z
    .string()
    .refine(isValidZone, { message: 'expected an IANA time zone name such as Europe/Zurich or America/New_York' })
    .default('UTC'),
  FOLLOWUP_ADMINS: z
    .string()
    .refine((s) => s.split(',').every((a) => /^(?:console|slack|teams):\S+$/.test(a.trim())), {
      message: 'expected a comma-separated list of platform:user-id, such as slack:U0123ABCD,teams:29:1AbC…,console:ana',
    })
    .optional(),
  LOG_LEVEL: z.enum(LEVELS, { message: `expected one of ${LEVELS.join(', ')}` }).optional(),
  FOLLOWUP_GRACE_HOURS: z.coerce
    .number({ message: 'expected a number of hours such as 6' })
    .min(0, 'expected 0 or more hours')
    .max(24 * 30, 'expected at most 720 hours')
    .default(6),
  FOLLOWUP_OUTBOX_FILE: z.string().min(1).optional(),
  PORT: z.coerce.number({ message: 'expected a port number such as 3000' }).int('expected a whole port number').min(0, 'expected a port from 0 to 65535').max(65_535, 'expected a port from 0 to 65535').default(3000),
  HOST: z.string().min(1, 'expected an address to listen on, such as 0.0.0.0 or 127.0.0.1').default('0.0.0.0'),
  FOLLOWUP_CALENDAR_TOKEN: z
    .string()
    .min(16, 'expected a secret of at least 16 characters (e.g. from `openssl rand -hex 16`)')
    .max(128, 'expected a secret of at most 128 characters (e.g. from `openssl rand -hex 16`)')
    .regex(/^[A-Za-z0-9_-]+$/, 'expected letters, digits, - and _ only (it goes in a URL)')
    .refine((s) => new Set(s).size >= 6, 'expected a random secret (e.g. from `openssl rand -hex 16`): this one has fewer than 6 different characters, which is easy to guess')
    .optional(),
  FOLLOWUP_DATABASE_URL: z
    .string()
    .refine(isPostgresUrl, { message: 'expected a PostgreSQL URL such as postgres://followup:password@db.example.org:5432/followup' })
    .optional(),
  FOLLOWUP_DASHBOARD: z.enum(['on', 'off'], { message: 'expected on or off' }).default('on'),
  FOLLOWUP_DASHBOARD_TOKEN: z
    .string()
    .min(16, 'expected a secret of at least 16 characters (e.g. from `openssl rand -hex 16`)')
    .max(200, 'expected a secret of at most 200 characters')
    .refine((s) => new Set(s).size >= 6, 'expected a random secret (e.g. from `openssl rand -hex 16`): this one has fewer than 6 different characters, which is easy to guess')
    .optional(),
  FOLLOWUP_PUBLIC_URL: z
    .string()
    .url('expected the dashboard\'s public address, such as https://followup.example.org/')
    .refine((s) => /^https?:\/\//.test(s), 'expected an http:// or https:// address')
    .optional(),
  FOLLOWUP_OUTBOX_DELAY_MS: z.coerce.number({ message: 'expected milliseconds such as 50' }).int().min(0).max(60_000).default(0),
  FOLLOWUP_LEASE_SECONDS: z.coerce
    .number({ message: 'expected a number of seconds such as 300' })
    .int('expected a whole number of seconds')
    .min(2, 'expected at least 2 seconds')
    .max(3_600, 'expected at most 3600 seconds')
    .default(300),
  FOLLOWUP_PASS_SECONDS: z.coerce
    .number({ message: 'expected a number of seconds such as 60' })
    .int('expected a whole number of seconds')
    .refine((n) => n > 0 && 60 % n === 0, 'expected a number of seconds that divides a minute: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60')
    .default(60),
  FOLLOWUP_INSTANCE: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected a name of letters, digits, ".", "_" and "-" (at most 64), unique to each machine')
    .optional(),
});

export interface Config {
  dbFile: string;
  dataDir: string;
  /** Pinned "now" (FOLLOWUP_NOW), for demos and tests. */
  now?: Date;
  zone: string;
  logLevel?: (typeof LEVELS)[number];
  /** People who may manage anyone's reminders, as `platform:user-id` (FOLLOWUP_ADMINS). */
  admins: string[];
  /** A missed run younger than this is delivered late; older ones are skipped (FOLLOWUP_GRACE_HOURS). */
  graceMs: number;
  /** The console's scheduled messages (chat, tick, and serve when set) go as JSON lines to this file instead of the terminal. */
  outboxFile?: string;
  /** Tests only: a pause before each delivery to the file outbox. */
  outboxDelayMs: number;
  /** The bot's HTTP server (Slack's /slack/events, Teams' /api/messages, /healthz). */
  port: number;
  host: string;
  /** When set, GET /calendar.ics answers only with ?token=<it> (a private feed link). */
  calendarToken?: string;
  /**
   * PostgreSQL (FOLLOWUP_DATABASE_URL): all of the bot's data lives there, shared by every
   * instance (reminders and deliveries in their tables; the follow-up data in the shared log, each
   * instance answering from its replica in memory — FOLLOWUP_DB is not used); `followup migrate`
   * and /readyz use it.
   */
  databaseUrl?: string;
  /** Serve the dashboard (FOLLOWUP_DASHBOARD, on by default). */
  dashboard: boolean;
  /** The dashboard's shared secret, required when it listens beyond loopback (FOLLOWUP_DASHBOARD_TOKEN). */
  dashboardToken?: string;
  /** Where people reach the dashboard (FOLLOWUP_PUBLIC_URL): chat answers link to item pages there. */
  publicUrl?: string;
  /** Whether HOST was set (anonymous Teams mode defaults to loopback when it was not). */
  hostExplicit: boolean;
  /** How long a scheduler pass holds the deliveries it took (FOLLOWUP_LEASE_SECONDS, default 5 minutes). */
  leaseMs: number;
  /** How often the server runs a scheduler pass (FOLLOWUP_PASS_SECONDS, default every minute). */
  passSeconds: number;
  /** This instance's name in lease owners and the file outbox (FOLLOWUP_INSTANCE; the host name by default). */
  instance?: string;
}

/** Reads and validates the environment. A bad value names the variable and what is expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(clean);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const got = env[name];
    // A secret's bad value is still a secret: name it and say what is expected, never echo it.
    const shown = got === undefined ? '' : SECRET_VARIABLE.test(name) ? ' (the value is not shown: it is a secret)' : ` (got "${String(got).slice(0, 60)}")`;
    throw new StartupError('config', `${name}: ${issue.message}${shown}.`);
  }
  const e = parsed.data;
  if (e.FOLLOWUP_DATABASE_URL && clean.SLACK_APP_TOKEN) {
    // Slack spreads Socket Mode events over an app's open connections at random: with several
    // instances each would see only some of them. HTTP is the several-instance mode.
    throw new StartupError(
      'config',
      'SLACK_APP_TOKEN: Socket Mode cannot run on several instances, and FOLLOWUP_DATABASE_URL is set for several instances. ' +
        "Use Slack's HTTP mode behind the load balancer (unset SLACK_APP_TOKEN, set SLACK_SIGNING_SECRET, and point the app's Request URL at https://<your host>/slack/events), " +
        'or run a single instance without FOLLOWUP_DATABASE_URL.',
    );
  }
  return {
    dbFile: e.FOLLOWUP_DB,
    dataDir: e.FOLLOWUP_DATA ?? defaultDataDir(),
    ...(e.FOLLOWUP_NOW ? { now: DateTime.fromISO(e.FOLLOWUP_NOW, { zone: 'UTC' }).toJSDate() } : {}),
    zone: resolveZone(e.FOLLOWUP_TZ)!,
    ...(e.LOG_LEVEL ? { logLevel: e.LOG_LEVEL } : {}),
    admins: (e.FOLLOWUP_ADMINS ?? '').split(',').map((a) => a.trim()).filter(Boolean),
    graceMs: e.FOLLOWUP_GRACE_HOURS * 3_600_000,
    ...(e.FOLLOWUP_OUTBOX_FILE ? { outboxFile: e.FOLLOWUP_OUTBOX_FILE } : {}),
    outboxDelayMs: e.FOLLOWUP_OUTBOX_DELAY_MS,
    leaseMs: e.FOLLOWUP_LEASE_SECONDS * 1000,
    passSeconds: e.FOLLOWUP_PASS_SECONDS,
    ...(e.FOLLOWUP_INSTANCE ? { instance: e.FOLLOWUP_INSTANCE } : {}),
    port: e.PORT,
    host: e.HOST,
    hostExplicit: clean.HOST !== undefined,
    ...(e.FOLLOWUP_CALENDAR_TOKEN ? { calendarToken: e.FOLLOWUP_CALENDAR_TOKEN } : {}),
    ...(e.FOLLOWUP_DATABASE_URL ? { databaseUrl: e.FOLLOWUP_DATABASE_URL } : {}),
    dashboard: e.FOLLOWUP_DASHBOARD === 'on',
    ...(e.FOLLOWUP_DASHBOARD_TOKEN ? { dashboardToken: e.FOLLOWUP_DASHBOARD_TOKEN } : {}),
    ...(e.FOLLOWUP_PUBLIC_URL ? { publicUrl: e.FOLLOWUP_PUBLIC_URL.replace(/\/+$/, '') } : {}),
  };
}
