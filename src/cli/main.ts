#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderText } from '../../adapters/console/render.js';
import { runChat } from '../../adapters/console/chat.js';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { StartupError } from '../core/errors.js';
import { createLogger } from '../core/log.js';
import type { IncomingMessage } from '../core/message.js';

const USAGE = `Usage:
  followup                         open a chat with the bot in this terminal
  followup ask "<question>" [--json] [--as <user>] [--in <channel>]
                                   send one message, print the reply, exit
  followup help                    this text

Settings (environment): FOLLOWUP_DB (database file, default var/followup.db), FOLLOWUP_TZ (IANA zone,
default UTC), FOLLOWUP_NOW (pin "now", ISO instant), FOLLOWUP_DATA (data folder), LOG_LEVEL.
Examples:
  followup ask "what did KNOMAD commit to?"
  followup ask "due in September 2014" --json`;

class UsageError extends Error {}

function fail(err: unknown): never {
  if (err instanceof UsageError) {
    process.stderr.write(`followup: ${err.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (err instanceof StartupError) {
    process.stderr.write(`followup: ${err.message}\n`);
    process.exit(1);
  }
  const debug = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace';
  process.stderr.write(
    `followup: internal error: ${(err as Error)?.message ?? String(err)}\n` +
      (debug ? `${(err as Error)?.stack ?? ''}\n` : 'Run again with LOG_LEVEL=debug for details, and please report it.\n'),
  );
  process.exit(70);
}

async function main(argv: string[]): Promise<void> {
  const [command = 'chat', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command !== 'chat' && command !== 'ask') throw new UsageError(`unknown command "${command}"`);

  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, as: { type: 'string' }, in: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const user = values.as ?? process.env.USER ?? 'console';
  const channel = values.in ?? 'console';
  if (command === 'ask' && positionals.join(' ').trim() === '') throw new UsageError('ask needs a question, e.g. followup ask "agenda 7"');
  if (command === 'chat' && positionals.length) throw new UsageError(`unexpected "${positionals.join(' ')}" (did you mean: followup ask "${positionals.join(' ')}"?)`);

  const config = loadConfig();
  const log = createLogger(config.logLevel ?? 'warn');
  const app = createApp(config, log);
  try {
    if (command === 'ask') {
      const message: IncomingMessage = { text: positionals.join(' '), platform: 'console', user: { id: user, name: user }, channel: { id: channel, name: channel } };
      const reply = await app.bot.handle(message);
      process.stdout.write(values.json ? `${JSON.stringify(reply, null, 2)}\n` : renderText(reply, { color: Boolean(process.stdout.isTTY), width: 100 }));
      return;
    }
    const count = app.bot.deps.commitments.count();
    const meetings = app.bot.deps.reference.meetings().map((m) => m.name).join('; ');
    await runChat(app.bot, {
      input: process.stdin,
      output: process.stdout,
      user,
      channel,
      ...(config.dbFile === ':memory:' ? {} : { historyFile: path.join(path.dirname(path.resolve(config.dbFile)), 'console_history') }),
      banner: `followup — ${meetings} (${count} items)\nAsk a question (“what did KNOMAD commit to?”, “due in September 2014”, “agenda 7”), or type help. Ctrl-D or “exit” to leave.`,
    });
  } finally {
    app.close();
  }
}

main(process.argv.slice(2)).catch(fail);
