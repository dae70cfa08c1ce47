import { describe, expect, it } from 'vitest';
import type { Statement } from 'better-sqlite3';
import { DashboardData } from '../../src/dashboard/data.js';
import { parseFilter } from '../../src/dashboard/filters.js';
import { actorPage } from '../../src/dashboard/pages/actor.js';
import { itemPage } from '../../src/dashboard/pages/item.js';
import { overviewPage } from '../../src/dashboard/pages/overview.js';
import { registryPage } from '../../src/dashboard/pages/registry.js';
import { reportPage } from '../../src/dashboard/pages/report.js';
import { AuditRepository } from '../../src/store/audit-repo.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { openDatabase } from '../../src/store/db.js';
import { catalog } from '../helpers.js';

/** Every statement the pages run, with the arguments it ran with. */
function recordingDb() {
  const db = openDatabase(':memory:');
  syncCatalog(db, catalog(), new Date('2014-03-01T00:00:00Z'));
  new AuditRepository(db).record({ commitmentId: 'knomad-recruitment-costs', at: '2014-05-01T00:00:00.000Z', platform: 'console', userId: 'ana', action: 'note', oldValue: null, newValue: null, note: 'x' });
  const runs: Array<{ sql: string; args: unknown[] }> = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    for (const m of ['all', 'get', 'run', 'iterate'] as const) {
      const original = (stmt[m] as (...a: unknown[]) => unknown).bind(stmt);
      (stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        runs.push({ sql, args });
        return original(...args);
      };
    }
    return stmt as Statement;
  }) as typeof db.prepare;
  return { db, runs, plan: (sql: string, args: unknown[]) => (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail) };
}

/** A plan line that reads the items table row by row: `SCAN c` / `SCAN commitments` (with or without an index to order by). */
const SCANS_ITEMS = /^SCAN (?:c|commitments)\b/;

describe('no dashboard page reads every item row by row', () => {
  const { db, runs, plan } = recordingDb();
  const data = new DashboardData(db, () => '2015-06-15');
  const known = data.known();
  const pages: Record<string, () => unknown> = {
    overview: () => overviewPage(data, new URLSearchParams('since=2014-01-01')),
    registry: () => registryPage(data, parseFilter(new URLSearchParams(), known)),
    'registry, every facet': () => registryPage(data, parseFilter(new URLSearchParams('meeting=cm12-2014&actor=ratha&track=data-indicators&agenda=2&kind=activity&status=in-progress&due=undated'), known)),
    'registry, kind': () => registryPage(data, parseFilter(new URLSearchParams('kind=proposal'), known)),
    'registry, a light most items have': () => registryPage(data, parseFilter(new URLSearchParams('light=red'), known)),
    'registry, a light few items have': () => registryPage(data, parseFilter(new URLSearchParams('light=green'), known)),
    'registry, a light and a kind': () => registryPage(data, parseFilter(new URLSearchParams('light=amber&kind=activity'), known)),
    'registry, due window': () => registryPage(data, parseFilter(new URLSearchParams('due=next90'), known)),
    'registry, search': () => registryPage(data, parseFilter(new URLSearchParams('q=recruitment+costs&kind=activity'), known)),
    item: () => itemPage(data, 'knomad-recruitment-costs', new URLSearchParams()),
    actor: () => actorPage(data, 'ratha'),
    report: () => reportPage(data, new URLSearchParams()),
  };

  it.each(Object.keys(pages))('%s', async (name) => {
    runs.length = 0;
    await pages[name]!();
    expect(runs.length).toBeGreaterThan(0);
    const offenders = runs
      .filter((r) => !/^\s*(?:PRAGMA|INSERT|UPDATE|DELETE)/i.test(r.sql))
      .map((r) => ({ sql: r.sql.replace(/\s+/g, ' ').slice(0, 200), plan: plan(r.sql, r.args) }))
      .filter((r) => r.plan.some((line) => SCANS_ITEMS.test(line)));
    expect(offenders).toEqual([]);
  });

  it('the overview’s counts and timeline read only the maintained tallies, each by its key (no item, no scan)', () => {
    runs.length = 0;
    const fresh = new DashboardData(db, () => '2015-06-16');
    fresh.counts();
    fresh.timeline();
    const reads = runs.filter((r) => !/^\s*PRAGMA|total_changes/i.test(r.sql));
    expect(reads.length).toBeGreaterThanOrEqual(5);
    for (const r of reads) {
      expect(r.sql).toMatch(/FROM dashboard_tallies/);
      expect(r.sql).not.toMatch(/commitments|dashboard_items|audit/);
      const p = plan(r.sql, r.args);
      expect(p.join(' | ')).toMatch(/SEARCH dashboard_tallies USING (?:PRIMARY KEY|INDEX)/);
      expect(p.filter((line) => /^SCAN dashboard_tallies/.test(line))).toEqual([]);
    }
  });
});
