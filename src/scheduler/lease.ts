import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** How long a pass holds the deliveries it took before another pass may take them over (FOLLOWUP_LEASE_SECONDS). */
export const LEASE_MS = 5 * 60_000;

/**
 * A name for one scheduler pass: instance (the machine's host name unless FOLLOWUP_INSTANCE
 * names it), process and a random part. Leases carry it, so a pass of the same instance can tell
 * that the process holding a lease has died and take its work at once; any other instance waits
 * for the lease to run out.
 */
export function passOwner(instance: string = hostname()): string {
  return `${instance}/${process.pid}/${randomBytes(6).toString('hex')}`;
}

/** Whether `owner` names a process of this instance (this machine) that no longer runs. */
export function ownerIsGone(owner: string, instance: string = hostname()): boolean {
  const [host, pidText] = owner.split('/');
  const pid = Number(pidText);
  if (host !== instance || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
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
