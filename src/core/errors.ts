/**
 * Coded errors. A UserError is the user's mistake and carries a friendly message (and a hint
 * with a working example); a SystemError is a fault of the machine an operator can fix (a full
 * disk, a read-only database, a port in use) and its message names what to fix; anything else is
 * ours, answered with a short apology and logged with context. Callers branch on `code`, never on
 * message text; `describeError` (system-errors.ts) turns low-level errors into SystemErrors.
 */
export type UserErrorCode =
  | 'unknown-command'
  | 'bad-usage'
  | 'not-found'
  | 'bad-date'
  | 'bad-input'
  | 'too-long'
  | 'import-file'
  /** A limit on how many reminders one person or one channel may have. */
  | 'quota'
  /** Someone acting on what is not theirs (another person's reminder). */
  | 'forbidden';

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export type StartupErrorCode = 'config' | 'catalog' | 'database-too-new' | 'database';

/** A problem found while starting: configuration, data files, the database. Printed without a stack. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
  constructor(
    readonly code: StartupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type SystemErrorCode =
  | 'disk-full'
  | 'read-only'
  | 'permission'
  | 'bad-path'
  | 'io-error'
  | 'database-unavailable'
  | 'database-damaged'
  | 'port-in-use'
  | 'port-forbidden'
  | 'host-unknown'
  | 'host-unavailable';

/** A fault of the system followup runs on, that an operator can fix; the message names what to fix. */
export class SystemError extends Error {
  override readonly name = 'SystemError';
  constructor(
    readonly code: SystemErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
