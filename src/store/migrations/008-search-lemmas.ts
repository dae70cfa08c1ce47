import type { Migration } from './index.js';

/**
 * The full-text index holds lemmas instead of porter stems: the indexer writes each word's lemma
 * (src/search/lemmas.ts) and FTS5 only splits them (unicode61, no porter), so "incoming" no
 * longer finds "income" nor "closed" "closely". The old index is dropped, and every meeting's
 * catalog hash is cleared so that the next start reloads the catalog and rebuilds the index.
 * Column weights change with it (see below): the ranking's first key is now the query's coverage.
 *
 * The domain thesaurus (data/thesaurus.yaml) is stored beside the abbreviations: one row per
 * term of a concept; `preferred` marks the concept's own name.
 */
export const m008SearchLemmas: Migration = {
  version: 8,
  name: 'search-lemmas',
  up(db) {
    db.exec(`
      DROP TABLE commitment_fts_terms;
      DROP TABLE commitment_fts;
      CREATE VIRTUAL TABLE commitment_fts USING fts5(
        actors, summary, tracks, quote, body,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- What the item says (summary, quote) weighs more than who it names: a topic word in an
      -- actor's role ("Manager of the Migration and Remittances Unit") does not make the item about it.
      INSERT INTO commitment_fts (commitment_fts, rank) VALUES ('rank', 'bm25(4.0, 6.0, 2.0, 5.0, 1.0)');
      CREATE VIRTUAL TABLE commitment_fts_terms USING fts5vocab(commitment_fts, 'row');
      DELETE FROM search_terms;
      DELETE FROM search_champions;
      DELETE FROM search_words;
      UPDATE meetings SET catalog_hash = NULL;

      CREATE TABLE thesaurus_terms (
        concept   TEXT NOT NULL,
        term      TEXT NOT NULL,
        preferred INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (concept, term)
      ) WITHOUT ROWID;
    `);
  },
};
