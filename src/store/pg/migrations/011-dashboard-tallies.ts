import { DASHBOARD_TALLY_TABLES } from '../../migrations/011-dashboard-tallies.js';
import type { PgMigration } from './index.js';

/** An item's axes (axis, day) for the tallies, from a `d` dashboard_items row. */
const AXES = `CROSS JOIN LATERAL (VALUES ('status:' || d.status, ''), ('kind:' || d.kind, ''), ('red', d.red_from), ('amber', d.amber_from), ('due', d.due_open), ('deadline', d.deadline_open)) AS v(axis, day)`;

/** A row trigger on `table` that refreshes the item its `key` column names (before and after an update). */
const rowTrigger = (table: string, key: string, columns: string): string => `
    CREATE FUNCTION followup_dashboard_on_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN PERFORM followup_dashboard_refresh(ARRAY[NEW.${key}]);
      ELSIF TG_OP = 'UPDATE' THEN PERFORM followup_dashboard_refresh(ARRAY[OLD.${key}, NEW.${key}]);
      ELSE PERFORM followup_dashboard_refresh(ARRAY[OLD.${key}]);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER dashboard_${table} AFTER INSERT OR DELETE OR UPDATE OF ${columns} ON ${table}
      FOR EACH ROW EXECUTE FUNCTION followup_dashboard_on_${table}();`;

/**
 * SQLite's 011 (the overview's maintained tallies): the same tables, and the same rule kept by
 * one plpgsql function the triggers call. Day arithmetic follows SQLite's date(d, '+N years',
 * '+M days') (29 February + 1 year → 1 March), so both engines count every day alike; text that is
 * not a date gives NULL, as in SQLite. Refreshes take one transaction-scoped advisory lock, so two
 * instances writing at once change the tallies one after the other instead of deadlocking on them.
 */
export const pg011DashboardTallies: PgMigration = {
  version: 11,
  name: 'dashboard-tallies',
  sql: `
    ${DASHBOARD_TALLY_TABLES}

    CREATE FUNCTION followup_day_plus(d text, years integer, days integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN d ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' AND substr(d, 6, 2)::integer BETWEEN 1 AND 12 AND substr(d, 9, 2)::integer BETWEEN 1 AND 31
        THEN to_char(make_date(substr(d, 1, 4)::integer + years, substr(d, 6, 2)::integer, 1) + (substr(d, 9, 2)::integer - 1 + days), 'YYYY-MM-DD') END
    $$;

    CREATE FUNCTION followup_dashboard_refresh(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('followup.dashboard_tallies'));
      UPDATE dashboard_tallies t SET n = t.n - g.k
        FROM (SELECT v.axis, v.day, count(*) AS k FROM dashboard_items d ${AXES} WHERE d.commitment_id = ANY(ids) AND v.day IS NOT NULL GROUP BY 1, 2) g
        WHERE t.axis = g.axis AND t.day = g.day;
      DELETE FROM dashboard_items WHERE commitment_id = ANY(ids);
      INSERT INTO dashboard_items (commitment_id, status, kind, red_from, amber_from, due_open, deadline_open)
        SELECT id, status, kind, red_from, CASE WHEN red_from IS NULL THEN NULL WHEN stale_amber IS NULL THEN red_from ELSE least(red_from, stale_amber) END, due_open, deadline_open FROM (
          SELECT z.*, CASE WHEN closed THEN NULL WHEN overdue_from IS NOT NULL AND (stale_red IS NULL OR overdue_from < stale_red) THEN overdue_from ELSE stale_red END AS red_from FROM (
            SELECT y.*, followup_day_plus(deadline_open, 0, 1) AS overdue_from, followup_day_plus(last, 2, 1) AS stale_red, followup_day_plus(last, 1, 1) AS stale_amber FROM (
              SELECT c.id, c.status, c.kind, c.status IN ('done', 'dropped') AS closed,
                CASE WHEN c.status NOT IN ('done', 'dropped') THEN c.due_end END AS due_open,
                CASE WHEN c.status NOT IN ('done', 'dropped') AND c.kind IN ('commitment', 'action', 'activity', 'milestone') AND coalesce(c.due_nature, 'deadline') = 'deadline' THEN c.due_end END AS deadline_open,
                substr(coalesce(to_char((SELECT max(a.at) FROM audit a WHERE a.commitment_id = c.id) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), (SELECT m.held_to FROM meetings m WHERE m.id = c.meeting_id)), 1, 10) AS last
              FROM commitments c WHERE c.retired_at IS NULL AND c.id = ANY(ids)
            ) y
          ) z
        ) x;
      INSERT INTO dashboard_tallies (axis, day, n)
        SELECT v.axis, v.day, count(*) FROM dashboard_items d ${AXES} WHERE d.commitment_id = ANY(ids) AND v.day IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (axis, day) DO UPDATE SET n = dashboard_tallies.n + excluded.n;
    END $$;

    ${rowTrigger('commitments', 'id', 'id, status, kind, due_end, due_nature, retired_at, meeting_id')}
    ${rowTrigger('audit', 'commitment_id', 'commitment_id, at')}

    CREATE FUNCTION followup_dashboard_on_meetings() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM followup_dashboard_refresh(ARRAY(SELECT id FROM commitments WHERE meeting_id = NEW.id));
      RETURN NULL;
    END $$;
    CREATE TRIGGER dashboard_meetings AFTER UPDATE OF held_to ON meetings
      FOR EACH ROW EXECUTE FUNCTION followup_dashboard_on_meetings();

    SELECT followup_dashboard_refresh(ARRAY(SELECT id FROM commitments));
  `,
};
