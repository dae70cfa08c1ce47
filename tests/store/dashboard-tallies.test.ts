import { describe, expect, it } from 'vitest';
import { AuditRepository } from '../../src/store/audit-repo.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { refreshSql } from '../../src/store/migrations/011-dashboard-tallies.js';
import { catalog } from '../helpers.js';

/** The tallies as they stand, without the zero rows a change leaves. */
function tallies(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT axis, day, n FROM dashboard_tallies WHERE n <> 0 ORDER BY axis, day').all() as Array<{ axis: string; day: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [`${r.axis}@${r.day}`, r.n]));
}

/** The tallies recomputed from nothing: what the triggers must have kept. */
function recomputed(db: Db): Record<string, number> {
  db.exec('SAVEPOINT recompute');
  try {
    db.exec('DELETE FROM dashboard_items; DELETE FROM dashboard_tallies;');
    db.exec(refreshSql('true', 'true'));
    return tallies(db);
  } finally {
    db.exec('ROLLBACK TO recompute; RELEASE recompute');
  }
}

function loaded(): { db: Db; repo: CommitmentRepository; audit: AuditRepository; ids: string[] } {
  const db = openDatabase(':memory:');
  syncCatalog(db, catalog(), new Date('2014-03-01T00:00:00Z'));
  const repo = new CommitmentRepository(db);
  return { db, repo, audit: new AuditRepository(db), ids: repo.allIds() };
}

const note = (audit: AuditRepository, id: string, at: string): void =>
  void audit.record({ commitmentId: id, at, platform: 'console', userId: 'ana', action: 'note', oldValue: null, newValue: null, note: 'progress' });

describe('the dashboard tallies the store maintains (migration 011)', () => {
  it('count every live item once on each of its axes after loading the catalog', () => {
    const { db, ids } = loaded();
    const t = tallies(db);
    const sum = (prefix: string): number => Object.entries(t).filter(([k]) => k.startsWith(prefix)).reduce((s, [, n]) => s + n, 0);
    expect(sum('status:')).toBe(ids.length);
    expect(sum('kind:')).toBe(ids.length);
    const open = db.prepare("SELECT count(*) FROM commitments WHERE retired_at IS NULL AND status NOT IN ('done', 'dropped')").pluck().get() as number;
    expect(sum('red@')).toBe(open);
    expect(sum('amber@')).toBe(open);
    expect(sum('due@')).toBe(db.prepare("SELECT count(*) FROM commitments WHERE retired_at IS NULL AND due_end IS NOT NULL AND status NOT IN ('done', 'dropped')").pluck().get());
  });

  it('stay equal to a recomputation from nothing through every kind of write', () => {
    const { db, repo, audit, ids } = loaded();
    expect(tallies(db)).toEqual(recomputed(db));
    const openDoable = db.prepare("SELECT id FROM commitments WHERE status = 'open' AND kind IN ('commitment', 'action', 'activity', 'milestone') ORDER BY seq").pluck().all() as string[];
    expect(openDoable.length).toBeGreaterThanOrEqual(4);
    // A note moves the light of an item that no deadline has made red already.
    const undated = db.prepare("SELECT id FROM commitments WHERE status NOT IN ('done', 'dropped') AND due_end IS NULL ORDER BY seq").pluck().get() as string;
    const steps: Array<[string, () => void]> = [
      ['a status set in chat', () => repo.setStatus(openDoable[0]!, 'done', new Date('2014-05-01T00:00:00Z'))],
      ['a progress note', () => note(audit, undated, '2014-07-09T10:00:00.000Z')],
      ['a second, older note (the latest stays: nothing moves)', () => note(audit, undated, '2014-04-01T10:00:00.000Z')],
      ['a deadline moved', () => db.prepare("UPDATE commitments SET due_end = '2014-12-31', due_nature = 'deadline' WHERE id = ?").run(openDoable[2]!)],
      ['a deadline turned into a hope', () => db.prepare("UPDATE commitments SET due_nature = 'hope' WHERE id = ?").run(openDoable[2]!)],
      ['an item retired', () => db.prepare("UPDATE commitments SET retired_at = '2014-06-01T00:00:00Z' WHERE id = ?").run(ids[3]!)],
      ['an item back from retirement', () => db.prepare('UPDATE commitments SET retired_at = NULL WHERE id = ?').run(ids[3]!)],
      ['a kind corrected', () => db.prepare("UPDATE commitments SET kind = 'view' WHERE id = ?").run(openDoable[3]!)],
      ['a history entry removed', () => db.prepare('DELETE FROM audit WHERE commitment_id = ?').run(undated)],
      ['the meeting’s last day corrected', () => db.prepare("UPDATE meetings SET held_to = '2014-02-22'").run()],
      ['an edit that moves nothing the overview counts', () => db.prepare("UPDATE commitments SET summary = summary || '.' WHERE id = ?").run(ids[5]!)],
      ['the catalog reloaded with one item fewer', () => {
        const c = catalog();
        syncCatalog(db, { ...c, hash: `${c.hash}-less`, commitments: c.commitments.slice(1) }, new Date('2014-08-01T00:00:00Z'));
      }],
    ];
    for (const [what, step] of steps) {
      const before = tallies(db);
      step();
      expect(tallies(db), what).toEqual(recomputed(db));
      if (!/nothing/.test(what)) expect(tallies(db), `${what} changed something`).not.toEqual(before);
    }
  });

  it('a write touches only its own item’s rows: no statement of the refresh reads a table through', () => {
    const { db } = loaded();
    const statements = refreshSql("commitment_id = 'knomad-recruitment-costs'", "c.id = 'knomad-recruitment-costs'")
      .split(/;\s*\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    expect(statements.length).toBe(4);
    for (const sql of statements) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail);
      expect(plan.filter((line) => /^SCAN (?:dashboard_items|dashboard_tallies|c|a|m|commitments|audit|meetings)\b/.test(line)), sql.slice(0, 80)).toEqual([]);
    }
  });
});
