import type { Migration } from './index.js';

/**
 * The dashboard's overview reads maintained tallies, not every item (issue 12: the first build
 * after a change read every live item's index entry, ~95 ms at 100,000 items).
 *
 * `dashboard_items` holds, per live item, what the overview counts: its status and kind, and the
 * first day on which its traffic light turns red (`red_from`) and amber-or-red (`amber_from`, never
 * after red_from), the deadline of an open item (`due_open`) and of an open doable deadline
 * (`deadline_open`, what can be overdue). Both light days are fixed by the item's own data: a
 * deadline passes the day after it (overdue), and an item turns amber/red the day after one/two
 * years have passed since its last update (its latest history entry, else its meeting's last day).
 * So on any day T: red = #(red_from ≤ T), amber = #(amber_from ≤ T) − red, green = the rest.
 *
 * `dashboard_tallies` counts the items per (axis, day): a few thousand rows at most (one per day
 * that occurs), so the overview sums a short index range whatever the number of items.
 *
 * Triggers keep both exact on every write that moves them (a status, an owner-less edit of the
 * dates, a history entry, a retirement, a meeting's dates): each recomputes the items it touches
 * (take their old contribution out, put the new one in), so every writer — chat, import, catalog
 * reload, another process — keeps them right without knowing they exist. PostgreSQL's 011 does the
 * same with a plpgsql function.
 */

/** The axes an item counts on: [axis expression, day expression, when it counts]. */
const AXES: ReadonlyArray<readonly [string, string, string]> = [
  ["'status:' || status", "''", 'status IS NOT NULL'],
  ["'kind:' || kind", "''", 'kind IS NOT NULL'],
  ["'red'", 'red_from', 'red_from IS NOT NULL'],
  ["'amber'", 'amber_from', 'amber_from IS NOT NULL'],
  ["'due'", 'due_open', 'due_open IS NOT NULL'],
  ["'deadline'", 'deadline_open', 'deadline_open IS NOT NULL'],
];

/** The axes of the items `sel` selects (a condition on dashboard_items), grouped: (axis, day, k). */
function axesOf(sel: string): string {
  return AXES.map(([axis, day, has]) => `SELECT ${axis} AS axis, ${day} AS day, count(*) AS k FROM dashboard_items WHERE (${sel}) AND ${has} GROUP BY 1, 2`).join(' UNION ALL ');
}

const CLOSED = "('done', 'dropped')";
const DOABLE = "('commitment', 'action', 'activity', 'milestone')";

/**
 * Recomputes the items that `onItems` (a condition on dashboard_items.commitment_id) and
 * `onCommitments` (the same condition on c.id) select: out with the old tallies, in with the new.
 */
export function refreshSql(onItems: string, onCommitments: string): string {
  return `
    UPDATE dashboard_tallies SET n = n - g.k FROM (${axesOf(onItems)}) AS g WHERE dashboard_tallies.axis = g.axis AND dashboard_tallies.day = g.day;
    DELETE FROM dashboard_items WHERE ${onItems};
    INSERT INTO dashboard_items (commitment_id, status, kind, red_from, amber_from, due_open, deadline_open)
      SELECT id, status, kind, red_from, CASE WHEN red_from IS NULL THEN NULL WHEN stale_amber IS NULL THEN red_from ELSE min(red_from, stale_amber) END, due_open, deadline_open FROM (
        SELECT id, status, kind, due_open, deadline_open, stale_amber,
          CASE WHEN closed THEN NULL WHEN overdue_from IS NOT NULL AND (stale_red IS NULL OR overdue_from < stale_red) THEN overdue_from ELSE stale_red END AS red_from
        FROM (
          SELECT id, status, kind, closed, due_open, deadline_open,
            date(deadline_open, '+1 day') AS overdue_from,
            date(last, '+2 years', '+1 day') AS stale_red,
            date(last, '+1 year', '+1 day') AS stale_amber
          FROM (
            SELECT c.id, c.status, c.kind, c.status IN ${CLOSED} AS closed,
              CASE WHEN c.status NOT IN ${CLOSED} THEN c.due_end END AS due_open,
              CASE WHEN c.status NOT IN ${CLOSED} AND c.kind IN ${DOABLE} AND coalesce(c.due_nature, 'deadline') = 'deadline' THEN c.due_end END AS deadline_open,
              substr(coalesce((SELECT max(a.at) FROM audit a WHERE a.commitment_id = c.id), (SELECT m.held_to FROM meetings m WHERE m.id = c.meeting_id)), 1, 10) AS last
            FROM commitments c WHERE c.retired_at IS NULL AND (${onCommitments})
          )
        )
      ) WHERE true;
    INSERT INTO dashboard_tallies (axis, day, n) SELECT axis, day, k FROM (${axesOf(onItems)}) WHERE true
      ON CONFLICT (axis, day) DO UPDATE SET n = n + excluded.n;`;
}

