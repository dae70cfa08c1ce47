import { describe, expect, it } from 'vitest';
import { DashboardData } from '../../src/dashboard/data.js';
import { lightOf } from '../../src/dashboard/light.js';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import type { Db } from '../../src/store/db.js';
import { testBot } from '../helpers.js';

const by = { platform: 'console' as const, team: '', userId: 'ana' };

/** One and two years before it: 2015-06-15 and 2014-06-15. */
const today = '2016-06-15';

/** An item's light computed from its own rows with lightOf, independently of the store's tallies. */
function byRule(db: Db, id: string, today: string): string {
  const c = db.prepare('SELECT c.status, c.kind, c.due_end AS due, c.due_nature AS nature, m.held_to AS held FROM commitments c JOIN meetings m ON m.id = c.meeting_id WHERE c.id = ?').get(id) as { status: string; kind: string; due: string | null; nature: string | null; held: string };
  const last = (db.prepare('SELECT max(at) FROM audit WHERE commitment_id = ?').pluck().get(id) as string | null) ?? c.held;
  const overdue = ['commitment', 'action', 'activity', 'milestone'].includes(c.kind) && (c.nature ?? 'deadline') === 'deadline' && c.due !== null && c.due < today;
  return lightOf(c.status, overdue, last, today);
}

describe('the traffic light', () => {
  it.each([
    ['open', false, '2016-01-01', 'green'],
    ['open', false, '2015-06-15', 'green'],
    ['open', false, '2015-06-14', 'amber'],
    ['in-progress', false, '2014-06-15', 'amber'],
    ['open', false, '2014-06-14', 'red'],
    ['open', true, '2016-06-01', 'red'],
    ['done', true, '2010-01-01', 'green'],
    ['dropped', false, '2010-01-01', 'green'],
  ] as const)('%s, overdue %s, last update %s → %s', (status, overdue, last, light) => {
    expect(lightOf(status, overdue, last, today)).toBe(light);
  });

  it('the overview’s counts agree with each item’s light and with the registry’s light facet', async () => {
    const { db, bot } = testBot('2014-03-01T00:00:00Z');
    const repo = new CommitmentRepository(db);
    const ids = repo.allIds();
    // History of every age on a third of the items, and a few closed (as chat writes them, on the chosen engine).
    for (const [i, id] of ids.entries()) {
      if (i % 3 === 0) await bot.deps.writes.run('status', { id, status: null, old: repo.get(id)!.status, note: 'n', by, at: new Date(Date.UTC(2013, 0, 1) + i * 20 * 86_400_000).toISOString() });
      if (i % 7 === 0) await bot.deps.writes.run('status', { id, status: 'done', old: repo.get(id)!.status, note: null, by, at: '2014-05-01T00:00:00.000Z' });
    }
    for (const today of ['2014-09-15', '2015-06-15', '2016-03-01']) {
      const data = new DashboardData(db, () => today);
      const each = new Map<string, number>();
      const lights = data.lights(ids);
      for (const l of lights.values()) each.set(l, (each.get(l) ?? 0) + 1);
      // Each item's light from its own rows, by the rule in code, not from the maintained tallies.
      for (const id of ids) expect(lights.get(id), `${today} ${id}`).toBe(byRule(db, id, today));
      const counts = data.counts();
      expect(new Map([...counts.light].filter(([, n]) => n > 0)), today).toEqual(each);
      expect(counts.total).toBe(ids.length);
      const meeting = data.reference.meetings()[0]!.id;
      for (const light of ['green', 'amber', 'red'] as const) {
        const want = ids.filter((id) => lights.get(id) === light);
        // Alone (counted by the tallies; read by its index when few items have it, else probed item by item)…
        const alone = data.registry({ light, page: 1 }, 500);
        expect(alone.total, `${today} ${light}`).toBe(want.length);
        expect(alone.items.map((c) => c.id).sort(), `${today} ${light}`).toEqual([...want].sort());
        // …and with another facet (counted by its query).
        expect(data.registry({ light, meeting, page: 1 }).total, `${today} ${light} + meeting`).toBe(want.length);
      }
      expect(data.registry({ due: 'overdue', page: 1 }).total).toBe(counts.overdue);
    }
    // Not every day looks the same: the test would see a rule that ignores the date.
    const lights = ['2014-09-15', '2016-03-01'].map((t) => JSON.stringify([...new DashboardData(db, () => t).counts().light].sort()));
    expect(lights[0]).not.toBe(lights[1]);
  });
});

describe('the overview’s counts are reused only while the data is unchanged', () => {
  it('a change on the same connection (a status set in chat) shows at once', async () => {
    const { db, bot } = testBot('2014-03-01T00:00:00Z');
    const data = new DashboardData(db, () => '2014-09-15');
    const before = data.counts().status.get('done') ?? 0;
    expect(data.counts().status.get('done') ?? 0).toBe(before);
    const open = new CommitmentRepository(db).getMany(new CommitmentRepository(db).allIds()).find((c) => c.status === 'open')!;
    await bot.deps.writes.run('status', { id: open.id, status: 'done', old: open.status, note: null, by, at: '2014-09-15T00:00:00.000Z' });
    expect(data.counts().status.get('done')).toBe(before + 1);
  });
});
