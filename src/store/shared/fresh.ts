import type { Logger } from '../../core/log.js';
import type { SharedWrites } from './contract.js';

/**
 * Brings this instance's replica up to the shared log before something is read (a message, a
 * dashboard page), waiting at most `ms`: when PostgreSQL does not answer in time, what this
 * instance holds is read (a change made then fails with an apology; nothing is half-done).
 * Nothing to do on SQLite alone.
 */
export async function caughtUp(writes: SharedWrites, ms: number, log: Logger): Promise<void> {
  if (writes.engine === 'sqlite') return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => {
    timer = setTimeout(() => r('late'), ms);
  });
  try {
    if ((await Promise.race([writes.catchUp(), late])) === 'late') log.warn({ waitedMs: ms }, "the shared log did not answer in time: answering from this instance's copy");
  } catch (err) {
    log.warn({ err }, "could not read the shared log: answering from this instance's copy");
  } finally {
    clearTimeout(timer);
  }
}