/** A trigger body for one item id (`OLD.id`, `NEW.commitment_id` …). */
const one = (id: string): string => refreshSql(`commitment_id = ${id}`, `c.id = ${id}`);

/**
 * The tables, the same on both engines (PostgreSQL's 011 runs this text too); with them the index
 * by which an item's page finds the reminders about it.
 */
export const DASHBOARD_TALLY_TABLES = `
  CREATE TABLE dashboard_items (
    commitment_id TEXT PRIMARY KEY,
    status        TEXT NOT NULL,
    kind          TEXT NOT NULL,
    red_from      TEXT,
    amber_from    TEXT,
    due_open      TEXT,
    deadline_open TEXT
  );
  CREATE INDEX dashboard_items_red ON dashboard_items(red_from);
  CREATE INDEX dashboard_items_amber ON dashboard_items(amber_from, red_from);
  CREATE TABLE dashboard_tallies (
    axis TEXT NOT NULL,
    day  TEXT NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (axis, day)
  );
  CREATE INDEX subscriptions_topic ON subscriptions(topic_kind, topic_query);`;

export const m011DashboardTallies: Migration = {
  version: 11,
  name: 'dashboard-tallies',
  up(db) {
    db.exec(DASHBOARD_TALLY_TABLES);
    db.exec(`
      CREATE TRIGGER dashboard_commitment_added AFTER INSERT ON commitments BEGIN ${one('NEW.id')} END;
      CREATE TRIGGER dashboard_commitment_changed AFTER UPDATE OF id, status, kind, due_end, due_nature, retired_at, meeting_id ON commitments BEGIN ${one('NEW.id')} END;
      CREATE TRIGGER dashboard_commitment_renamed AFTER UPDATE OF id ON commitments WHEN OLD.id <> NEW.id BEGIN ${one('OLD.id')} END;
      CREATE TRIGGER dashboard_commitment_removed AFTER DELETE ON commitments BEGIN ${one('OLD.id')} END;
      CREATE TRIGGER dashboard_history_added AFTER INSERT ON audit BEGIN ${one('NEW.commitment_id')} END;
      CREATE TRIGGER dashboard_history_changed AFTER UPDATE OF commitment_id, at ON audit BEGIN ${one('NEW.commitment_id')} END;
      CREATE TRIGGER dashboard_history_moved AFTER UPDATE OF commitment_id ON audit WHEN OLD.commitment_id <> NEW.commitment_id BEGIN ${one('OLD.commitment_id')} END;
      CREATE TRIGGER dashboard_history_removed AFTER DELETE ON audit BEGIN ${one('OLD.commitment_id')} END;
      CREATE TRIGGER dashboard_meeting_dates AFTER UPDATE OF held_to ON meetings BEGIN
        ${refreshSql('commitment_id IN (SELECT id FROM commitments WHERE meeting_id = NEW.id)', 'c.meeting_id = NEW.id')}
      END;
    `);
    db.exec(refreshSql('true', 'true'));
  },
};
