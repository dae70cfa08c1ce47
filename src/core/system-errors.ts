import { StartupError, SystemError, UserError, type SystemErrorCode } from './errors.js';

/** What was being used when the error happened, so that the message can name it. */
export interface Where {
  /** The database file (FOLLOWUP_DB) when it is known. */
  dbFile?: string;
  /** The setting that named the path that failed (and the path, for errors that do not carry it), and how to fix it. */
  setting?: { name: string; fix: string; path?: string };
  /** The HTTP server was starting to listen here (PORT, HOST). */
  listen?: { port: number; host: string };
}

type Coded = Error & { code: string; syscall?: string; path?: string };

function coded(err: unknown): Coded | undefined {
  if (!(err instanceof Error) || err instanceof UserError || err instanceof StartupError) return undefined;
  return typeof (err as Partial<Coded>).code === 'string' ? (err as Coded) : undefined;
}

function database(where: Where): string {
  return where.dbFile && where.dbFile !== ':memory:' ? `the database ${where.dbFile} (FOLLOWUP_DB)` : 'the database (FOLLOWUP_DB)';
}

const upper = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The database cannot be written: from SQLITE_READONLY, or found at open. */
export function readOnlyDatabase(where: Where, cause?: unknown): SystemError {
  return new SystemError(
    'read-only',
    `${upper(database(where))} is read-only: let the user running followup write the file and its folder, or set FOLLOWUP_DB to a writable file; nothing was saved.`,
    { cause },
  );
}

function sqlite(err: Coded, where: Where): SystemError | undefined {
  const code = err.code;
  const db = database(where);
  if (code === 'SQLITE_FULL') {
    const place = where.dbFile && where.dbFile !== ':memory:' ? `where ${where.dbFile} lives (FOLLOWUP_DB)` : 'on the disk that holds the database (FOLLOWUP_DB)';
    return new SystemError('disk-full', `The database's disk is full: free space ${place}; nothing was saved.`, { cause: err });
  }
  if (code.startsWith('SQLITE_READONLY')) return readOnlyDatabase(where, err);
  if (code.startsWith('SQLITE_IOERR')) {
    return new SystemError('io-error', `Could not read or write ${db} (disk I/O error, ${code}): check the disk where it lives (free space, quota, a file-size limit, hardware); nothing was saved.`, { cause: err });
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new SystemError('database-unavailable', `Cannot open ${db}: it must be a file (not a folder) that the user running followup can read and write, in a folder it can write.`, { cause: err });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new SystemError('database-damaged', `${upper(db)} is damaged (${err.message}): restore it from a backup, or set FOLLOWUP_DB to a new file.`, { cause: err });
  }
  return undefined;
}

function listening(err: Coded, { port, host }: { port: number; host: string }): SystemError | undefined {
  switch (err.code) {
    case 'EADDRINUSE':
      return new SystemError('port-in-use', `PORT: ${port} is already in use on ${host}: stop the program that uses it, or set PORT to a free port.`, { cause: err });
    case 'EACCES':
    case 'EPERM':
      return new SystemError('port-forbidden', `PORT: this user may not listen on port ${port} (ports below 1024 need privileges): set PORT to 1024 or above.`, { cause: err });
    case 'EADDRNOTAVAIL':
      return new SystemError('host-unavailable', `HOST: ${host} is not an address of this machine: set HOST to one of its addresses, 0.0.0.0 (all of them) or 127.0.0.1 (this machine only).`, { cause: err });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return new SystemError('host-unknown', `HOST: "${host}" does not resolve to an address (${err.code}): set HOST to an address such as 0.0.0.0 (all) or 127.0.0.1 (this machine only), or a name this machine resolves.`, { cause: err });
    default:
      return undefined;
  }
}

const FILE_FAULTS: Record<string, { code: SystemErrorCode; reason: string; fix: string; needsSetting?: boolean }> = {
  ENOSPC: { code: 'disk-full', reason: 'the disk is full', fix: 'free space there; nothing was saved' },
  EDQUOT: { code: 'disk-full', reason: 'the disk quota is used up', fix: 'free space there or raise the quota; nothing was saved' },
  EROFS: { code: 'read-only', reason: 'a read-only file system', fix: 'use a place on a writable file system' },
  EACCES: { code: 'permission', reason: 'permission denied', fix: 'let the user running followup write there, or use another place' },
  EPERM: { code: 'permission', reason: 'not permitted', fix: 'let the user running followup write there, or use another place' },
  EIO: { code: 'io-error', reason: 'disk I/O error', fix: 'check the disk' },
  ENOENT: { code: 'bad-path', reason: 'no such file or folder', fix: 'fix the path', needsSetting: true },
  ENOTDIR: { code: 'bad-path', reason: 'a part of the path is a file, not a folder', fix: 'fix the path', needsSetting: true },
  EISDIR: { code: 'bad-path', reason: 'it is a folder', fix: 'name a file, not a folder', needsSetting: true },
  ENAMETOOLONG: { code: 'bad-path', reason: 'the path is too long', fix: 'use a shorter path', needsSetting: true },
  ELOOP: { code: 'bad-path', reason: 'too many symbolic links', fix: 'fix the path', needsSetting: true },
};

const VERBS: Record<string, string> = { mkdir: 'create the folder', open: 'open', read: 'read', write: 'write', access: 'write to', rename: 'replace', unlink: 'remove', scandir: 'read the folder' };

function fileSystem(err: Coded, where: Where): SystemError | undefined {
  const fault = FILE_FAULTS[err.code];
  if (!fault || (fault.needsSetting && !where.setting)) return undefined;
  const file = err.path ?? where.setting?.path;
  if (!file && fault.code !== 'disk-full') return undefined;
  const what = file ? `cannot ${VERBS[err.syscall ?? ''] ?? err.syscall ?? 'use'} ${file}` : 'cannot write';
  const prefix = where.setting ? `${where.setting.name}: ` : '';
  return new SystemError(fault.code, `${prefix}${what} (${fault.reason}, ${err.code}): ${where.setting?.fix ?? fault.fix}.`, { cause: err });
}

/**
 * The one mapping from low-level errors (SQLite's SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR…;
 * the system's ENOSPC, EACCES, EROFS…; a listen's EADDRINUSE, ENOTFOUND…) to a SystemError whose
 * message names what to fix. Anything else (a bug, a user's mistake) gives undefined. Branches on
 * the errors' `code`, never on their message.
 */
export function describeError(err: unknown, where: Where = {}): SystemError | undefined {
  if (err instanceof SystemError) return err;
  const e = coded(err);
  if (!e) return undefined;
  if (e.code.startsWith('SQLITE_')) return sqlite(e, where);
  if (where.listen) return listening(e, where.listen) ?? fileSystem(e, where);
  return fileSystem(e, where);
}
