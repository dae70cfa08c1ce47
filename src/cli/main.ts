#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderText } from '../../adapters/console/render.js';
import { runChat } from '../../adapters/console/chat.js';
import { ConsoleOutbox } from '../../adapters/console/outbox.js';
import { schedule as cronSchedule } from 'node-cron';
import { FileOutbox, type Outbox } from '../scheduler/outbox.js';
import type { Config } from '../config.js';
import { loadSlackConfig } from '../../adapters/slack/config.js';
import { loadTeamsConfig } from '../../adapters/teams/config.js';
import { openApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Where } from '../core/system-errors.js';
import { failure, UsageError } from './failure.js';
import { DataUsageError, runExport, runImport } from './data-commands.js';
import { createLogger } from '../core/log.js';
import type { IncomingMessage } from '../core/message.js';

const USAGE = `Usage:
  followup                         open a chat with the bot in this terminal
  followup ask "<question>" [--json] [--as <user>] [--in <channel>]
                                   send one message, print the reply, exit
  followup tick [--now <ISO instant>]
                                   run one scheduler pass (deliver what is due), print it, exit
  followup import <report.txt|.md|.pdf> --meeting "<name>" --date <YYYY-MM-DD> [--dry-run]
                                   read a report and propose its commitments for review in chat
  followup import <export.json|.csv>
                                   bring back an export (status, owners and notes included)
  followup export csv|json|md|ics [--meeting <m>] [--actor <a>] [--track <t>] [--out <file>]
                                   write the commitments out (standard output by default)
  followup serve                   the HTTP server (/healthz, /readyz, /calendar.ics, the dashboard, and
                                   Slack's and Teams' routes when they are configured) without the console chat
  followup migrate                 apply the database's pending migrations (FOLLOWUP_DB, or
                                   PostgreSQL when FOLLOWUP_DATABASE_URL is set), then exit
  followup help                    this text

Settings (environment): FOLLOWUP_DB (database file, default var/followup.db), FOLLOWUP_TZ (IANA zone,
default UTC), FOLLOWUP_NOW (pin "now", ISO instant), FOLLOWUP_DATA (data folder), LOG_LEVEL,
FOLLOWUP_DATABASE_URL (postgres://…: reminders shared by several instances; see the README),
FOLLOWUP_LEASE_SECONDS (how long a pass holds what it sends, default 300), FOLLOWUP_PASS_SECONDS
(server: a scheduler pass every N seconds, default 60), FOLLOWUP_INSTANCE (this machine's name in leases),
PORT (dashboard and server, default 3000), FOLLOWUP_DASHBOARD (on/off), FOLLOWUP_DASHBOARD_TOKEN
(needed when HOST is not loopback), FOLLOWUP_PUBLIC_URL (chat answers link to the dashboard).
Examples:
  followup ask "what did KNOMAD commit to?"
  followup ask "due in September 2014" --json`;

/** What the process uses, as soon as it is known: a system fault's message names it. */
const where: Where = {};

