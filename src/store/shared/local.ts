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
  /** Rebuilds the search index after commitments were added (inside the operation's transaction). */
  reindex(): void;
}

export function localStore(db: Db): LocalStore {
  return {
    db,
    commitments: new CommitmentRepository(db),
    audit: new AuditRepository(db),
    prefs: new PrefsRepository(db),
    candidates: new CandidateRepository(db),
    imports: new ImportRepository(db),
    messages: new MessageRepository(db),
    reindex: () => reindexSearch(db),
  };
}
