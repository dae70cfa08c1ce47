/**
 * Coded errors. Two tiers: a UserError is the user's mistake and carries a friendly message
 * (and a hint with a working example); anything else is ours, answered with a short apology
 * and logged with context. Callers branch on `code`, never on message text.
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

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
