import type { Catalog } from '../catalog/load.js';
import { openingWords, type ParsedReport } from '../catalog/report.js';
import { commitmentRow } from './commitment-row.js';
import type { Db } from './db.js';
import { reindexSearch } from '../search/indexer.js';
import { THESAURUS_LINK } from '../search/query.js';

export interface SyncResult {
  changed: boolean;
  added: number;
  updated: number;
  retired: number;
}

/**
 * Loads the catalog into the store. Idempotent: an unchanged catalog (same hash) does nothing; a
 * changed one updates the catalog's own fields in one transaction and keeps what users added
 * (a status a user set, and everything later issues attach to an item). Items removed from the
 * data file are retired, not deleted, so their history survives.
 */
export function syncCatalog(db: Db, catalog: Catalog, now: Date): SyncResult {
  const m = catalog.meeting;
  const stored = db.prepare('SELECT catalog_hash FROM meetings WHERE id = ?').get(m.id) as { catalog_hash: string | null } | undefined;
  if (stored?.catalog_hash === catalog.hash) return { changed: false, added: 0, updated: 0, retired: 0 };
  const ts = now.toISOString();

  return db
    .transaction((): SyncResult => {
      db.prepare(
        `INSERT INTO meetings (id, name, short_name, held_from, held_to, place, citation, catalog_hash, loaded_at)
         VALUES (@id, @name, @short_name, @held_from, @held_to, @place, @citation, @hash, @ts)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, held_from = excluded.held_from,
           held_to = excluded.held_to, place = excluded.place, citation = excluded.citation,
           catalog_hash = excluded.catalog_hash, loaded_at = excluded.loaded_at`,
      ).run({ ...m, citation: m.citation, hash: catalog.hash, ts });

      db.prepare('DELETE FROM sections WHERE meeting_id = ?').run(m.id);
      const insSection = db.prepare('INSERT INTO sections (meeting_id, id, title, note, position) VALUES (?, ?, ?, ?, ?)');
      catalog.report.sections.forEach((s, i) => insSection.run(m.id, s.id, s.title, m.section_notes[s.id] ?? null, i));
      writeParagraphs(db, m.id, catalog.report);

      const upActor = db.prepare(
        `INSERT INTO actors (id, kind, name, acronym, surname, role, organisation_id, aliases)
         VALUES (@id, @kind, @name, @acronym, @surname, @role, @organisation, @aliases)
         ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, acronym = excluded.acronym,
           surname = excluded.surname, role = excluded.role, organisation_id = excluded.organisation_id, aliases = excluded.aliases`,
      );
      for (const a of catalog.actors)
        upActor.run({
          id: a.id,
          kind: a.kind,
          name: a.name,
          acronym: a.acronym ?? null,
          surname: a.surname ?? null,
          role: a.role ?? null,
          organisation: a.organisation ?? null,
          aliases: JSON.stringify(a.aliases),
        });

      const upTrack = db.prepare(
        `INSERT INTO tracks (id, name, description, aliases, position) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
           aliases = excluded.aliases, position = excluded.position`,
      );
      catalog.tracks.forEach((t, i) => upTrack.run(t.id, t.name, t.description, JSON.stringify(t.aliases), i));

      const upAgenda = db.prepare('INSERT INTO agenda_points (number, title) VALUES (?, ?) ON CONFLICT(number) DO UPDATE SET title = excluded.title');
      for (const a of catalog.agenda) upAgenda.run(a.number, a.title);

      db.prepare('DELETE FROM gfmd_priorities WHERE meeting_id = ?').run(m.id);
      const insPriority = db.prepare('INSERT INTO gfmd_priorities (meeting_id, number, title, commitment_id) VALUES (?, ?, ?, ?)');
      for (const p of catalog.gfmdPriorities) insPriority.run(m.id, p.number, p.title, p.commitment);

      const upAbbr = db.prepare(
        `INSERT INTO abbreviations (acronym, expansion, source) VALUES (?, ?, ?)
         ON CONFLICT(acronym) DO UPDATE SET expansion = excluded.expansion, source = excluded.source`,
      );
      for (const a of catalog.abbreviations) upAbbr.run(a.acronym, a.expansion, a.source);

      db.prepare('DELETE FROM thesaurus_terms').run();
      const insTerm = db.prepare('INSERT OR IGNORE INTO thesaurus_terms (concept, term, preferred) VALUES (?, ?, ?)');
      for (const c of catalog.thesaurus) {
        insTerm.run(c.id, c.preferred, 1);
        for (const t of c.synonyms) insTerm.run(c.id, t, 0);
        // A link to a related or broader concept: `term` holds that concept's id, `preferred` is
        // THESAURUS_LINK (the search reads a concept that occurs nowhere through a linked one the
        // question also names; see src/search/query.ts).
        for (const other of [...c.related, ...c.broader]) insTerm.run(c.id, other, THESAURUS_LINK);
      }

      const existing = new Map(
        (db.prepare("SELECT id FROM commitments WHERE meeting_id = ? AND origin = 'catalog'").all(m.id) as { id: string }[]).map((r) => [r.id, true]),
      );
      const insert = db.prepare(
        `INSERT INTO commitments (id, meeting_id, kind, summary, quote, section_id, paragraph, due_date, due_start, due_end,
           due_precision, due_basis, due_nature, due_reasoning, recurrence, catalog_status, status, status_source, origin, created_at, updated_at)
         VALUES (@id, @meeting, @kind, @summary, @quote, @section, @paragraph, @due_date, @due_start, @due_end,
           @due_precision, @due_basis, @due_nature, @due_reasoning, @recurrence, @status, @status, 'catalog', 'catalog', @ts, @ts)`,
      );
      const update = db.prepare(
        `UPDATE commitments SET kind = @kind, summary = @summary, quote = @quote, section_id = @section, paragraph = @paragraph,
           due_date = @due_date, due_start = @due_start, due_end = @due_end, due_precision = @due_precision,
           due_basis = @due_basis, due_nature = @due_nature, due_reasoning = @due_reasoning, recurrence = @recurrence, catalog_status = @status,
           status = CASE WHEN status_source = 'catalog' THEN @status ELSE status END,
           retired_at = NULL, updated_at = @ts
         WHERE id = @id`,
      );
      const delLinks = ['commitment_actors', 'commitment_tracks', 'commitment_agenda'].map((t) =>
        db.prepare(`DELETE FROM ${t} WHERE commitment_id = ?`),
      );
      const insActor = db.prepare('INSERT INTO commitment_actors (commitment_id, actor_id, position) VALUES (?, ?, ?)');
      const insTrack = db.prepare('INSERT INTO commitment_tracks (commitment_id, track_id) VALUES (?, ?)');
      const insAgenda = db.prepare('INSERT INTO commitment_agenda (commitment_id, number) VALUES (?, ?)');

      let added = 0;
      let updated = 0;
      for (const c of catalog.commitments) {
        const row = commitmentRow({ ...c, meetingId: m.id, section: c.source.section, paragraph: c.source.paragraph }, ts);
        if (existing.delete(c.id)) {
          update.run(row);
          updated++;
        } else {
          insert.run(row);
          added++;
        }
        for (const d of delLinks) d.run(c.id);
        c.actors.forEach((a, i) => insActor.run(c.id, a, i));
        for (const t of c.tracks) insTrack.run(c.id, t);
        for (const n of c.agenda) insAgenda.run(c.id, n);
      }
      const retire = db.prepare('UPDATE commitments SET retired_at = ?, updated_at = ? WHERE id = ? AND retired_at IS NULL');
      let retired = 0;
      for (const id of existing.keys()) retired += retire.run(ts, ts, id).changes;

      reindexSearch(db);
      return { changed: true, added, updated, retired };
    })
    .immediate();
}

/** The report's paragraphs as the loader counts them: citations quote their opening words. */
export function writeParagraphs(db: Db, meetingId: string, report: ParsedReport): void {
  db.prepare('DELETE FROM report_paragraphs WHERE meeting_id = ?').run(meetingId);
  const ins = db.prepare(
    'INSERT INTO report_paragraphs (meeting_id, section_id, number, line, text, opening, cut_start, cut_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const s of report.sections)
    for (const p of s.paragraphs) ins.run(meetingId, s.id, p.paragraph, p.line, p.text, openingWords(p), p.cutStart ? 1 : 0, p.cutEnd ? 1 : 0);
}
