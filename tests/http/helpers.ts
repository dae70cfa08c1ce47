import type { Server } from 'node:http';
import { pino, type Logger } from 'pino';
import { listen } from '../../src/http/server.js';

/** A pino logger whose JSON lines land in `lines`, to check what reaches the logs. */
export function capturedLogger(): { log: Logger; lines: string[]; text: () => string } {
  const lines: string[] = [];
  const log = pino({ level: 'trace' }, { write: (s: string) => void lines.push(s) });
  return { log, lines, text: () => lines.join('') };
}

/** Listens on a loopback port; returns the base URL and a stop function. */
export async function started(server: Server): Promise<{ url: string; stop: () => Promise<void> }> {
  const address = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${address.port}`, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