function fail(err: unknown): never {
  const { status, text } = failure(err, where, USAGE, process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace');
  process.stderr.write(text);
  process.exit(status);
}

async function main(argv: string[]): Promise<void> {
  const [command = 'chat', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === 'import' || command === 'export') {
    const config = loadConfig(process.env);
    where.dbFile = config.dbFile;
    const log = createLogger(config.logLevel ?? 'warn');
    const write = (t: string): void => void process.stdout.write(t);
    try {
      if (command === 'import') await runImport(rest, config, log, write, (t) => process.stderr.write(t));
      else await runExport(rest, config, log, write);
    } catch (err) {
      if (err instanceof DataUsageError) throw new UsageError(err.message);
      throw err;
    }
    return;
  }
  if (command === 'migrate') {
    if (rest.length) throw new UsageError(`unexpected "${rest.join(' ')}"`);
    const config = loadConfig(process.env);
    where.dbFile = config.dbFile;
    const { runMigrate } = await import('./migrate.js');
    await runMigrate(config, (t) => void process.stdout.write(t));
    return;
  }
  if (command !== 'chat' && command !== 'ask' && command !== 'tick' && command !== 'serve') throw new UsageError(`unknown command "${command}"`);

  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, as: { type: 'string' }, in: { type: 'string' }, now: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const user = values.as ?? process.env.USER ?? 'console';
  const channel = values.in ?? 'console';
  if (command === 'ask' && positionals.join(' ').trim() === '') throw new UsageError('ask needs a question, e.g. followup ask "agenda 7"');
  if (command === 'chat' && positionals.length) throw new UsageError(`unexpected "${positionals.join(' ')}" (did you mean: followup ask "${positionals.join(' ')}"?)`);

  if (command === 'tick' && positionals.length) throw new UsageError(`unexpected "${positionals.join(' ')}"`);
  if (values.now !== undefined && command !== 'tick') throw new UsageError('--now goes with tick');
  if (values.now !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(values.now)) throw new UsageError(`--now expects an ISO 8601 instant such as 2014-03-03T09:00:00Z (got "${values.now.slice(0, 40)}")`);
  const config = loadConfig(values.now !== undefined ? { ...process.env, FOLLOWUP_NOW: values.now } : process.env);
  where.dbFile = config.dbFile;
  const slack = loadSlackConfig();
  const teams = loadTeamsConfig();
  if (command === 'serve' && positionals.length) throw new UsageError(`unexpected "${positionals.join(' ')}"`);
  if ((command === 'chat' && (slack || teams)) || command === 'serve') {
    // A platform is configured (or `followup serve`): run the server instead of the console chat.
    const log = createLogger(config.logLevel ?? 'info');
    const app = await openApp(config, log);
    // Loaded only here: the platforms' SDKs (Bolt, botbuilder) cost a quarter second to import,
    // which `followup ask` and the console chat do not pay.
    const { serve } = await import('./serve.js');
    let running;
    try {
      running = await serve(app, { ...(slack ? { slack } : {}), ...(teams ? { teams } : {}) }, log);
    } catch (err) {
      await app.close();
      throw err;
    }
    const { SHUTDOWN_MS } = await import('./lifecycle.js');
    let stopping = false;
    // SIGTERM (a rolling restart): no new work, finish what is in flight, exit within 10 s.
    const shutdown = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down: taking no new work, finishing what is in flight');
      const deadline = setTimeout(() => {
        log.warn({ afterMs: SHUTDOWN_MS }, 'shutting down: work still in flight after the deadline, exiting anyway (its deliveries stay leased and are taken over)');
        running.forceClose();
        process.exit(1);
      }, SHUTDOWN_MS);
      deadline.unref();
      running.stop().then(
        async () => {
          await app.close().catch((err: unknown) => log.warn({ err }, 'closing the database failed'));
          log.info('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          log.error({ err }, 'shutting down failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return;
  }
  const log = createLogger(config.logLevel ?? 'warn');
  const app = await openApp(config, log);
  try {
    if (command === 'tick') {
      const result = await app.scheduler(outboxFor(config, (t) => process.stdout.write(t)), ['console']).tick();
      const now = app.clock.now().toISOString();
      process.stdout.write(
        `${now}: ${result.claimed} due, ${result.sent.length} delivered${result.skipped ? `, ${result.skipped} skipped` : ''}${result.retrying ? `, ${result.retrying} to retry` : ''}${result.failed ? `, ${result.failed} failed` : ''}\n` +
          result.sent.map((s) => `  delivered ${s.key}${s.late ? ' (late)' : ''}: ${s.title}\n`).join(''),
      );
      return;
    }
    if (command === 'ask') {
      const message: IncomingMessage = { text: positionals.join(' '), platform: 'console', user: { id: user, name: user }, channel: { id: channel, name: channel } };
      const reply = await app.bot.handle(message);
      process.stdout.write(values.json ? `${JSON.stringify(reply, null, 2)}\n` : renderText(reply, { color: Boolean(process.stdout.isTTY), width: 100 }));
      // The answer says what to fix; the status says that nothing was done (a full disk…).
      if (reply.fault) process.exitCode = 1;
      return;
    }
    // One scheduler pass a minute (node-cron drives a single tick, not a task per reminder).
    const scheduler = app.scheduler(outboxFor(config, (t) => process.stdout.write(t)), ['console']);
    const runTick = (): void => {
      scheduler.tick().catch((err: unknown) => log.error({ err }, 'scheduler pass failed'));
    };
    runTick();
    const cron = cronSchedule('* * * * *', runTick, { noOverlap: true, name: 'followup-scheduler' });
    const { startConsoleDashboard } = await import('../dashboard/index.js');
    const dashboard = await startConsoleDashboard(app, log);
    const count = app.bot.deps.commitments.count();
    const meetings = app.bot.deps.reference.meetings().map((m) => m.name).join('; ');
    await runChat(app.bot, {
      input: process.stdin,
      output: process.stdout,
      user,
      channel,
      ...(config.dbFile === ':memory:' ? {} : { historyFile: path.join(path.dirname(path.resolve(config.dbFile)), 'console_history') }),
      banner: `followup — ${meetings} (${count} items)\nAsk a question (“what did KNOMAD commit to?”, “due in September 2014”, “agenda 7”), or type help. Ctrl-D or “exit” to leave.${dashboard.note ? `\n${dashboard.note}` : ''}`,
    });
    await cron.stop();
    await dashboard.stop();
  } finally {
    await app.close();
  }
}

/** Scheduled messages: into the terminal, or (tests, scripts) as JSON lines into a file. */
function outboxFor(config: Config, write: (text: string) => void): Outbox {
  return config.outboxFile ? new FileOutbox(config.outboxFile, config.outboxDelayMs, config.instance) : new ConsoleOutbox(write);
}

// A closed pipe (`followup ask … | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
main(process.argv.slice(2)).catch(fail);
