import { isUserError, StartupError } from '../core/errors.js';
import { describeError, type Where } from '../core/system-errors.js';

/** A mistake in how the CLI was called: printed with the usage, exit 2. */
export class UsageError extends Error {}

/**
 * The CLI's error tier: what to print on standard error, and the exit status. 2 for bad usage;
 * 1 for the user's mistake, a configuration problem or a system fault (the message names what to
 * fix); 70 for anything else, which is ours.
 */
export function failure(err: unknown, where: Where, usage: string, debug: boolean): { status: number; text: string } {
  if (err instanceof UsageError) return { status: 2, text: `followup: ${err.message}\n\n${usage}\n` };
  if (isUserError(err)) {
    // A mistake in what was asked (a file that cannot be imported, an unknown meeting): say what and how.
    return { status: 1, text: `followup: ${err.message}\n${err.hint ? `${err.hint.replace(/`/g, '')}\n` : ''}` };
  }
  if (err instanceof StartupError) return { status: 1, text: `followup: ${err.message}\n` };
  const fault = describeError(err, where);
  if (fault) return { status: 1, text: `followup: ${fault.message}\n${debug && fault.cause instanceof Error ? `${fault.cause.stack ?? ''}\n` : ''}` };
  return {
    status: 70,
    text:
      `followup: internal error: ${(err as Error)?.message ?? String(err)}\n` +
      (debug ? `${(err as Error)?.stack ?? ''}\n` : 'Run again with LOG_LEVEL=debug for details, and please report it.\n'),
  };
}
