import type { Migration } from './index.js';

/**
 * - `commitments.due_nature`: what an item's date is (deadline, hope, event, end; see NATURES in
 *   src/catalog/schema.ts). Dates stored before it are deadlines, as they were read until now.
 * - `report_paragraphs`: the report's paragraphs as the loader counts them, so a citation can give
 *   the paragraph's opening words and a quote can show where the extracted text breaks off.
 * - The catalog's meetings are marked for reloading, so the next start fills both.
 */
export const m007DueNatureAndParagraphs: Migration = {
  version: 7,
  name: 'due-nature-and-paragraphs',
  up(db) {
    db.exec(`
      ALTER TABLE commitments ADD COLUMN due_nature TEXT CHECK (due_nature IN ('deadline', 'hope', 'event', 'end'));
      UPDATE commitments SET due_nature = 'deadline' WHERE due_date IS NOT NULL;
      CREATE TABLE report_paragraphs (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        section_id TEXT NOT NULL,
        number     INTEGER NOT NULL,
        line       INTEGER NOT NULL,
        text       TEXT NOT NULL,
        opening    TEXT NOT NULL,
        cut_start  INTEGER NOT NULL CHECK (cut_start IN (0, 1)),
        cut_end    INTEGER NOT NULL CHECK (cut_end IN (0, 1)),
        PRIMARY KEY (meeting_id, section_id, number)
      ) WITHOUT ROWID;
      UPDATE meetings SET catalog_hash = NULL WHERE catalog_hash IS NOT NULL;
    `);
  },
};
