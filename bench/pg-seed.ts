// The scheduler bench's subscriptions on PostgreSQL: the same rows as the SQLite bench seeds.
import type { Pool } from '../src/store/pg/pool.js';

export const BENCH_NOW = new Date('2014-03-03T09:00:00Z');

/** `total` weekly console reminders about the catalog's items, `due` of them due at BENCH_NOW, the rest over the following weeks. */
export async function seedPg(pool: Pool, total: number, due: number, itemIds: readonly string[], channels = 997): Promise<void> {
  await pool.query(
    `INSERT INTO subscriptions (kind, platform, team, target_kind, target_ref, created_by, topic, topic_kind, topic_query, schedule, zone, state, next_run_at, created_at, updated_at)
     SELECT 'reminder', 'console', '', 'channel', 'c' || (i % $5), 'bench', ($1::text[])[1 + i % cardinality($1::text[])], 'item', ($1::text[])[1 + i % cardinality($1::text[])],
            'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0', 'UTC', 'active',
            CASE WHEN i < $3 THEN $4::timestamptz ELSE $4::timestamptz + (1 + i % 500) * interval '1 hour' END, '2014-03-01', '2014-03-01'
     FROM generate_series(0, $2 - 1) AS i`,
    [itemIds, total, due, BENCH_NOW.toISOString(), channels],
  );
  await pool.query('ANALYZE subscriptions');
}
