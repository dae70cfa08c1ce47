import type { ActorRow } from '../store/commitments-repo.js';
import type { Db } from '../store/db.js';
import { lemmas, tokens } from './lemmas.js';

/** bm25 column weights: actors, summary, tracks, quote, body (as the index's rank setting). */
export const COLUMN_WEIGHTS = [4, 6, 2, 5, 1] as const;

/** A word in more documents than this gets a champion list (see SearchIndex). */
export const CHAMPION_MIN_DF = 2_000;
/** How many documents a champion list keeps. */
export const CHAMPION_SIZE = 1_000;

/** The text an actor is found by: names, acronym, surname, aliases, role, and its organisations'. */
function actorText(actors: Map<string, ActorRow>, id: string): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (let a = actors.get(id); a && !seen.has(a.id); a = a.organisation_id ? actors.get(a.organisation_id) : undefined) {
    seen.add(a.id);
    parts.push(a.name, a.acronym ?? '', a.surname ?? '', ...(JSON.parse(a.aliases) as string[]));
    if (seen.size === 1) parts.push(a.role ?? '');
  }
  return parts.filter(Boolean).join(' ');
}

/**
 * Rebuilds the full-text index and the word list from the stored commitments. Columns:
 * actors (names, acronyms, surnames, roles), summary, tracks (track names and agenda titles),
 * quote (the verbatim quote), body (kind, acronym expansions of what the quote mentions).
 * The index holds each word's lemma (see lemmas.ts), which queries and highlights use too.
 */
export function reindexSearch(db: Db): void {
  const actors = new Map((db.prepare('SELECT * FROM actors').all() as ActorRow[]).map((a) => [a.id, a]));
  const tracks = new Map(
    (db.prepare('SELECT id, name, aliases FROM tracks').all() as { id: string; name: string; aliases: string }[]).map((t) => [
      t.id,
      `${t.name} ${(JSON.parse(t.aliases) as string[]).join(' ')}`,
    ]),
  );
  const agenda = new Map((db.prepare('SELECT number, title FROM agenda_points').all() as { number: number; title: string }[]).map((a) => [a.number, a.title]));
  // Every mention of an acronym or of its expansion gets both forms in the body column.
  const abbreviations = (db.prepare('SELECT acronym, expansion FROM abbreviations').all() as { acronym: string; expansion: string }[]).map((a) => ({
    ...a,
    acronymKey: ` ${lemmas(a.acronym).join(' ')} `,
    expansionKey: ` ${lemmas(a.expansion).join(' ')} `,
  }));
  const links = <T>(sql: string): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const r of db.prepare(sql).raw().all() as [string, T][]) {
      const list = map.get(r[0]) ?? [];
      list.push(r[1]);
      map.set(r[0], list);
    }
    return map;
  };
  const actorLinks = links<string>('SELECT commitment_id, actor_id FROM commitment_actors ORDER BY commitment_id, position');
  const trackLinks = links<string>('SELECT commitment_id, track_id FROM commitment_tracks');
  const agendaLinks = links<number>('SELECT commitment_id, number FROM commitment_agenda');

  db.prepare('DELETE FROM commitment_fts').run();
  db.prepare('DELETE FROM search_terms').run();
  const insTerms = db.prepare('INSERT INTO search_terms (seq, length, terms) VALUES (?, ?, ?)');
  db.prepare('DELETE FROM search_words').run();
  const insert = db.prepare('INSERT INTO commitment_fts (rowid, actors, summary, tracks, quote, body) VALUES (?, ?, ?, ?, ?, ?)');
  const df = new Map<string, number>();
  let totalTokens = 0;
  let docs = 0;
  const rows = db
    .prepare('SELECT seq, id, kind, summary, quote FROM commitments WHERE retired_at IS NULL')
    .all() as Array<{ seq: number; id: string; kind: string; summary: string; quote: string }>;
  for (const c of rows) {
    const actorsCol = (actorLinks.get(c.id) ?? []).map((a) => actorText(actors, a)).join(' ; ');
    const tracksCol = [
      ...(trackLinks.get(c.id) ?? []).map((t) => tracks.get(t) ?? t),
      ...(agendaLinks.get(c.id) ?? []).map((n) => `agenda ${n} ${agenda.get(n) ?? ''}`),
    ].join(' ; ');
    const text = ` ${lemmas(`${actorsCol} ${c.summary} ${c.quote}`).join(' ')} `;
    const mentioned = abbreviations.filter((a) => text.includes(a.acronymKey) || text.includes(a.expansionKey));
    const body = [c.kind, c.id.replace(/-/g, ' '), ...mentioned.map((a) => `${a.acronym} ${a.expansion}`)].join(' ; ');
    const columns = [actorsCol, c.summary, tracksCol, c.quote, body].map(tokens);
    insert.run(c.seq, ...columns.map((col) => col.map((t) => t.lemma).join(' ')));
    const weighted = new Map<string, number>();
    columns.forEach((col, i) => {
      for (const t of col) weighted.set(t.lemma, (weighted.get(t.lemma) ?? 0) + COLUMN_WEIGHTS[i]!);
    });
    const all = columns.flat();
    insTerms.run(c.seq, all.length, ` ${[...weighted].map(([k, v]) => `${k}:${v}`).join(' ')} `);
    totalTokens += all.length;
    docs++;
    for (const w of new Set(all.map((t) => t.word))) df.set(w, (df.get(w) ?? 0) + 1);
  }
  db.prepare(
    'INSERT INTO search_stats (id, rows, tokens) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET rows = excluded.rows, tokens = excluded.tokens, version = version + 1',
  ).run(docs, totalTokens);
  const insWord = db.prepare('INSERT INTO search_words (word, df) VALUES (?, ?)');
  for (const [w, n] of df) if (w.length >= 3 && !/^\d+$/.test(w)) insWord.run(w, n);
  buildChampions(db);
}

/**
 * For every common word, stores the documents where it weighs most in bm25 (its single-word
 * rank). A query then combines these short lists instead of ranking every document that
 * contains a common word; bm25 is a sum over the query's words, so the combination is the
 * bm25 of the whole query for every document in the lists.
 */
function buildChampions(db: Db): void {
  db.prepare('DELETE FROM search_champions').run();
  const top = db.prepare('SELECT rowid AS seq, rank AS score FROM commitment_fts WHERE commitment_fts MATCH ? ORDER BY rank LIMIT ?');
  // (The column is named stem since migration 1; it holds lemmas.)
  const ins = db.prepare('INSERT OR REPLACE INTO search_champions (stem, seqs, scores) VALUES (?, ?, ?)');
  const common = db.prepare('SELECT term FROM commitment_fts_terms WHERE doc > ?').pluck().all(CHAMPION_MIN_DF) as string[];
  for (const term of common) {
    const rows = top.all(`"${term}"`, CHAMPION_SIZE) as Array<{ seq: number; score: number }>;
    const seqs = Int32Array.from(rows, (r) => r.seq);
    const scores = Float64Array.from(rows, (r) => r.score);
    ins.run(term, Buffer.from(seqs.buffer), Buffer.from(scores.buffer));
  }
}
