import { reindexSearch } from '../../search/indexer.js';
import { AuditRepository } from '../audit-repo.js';
import { CandidateRepository } from '../candidates-repo.js';
import { CommitmentRepository } from '../commitments-repo.js';
import type { Db } from '../db.js';
import { ImportRepository } from '../import-repo.js';
import { MessageRepository } from '../messages-repo.js';
import { PrefsRepository } from '../prefs-repo.js';

/** The repositories an operation writes through, on one SQLite database (the store, or a replica). */
export interface LocalStore {
  db: Db;
  commitments: CommitmentRepository;
  audit: AuditRepository;
  prefs: PrefsRepository;
  candidates: CandidateRepository;
  imports: ImportRepository;
  messages: MessageRepository;
  /**
   * After commitments were added: rebuilds the search index at once (inside the operation's
   * transaction), or, for a store made with `deferIndex`, at the next `flushIndex`.
   */
  reindex(): void;
  /** Rebuilds the search index if an operation asked for it since the last flush (deferIndex); whether it did. */
  flushIndex(): boolean;
}

/**
 * `deferIndex`: a replica applying a batch of log entries rebuilds its search index once per
 * batch, not once per captured item (a rebuild reads every item: per item, a replay of the log
 * at start would grow with the square of the items captured).
 */
export function localStore(db: Db, opts: { deferIndex?: boolean } = {}): LocalStore {
  let dirty = false;
  return {
    db,
    commitments: new CommitmentRepository(db),
    audit: new AuditRepository(db),
    prefs: new PrefsRepository(db),
    candidates: new CandidateRepository(db),
    imports: new ImportRepository(db),
    messages: new MessageRepository(db),
    reindex: () => {
      if (opts.deferIndex) dirty = true;
      else reindexSearch(db);
    },
    flushIndex: () => {
      if (!dirty) return false;
      db.transaction(() => reindexSearch(db))();
      dirty = false;
      return true;
    },
  };
}
