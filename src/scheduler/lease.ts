import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** How long a pass holds the deliveries it took before another pass may take them over. */
export const LEASE_MS = 5 * 60_000;

/**
 * A name for one scheduler pass: machine, process and a random part. Leases carry it, so a pass
 * on this machine can tell that the process holding a lease has died and take its work at once;
 * anywhere else a lease simply runs out.
 */
export function passOwner(): string {
  return `${hostname()}/${process.pid}/${randomBytes(6).toString('hex')}`;
}

/** Whether `owner` names a process on this machine that no longer runs. */
export function ownerIsGone(owner: string): boolean {
  const [host, pidText] = owner.split('/');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM: it runs, under another user. Only "no such process" means gone.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs `fn` over each lane's items in order, up to `concurrency` lanes at a time: one slow or
 * busy lane (a flooded channel paced at a message a second) never holds the others back. An
 * error stops new lanes from starting and is thrown once every running lane has finished.
 */
export async function runLanes<T>(lanes: readonly (readonly T[])[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < lanes.length) {
      const lane = lanes[next++]!;
      for (const item of lane) {
        try {
          await fn(item);
        } catch (err) {
          failure ??= { err };
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, lanes.length)) }, worker));
  if (failure) throw failure.err;
}
