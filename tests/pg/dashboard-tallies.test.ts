import { afterAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../src/store/audit-repo.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { migratePg } from '../../src/store/pg/migrate.js';
import { describeUrl, openPool, type Pool } from '../../src/store/pg/pool.js';
import { catalog } from '../helpers.js';
import { freshDatabase } from './db.js';

/**
 * PostgreSQL's 011 keeps the same tallies as SQLite's: the same rows loaded into both, then the
 * same writes on both, and the tallies compared after each (including a leap day, where the two
 * engines' own date arithmetic would differ).
 */
const pools: Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

function liteTallies(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT axis, day, n FROM dashboard_tallies WHERE n <> 0').all() as Array<{ axis: string; day: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [`${r.axis}@${r.day}`, r.n]).sort());
}

async function pgTallies(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ axis: string; day: string; n: number }>('SELECT axis, day, n FROM dashboard_tallies WHERE n <> 0');
  return Object.fromEntries(rows.map((r) => [`${r.axis}@${r.day}`, r.n]).sort());
}

/** Copies a table's rows from SQLite to PostgreSQL, column by column. */
async function copy(db: Db, pool: Pool, table: string): Promise<void> {
  const rows = db.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>;
  for (const row of rows) {
    const cols = Object.keys(row);
    await pool.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, cols.map((c) => row[c]));
  }
}

describe('the dashboard tallies on PostgreSQL', () => {
  it('agree with SQLite’s after loading and after each write', async () => {
    const lite = openDatabase(':memory:');
    syncCatalog(lite, catalog(), new Date('2014-03-01T00:00:00Z'));
    const url = await freshDatabase('tally');
    const pool = await openPool(url, { max: 2 });
    pools.push(pool);
    await migratePg(pool, describeUrl(url));
    for (const t of ['meetings', 'commitments']) await copy(lite, pool, t);
    expect(await pgTallies(pool)).toEqual(liteTallies(lite));
    expect(Object.keys(liteTallies(lite)).length).toBeGreaterThan(10);

    const ids = new CommitmentRepository(lite).allIds();
    const audit = new AuditRepository(lite);
    const undated = lite.prepare("SELECT id FROM commitments WHERE status NOT IN ('done', 'dropped') AND due_end IS NULL ORDER BY seq").pluck().get() as string;
    const both: Array<[string, string, unknown[]]> = [
      ['a status', "UPDATE commitments SET status = 'done' WHERE id = ?", [ids[0]]],
      ['a deadline on a leap day', "UPDATE commitments SET due_end = '2016-02-29', due_nature = 'deadline', kind = 'commitment', status = 'open' WHERE id = ?", [ids[1]]],
      ['a retirement', "UPDATE commitments SET retired_at = '2014-06-01T00:00:00.000Z' WHERE id = ?", [ids[2]]],
      ['a meeting’s last day', "UPDATE meetings SET held_to = '2014-02-22'", []],
    ];
    for (const [what, sql, args] of both) {
      lite.prepare(sql).run(...args);
      let i = 0;
      await pool.query(sql.replace(/\?/g, () => `$${++i}`), args);
      expect(await pgTallies(pool), what).toEqual(liteTallies(lite));
    }
    // History: the same note on both (SQLite through the repository, PostgreSQL by its row).
    for (const at of ['2016-02-29T12:00:00.000Z', '2014-07-01T08:00:00.000Z']) {
      audit.record({ commitmentId: undated, at, platform: 'console', userId: 'ana', action: 'note', oldValue: null, newValue: null, note: 'n' });
      await pool.query("INSERT INTO audit (commitment_id, at, platform, user_id, action, note) VALUES ($1, $2, 'console', 'ana', 'note', 'n')", [undated, at]);
      expect(await pgTallies(pool), `a note at ${at}`).toEqual(liteTallies(lite));
    }
    // A note on 29 February: a year later is 1 March (SQLite's date arithmetic, on both engines), amber from the day after.
    expect(liteTallies(lite)['amber@2017-03-02']).toBeGreaterThanOrEqual(1);
  });
});
