import { readFileSync, writeFileSync } from 'node:fs';
import readline from 'node:readline';
import type { Bot } from '../../src/bot.js';
import type { IncomingMessage } from '../../src/core/message.js';
import { renderText } from './render.js';

export interface ChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  user: string;
  channel: string;
  /** File that keeps the typed history between sessions; none for in-memory databases. */
  historyFile?: string;
  banner: string;
}

function loadHistory(file?: string): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 500);
  } catch {
    return [];
  }
}

/** The console adapter: a thin readline chat. It only turns lines into messages and replies into text. */
export function runChat(bot: Bot, o: ChatOptions): Promise<void> {
  const tty = Boolean(o.output.isTTY);
  const rl = readline.createInterface({
    input: o.input,
    output: o.output,
    prompt: 'you › ',
    terminal: tty,
    history: loadHistory(o.historyFile),
    historySize: 500,
  });
  const typed: string[] = [];
  const write = (s: string): void => void o.output.write(s);
  write(`${o.banner}\n\n`);
  if (tty) rl.prompt();

  let queue = Promise.resolve();
  let leaving = false;
  rl.on('line', (line) => {
    const text = line.trim();
    if (leaving) return;
    if (/^(exit|quit|bye)$/i.test(text)) {
      leaving = true;
      queue = queue.then(() => rl.close());
      return;
    }
    queue = queue.then(async () => {
      if (!text) return;
      typed.push(text);
      const message: IncomingMessage = { text, platform: 'console', user: { id: o.user, name: o.user }, channel: { id: o.channel, name: o.channel } };
      const reply = await bot.handle(message);
      write(`\n${renderText(reply, { color: tty, width: Math.min(o.output.columns ?? 100, 110) })}\n`);
      if (tty) rl.prompt();
    });
  });
  return new Promise((resolve) => {
    rl.on('close', () => {
      void queue.then(() => {
        if (o.historyFile && typed.length) {
          try {
            const old = loadHistory(o.historyFile).reverse();
            writeFileSync(o.historyFile, [...old, ...typed].slice(-500).join('\n') + '\n');
          } catch {
            // History is a convenience; never fail the chat over it.
          }
        }
        if (tty) write('\nBye.\n');
        resolve();
      });
    });
  });
}
