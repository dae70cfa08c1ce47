import { StartupError, SystemError } from '../../core/errors.js';

/** Where a PostgreSQL connection points, as messages show it (no password). */
export interface PgWhere {
  user: string;
  database: string;
  server: string;
}

const SETTING = 'FOLLOWUP_DATABASE_URL';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', '57P03']);

/**
 * PostgreSQL's and the network's errors at connection, as messages that name
 * FOLLOWUP_DATABASE_URL and what to fix; undefined for anything else. Branches on codes (SQLSTATE
 * or errno), never on message text.
 */
export function describePgError(err: unknown, where: PgWhere): Error | undefined {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') {
    // pg's own "Connection terminated due to connection timeout" carries no code.
    return undefined;
  }
  if (UNREACHABLE.has(code)) {
    return new SystemError('database-unavailable', `${SETTING}: cannot reach the PostgreSQL server at ${where.server} (${code}): start it, or set ${SETTING} to the right host and port.`, { cause: err });
  }
  if (code === '28P01' || code === '28000') {
    return new StartupError('database', `${SETTING}: the PostgreSQL server at ${where.server} refused the login of user "${where.user}" (wrong password, or no access for that user, ${code}): fix the user name and password in ${SETTING}.`);
  }
  if (code === '3D000') {
    return new StartupError('database', `${SETTING}: the database "${where.database}" does not exist on ${where.server}: create it (createdb ${where.database}), or fix the database name in ${SETTING}.`);
  }
  if (code === '42501') {
    return new StartupError('database', `${SETTING}: user "${where.user}" may not create or change tables in the database "${where.database}" (${code}): grant it (GRANT CREATE ON SCHEMA public TO "${where.user}"), or use the database owner in ${SETTING}.`);
  }
  if (code === '53300') {
    return new SystemError('database-unavailable', `${SETTING}: the PostgreSQL server at ${where.server} has no connection free (${code}): raise its max_connections, or run fewer instances.`, { cause: err });
  }
  return undefined;
}
