import { DateTime } from 'luxon';

export const LIGHTS = ['green', 'amber', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

/** The rule, as the overview states it (the SDG Partnerships platform's, adapted per item). */
export const LIGHT_RULE = [
  'Red: a deadline that has passed on an item not done or dropped, or no update for two years or more.',
  'Amber: no update for one year or more (but less than two).',
  'Green: updated within the last year, or done or dropped (nothing left to follow up).',
  'An item’s last update is its latest history entry (a status, owner or progress note given in chat, an import); an item nobody has touched yet counts from the last day of its meeting. Only deadlines can be overdue: a hoped-for date, an event or the end of a period is not.',
];

/** The dates the rule compares with, from today (YYYY-MM-DD, the bot's zone). */
export function lightBounds(today: string): { today: string; oneYear: string; twoYears: string } {
  const d = DateTime.fromISO(today, { zone: 'UTC' });
  return { today, oneYear: d.minus({ years: 1 }).toISODate()!, twoYears: d.minus({ years: 2 }).toISODate()! };
}

export const DOABLE = "('commitment', 'action', 'activity', 'milestone')";

/** An item's last update: its latest history entry, else the last day of its meeting. */
export const LAST_UPDATE_SQL = '(SELECT coalesce(max(a.at), (SELECT held_to FROM meetings WHERE id = c.meeting_id)) FROM audit a WHERE a.commitment_id = c.id)';

/** Overdue: a deadline before today on a doable item that is neither done nor dropped. */
export const OVERDUE_SQL = `(c.kind IN ${DOABLE} AND c.status NOT IN ('done', 'dropped') AND coalesce(c.due_nature, 'deadline') = 'deadline' AND c.due_end < @today)`;

/** The same rule in code, for counts built from grouped rows (see DashboardData.counts). */
export function lightOf(status: string, overdue: boolean, lastUpdate: string, b: { oneYear: string; twoYears: string }): Light {
  if (status === 'done' || status === 'dropped') return 'green';
  if (overdue || lastUpdate < b.twoYears) return 'red';
  return lastUpdate < b.oneYear ? 'amber' : 'green';
}

/** The traffic light in SQL (of `c` commitments, parameters @today @oneYear @twoYears). */
export const LIGHT_SQL = `(CASE
  WHEN c.status IN ('done', 'dropped') THEN 'green'
  WHEN ${OVERDUE_SQL} THEN 'red'
  WHEN ${LAST_UPDATE_SQL} < @twoYears THEN 'red'
  WHEN ${LAST_UPDATE_SQL} < @oneYear THEN 'amber'
  ELSE 'green' END)`;
