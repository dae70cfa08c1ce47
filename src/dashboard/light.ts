import { DateTime } from 'luxon';

export const LIGHTS = ['green', 'amber', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

/** The rule, as the overview states it (the SDG Partnerships platform's, adapted per item). */
export const LIGHT_RULE = [
  'Red: a deadline that has passed on an item not done or dropped, or no update for more than two years.',
  'Amber: no update for more than a year (but not more than two).',
  'Green: updated within the last year, or done or dropped (nothing left to follow up).',
  'An item’s last update is its latest history entry (a status, owner or progress note given in chat, an import); an item nobody has touched yet counts from the last day of its meeting. Only deadlines can be overdue: a hoped-for date, an event or the end of a period is not.',
];

/**
 * A date `years` later as SQLite's date(d, '+N years') gives it (29 February → 1 March), so that
 * this rule and the maintained tallies (store migration 011) agree on every day.
 */
export function plusYears(day: string, years: number): string {
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  return DateTime.utc(d.year + years, d.month, 1).plus({ days: d.day - 1 }).toISODate()!;
}

export const DOABLE = "('commitment', 'action', 'activity', 'milestone')";

/** Overdue: a deadline before today on a doable item that is neither done nor dropped. */
export const OVERDUE_SQL = `(c.kind IN ${DOABLE} AND c.status NOT IN ('done', 'dropped') AND coalesce(c.due_nature, 'deadline') = 'deadline' AND c.due_end < @today)`;

/**
 * The rule in code, on one item: red when overdue or last updated more than two years before
 * `today`, amber more than one year. The store keeps the same rule as each item's first red and
 * amber day (dashboard_items, migration 011); tests/dashboard/light.test.ts checks they agree.
 */
export function lightOf(status: string, overdue: boolean, lastUpdate: string, today: string): Light {
  if (status === 'done' || status === 'dropped') return 'green';
  const last = lastUpdate.slice(0, 10);
  if (overdue || plusYears(last, 2) < today) return 'red';
  return plusYears(last, 1) < today ? 'amber' : 'green';
}

/** The traffic light in SQL, of a `d` dashboard_items row on @today. */
export const LIGHT_SQL = "(CASE WHEN d.red_from <= @today THEN 'red' WHEN d.amber_from <= @today THEN 'amber' ELSE 'green' END)";
