import { loadCatalog } from '../src/catalog/load.js';
import { normaliseWhitespace } from '../src/catalog/report.js';
import { reindexSearch } from '../src/search/indexer.js';
import { syncCatalog } from '../src/store/catalog-sync.js';
import type { Db } from '../src/store/db.js';

/** A deterministic pseudo-random generator (mulberry32), so every run builds the same catalog. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticDoc {
  id: string;
  actors: string;
  summary: string;
  tracks: string;
  quote: string;
  body: string;
}

/**
 * Builds `n` commitments whose text is drawn from the report's own words with their own
 * frequencies, so common words ("migration", "development") occur in most items, as they do in
 * real catalogs. The real catalog is loaded first (actors, tracks), then the synthetic items.
 */
export function buildSyntheticCatalog(db: Db, n: number, seed = 42): SyntheticDoc[] {
  const catalog = loadCatalog();
  syncCatalog(db, catalog, new Date('2014-03-01T00:00:00Z'));
  const words = catalog.report.sections
    .filter((s) => s.id !== 'front' && s.id !== 'explanatory-notes')
    .flatMap((s) => s.paragraphs)
    .flatMap((p) => normaliseWhitespace(p.text).split(' '))
    .map((w) => w.replace(/^[“"(]+|[”").,;:]+$/g, ''))
    .filter((w) => w.length > 0);
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const sentence = (min: number, max: number): string => {
    const len = min + Math.floor(random() * (max - min));
    const start = Math.floor(random() * (words.length - len));
    // Runs of the report's words, stitched from two places: realistic phrases and frequencies.
    const half = Math.floor(len / 2);
    const other = Math.floor(random() * (words.length - len));
    return [...words.slice(start, start + half), ...words.slice(other, other + len - half)].join(' ');
  };
  const actors = catalog.actors.map((a) => a.id);
  const tracks = catalog.tracks.map((t) => t.id);
  const kinds = ['commitment', 'action', 'proposal', 'priority', 'activity', 'milestone'];

  const insert = db.prepare(
    `INSERT INTO commitments (id, meeting_id, kind, summary, quote, section_id, paragraph, due_date, due_start, due_end,
       due_precision, due_basis, catalog_status, status, origin, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'report-of-the-twelfth-meeting', 1, ?, ?, ?, 'day', 'stated', 'open', 'open', 'bench', '2014-03-01', '2014-03-01')`,
  );
  const insActor = db.prepare('INSERT INTO commitment_actors (commitment_id, actor_id, position) VALUES (?, ?, ?)');
  const insTrack = db.prepare('INSERT OR IGNORE INTO commitment_tracks (commitment_id, track_id) VALUES (?, ?)');
  const docs: SyntheticDoc[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = `bench-${i}`;
      const summary = sentence(10, 22);
      const quote = sentence(18, 40);
      const day = new Date(Date.UTC(2014, 0, 1) + Math.floor(random() * 1500) * 86_400_000).toISOString().slice(0, 10);
      insert.run(id, catalog.meeting.id, pick(kinds), summary, quote, day, day, day);
      const a = [pick(actors), pick(actors)];
      [...new Set(a)].forEach((x, k) => insActor.run(id, x, k));
      insTrack.run(id, pick(tracks));
      docs.push({ id, actors: '', summary, tracks: '', quote, body: '' });
    }
    reindexSearch(db);
  })();
  // Read back the exact indexed text so other engines index the same documents.
  const rows = db
    .prepare('SELECT c.id, f.actors, f.summary, f.tracks, f.quote, f.body FROM commitment_fts f JOIN commitments c ON c.seq = f.rowid')
    .all() as SyntheticDoc[];
  return rows;
}
