import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured logs (pino), to standard error so they never mix with a reply on standard output. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'followup' } }, pino.destination({ fd: 2, sync: true }));
}

export const silentLogger: Logger = pino({ level: 'silent' });
