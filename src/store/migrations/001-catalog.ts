import type { Migration } from './index.js';

/** The catalog: meetings, actors, tracks, commitments and their full-text index. */
export const m001Catalog: Migration = {
  version: 1,
  name: 'catalog',
  up(db) {
    db.exec(`
      CREATE TABLE meetings (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        short_name   TEXT NOT NULL,
        held_from    TEXT NOT NULL,
        held_to      TEXT NOT NULL,
        place        TEXT NOT NULL,
        citation     TEXT NOT NULL,
        catalog_hash TEXT,
        loaded_at    TEXT
      );
      CREATE TABLE sections (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        id         TEXT NOT NULL,
        title      TEXT NOT NULL,
        note       TEXT,
        position   INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, id)
      ) WITHOUT ROWID;
      CREATE TABLE actors (
        id              TEXT PRIMARY KEY,
        kind            TEXT NOT NULL,
        name            TEXT NOT NULL,
        acronym         TEXT,
        surname         TEXT,
        role            TEXT,
        organisation_id TEXT,
        aliases         TEXT NOT NULL DEFAULT '[]'
      );
      CREATE TABLE tracks (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        description TEXT NOT NULL,
        aliases     TEXT NOT NULL DEFAULT '[]',
        position    INTEGER NOT NULL
      );
      CREATE TABLE agenda_points (
        number INTEGER PRIMARY KEY,
        title  TEXT NOT NULL
      );
      CREATE TABLE gfmd_priorities (
        meeting_id    TEXT NOT NULL REFERENCES meetings(id),
        number        INTEGER NOT NULL,
        title         TEXT NOT NULL,
        commitment_id TEXT NOT NULL,
        PRIMARY KEY (meeting_id, number)
      );
      CREATE TABLE abbreviations (
        acronym   TEXT PRIMARY KEY COLLATE NOCASE,
        expansion TEXT NOT NULL,
        source    TEXT NOT NULL
      );

      -- seq is the integer key the full-text index uses; id is the stable public slug.
      CREATE TABLE commitments (
        seq            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        meeting_id     TEXT NOT NULL REFERENCES meetings(id),
        kind           TEXT NOT NULL,
        summary        TEXT NOT NULL,
        quote          TEXT NOT NULL,
        section_id     TEXT NOT NULL,
        paragraph      INTEGER NOT NULL,
        due_date       TEXT,
        due_start      TEXT,
        due_end        TEXT,
        due_precision  TEXT,
        due_basis      TEXT,
        due_reasoning  TEXT,
        recurrence     TEXT,
        catalog_status TEXT NOT NULL,
        -- status is the catalog's until a user changes it; then status_source = 'user' and reloads keep it.
        status         TEXT NOT NULL,
        status_source  TEXT NOT NULL DEFAULT 'catalog',
        origin         TEXT NOT NULL DEFAULT 'catalog',
        retired_at     TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE INDEX commitments_due_end ON commitments(due_end) WHERE due_end IS NOT NULL;
      CREATE INDEX commitments_meeting ON commitments(meeting_id);

      CREATE TABLE commitment_actors (
        commitment_id TEXT NOT NULL REFERENCES commitments(id),
        actor_id      TEXT NOT NULL,
        position      INTEGER NOT NULL,
        PRIMARY KEY (commitment_id, actor_id)
      ) WITHOUT ROWID;
      CREATE INDEX commitment_actors_actor ON commitment_actors(actor_id, commitment_id);

      CREATE TABLE commitment_tracks (
        commitment_id TEXT NOT NULL REFERENCES commitments(id),
        track_id      TEXT NOT NULL,
        PRIMARY KEY (commitment_id, track_id)
      ) WITHOUT ROWID;
      CREATE INDEX commitment_tracks_track ON commitment_tracks(track_id, commitment_id);

      CREATE TABLE commitment_agenda (
        commitment_id TEXT NOT NULL REFERENCES commitments(id),
        number        INTEGER NOT NULL,
        PRIMARY KEY (commitment_id, number)
      ) WITHOUT ROWID;
      CREATE INDEX commitment_agenda_number ON commitment_agenda(number, commitment_id);

      -- Full-text index. rowid = commitments.seq. Column weights are applied in bm25() at query time.
      CREATE VIRTUAL TABLE commitment_fts USING fts5(
        actors, summary, tracks, quote, body,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      -- Actors and summaries weigh most, then tracks, the quote, and the rest of the text.
      INSERT INTO commitment_fts (commitment_fts, rank) VALUES ('rank', 'bm25(10.0, 8.0, 3.0, 2.0, 1.0)');
      CREATE VIRTUAL TABLE commitment_fts_terms USING fts5vocab(commitment_fts, 'row');

      -- Unstemmed words of the indexed text with their document frequency: typo correction.
      CREATE TABLE search_words (
        word TEXT PRIMARY KEY,
        df   INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- Champion lists: for each common stem, the documents with its best bm25 contribution
      -- (score as FTS5's rank: lower is better). Rebuilt with the index.
      -- Per document: its length in tokens and each stem's bm25-weighted frequency
      -- (" stem:freq stem:freq "), so a document's exact score needs no re-tokenising.
      CREATE TABLE search_terms (
        seq    INTEGER PRIMARY KEY,
        length INTEGER NOT NULL,
        terms  TEXT NOT NULL
      );
      CREATE TABLE search_stats (
        id     INTEGER PRIMARY KEY CHECK (id = 1),
        rows    INTEGER NOT NULL,
        tokens  INTEGER NOT NULL,
        -- bumped at every rebuild, so long-lived readers know to drop their caches
        version INTEGER NOT NULL DEFAULT 1
      );
      -- seqs: little-endian int32 array; scores: float64 array, best first.
      CREATE TABLE search_champions (
        stem   TEXT PRIMARY KEY,
        seqs   BLOB NOT NULL,
        scores BLOB NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
