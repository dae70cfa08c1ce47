import type { PgMigration } from './index.js';

/**
 * The follow-up data's tables, which PostgreSQL had from its baseline (008–011) for parity with
 * SQLite, go: since 014 that data is the shared log, and every instance holds it in its own
 * SQLite replica (catalog, items, history, owners, focal points, time zones, captured messages,
 * imports under review, the dashboard's tallies). Nothing ever wrote these tables on PostgreSQL;
 * if one holds rows all the same, the migration stops (one transaction: nothing is dropped) and
 * says how to carry them over, rather than lose them.
 */
export const REPLICA_TABLES = [
  'dashboard_tallies', 'dashboard_items', 'commitment_messages', 'candidates', 'focal_points', 'zones', 'audit',
  'commitment_actors', 'commitment_tracks', 'commitment_agenda', 'report_paragraphs', 'gfmd_priorities', 'commitments',
  'thesaurus_terms', 'abbreviations', 'agenda_points', 'tracks', 'actors', 'sections', 'meetings',
] as const;

export const pg015ReplicaTables: PgMigration = {
  version: 15,
  name: 'replica-tables',
  sql: `
    DO $$
    DECLARE t text; held boolean;
    BEGIN
      FOREACH t IN ARRAY ARRAY['${REPLICA_TABLES.join("', '")}'] LOOP
        IF to_regclass(t) IS NOT NULL THEN
          EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', t) INTO STRICT held;
          IF held THEN
            RAISE EXCEPTION 'table % holds rows that this version keeps in the shared log: export them with the previous version (followup export json) and import them after migrating', t;
          END IF;
        END IF;
      END LOOP;
    END $$;
    DROP TABLE IF EXISTS ${REPLICA_TABLES.join(', ')} CASCADE;
    DROP FUNCTION IF EXISTS followup_dashboard_on_commitments(), followup_dashboard_on_audit(), followup_dashboard_on_meetings(),
      followup_dashboard_refresh(text[]), followup_day_plus(text, integer, integer);
  `,
};
