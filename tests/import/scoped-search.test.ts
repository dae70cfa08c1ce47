import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../src/import/report-import.js';
import { SearchIndex } from '../../src/search/search.js';
import { ids, ROOT, testBot } from '../helpers.js';

const REPORT = path.join(ROOT, 'tests/fixtures/fictional-meeting-report.md');

/** The shipped 12th meeting and the fictional 4th Harbour meeting, every candidate accepted. */
async function twoMeetings() {
  const t = testBot('2025-03-10T09:00:00Z');
  await importReport(t.db, REPORT, { dryRun: false, meeting: '4th Harbour meeting', date: '2025-03-03', writes: t.bot.deps.writes }, new Date('2025-03-10T09:00:00Z'));
  await t.ask('accept all');
  const harbour = t.db.prepare("SELECT id FROM meetings WHERE short_name = '4th Harbour meeting'").pluck().get() as string;
  const meetingOf = (id: string): string => t.db.prepare('SELECT meeting_id FROM commitments WHERE id = ?').pluck().get(id) as string;
  return { ...t, harbour, meetingOf, index: new SearchIndex(t.db) };
}

describe('“in <meeting>” is a parameter of the search', () => {
  it('filters inside the query: the meeting’s best match is found even when the other meeting has better ones', async () => {
    const { index, harbour, meetingOf } = await twoMeetings();
    const everywhere = index.search('data', { limit: 50 });
    const scoped = index.search('data', { limit: 1, meeting: harbour });
    expect(everywhere.hits.filter((h) => meetingOf(h.id) === 'cm12-2014').length).toBeGreaterThan(1);
    expect(scoped.hits).toHaveLength(1);
    expect(meetingOf(scoped.hits[0]!.id)).toBe(harbour);
    // The count is the meeting's own.
    const inHarbour = everywhere.hits.filter((h) => meetingOf(h.id) === harbour).length;
    expect(index.search('data', { limit: 50, meeting: harbour }).total).toBe(inHarbour);
    expect(index.search('data', { limit: 50, meeting: 'cm12-2014' }).hits.every((h) => meetingOf(h.id) === 'cm12-2014')).toBe(true);
  });

  it('find in a meeting shows that meeting’s items, and as many as it counts', async () => {
    const { ask, meetingOf, harbour } = await twoMeetings();
    for (const words of ['report', 'meeting', 'migration', 'tide gauge', 'survey']) {
      const reply = await ask(`find ${words} in 4th Harbour meeting`);
      const shown = ids(reply);
      expect(shown.every((id) => meetingOf(id) === harbour), words).toBe(true);
      const counted = /^(\d+) match/.exec(reply.title)?.[1];
      if (counted) expect(Number(counted), words).toBe(shown.length + (reply.more?.count ?? 0));
      else expect(reply.items ?? [], words).toEqual([]);
    }
    // A word only the other meeting has: the Harbour report says nothing about it.
    const knomad = await ask('find recruitment costs in 4th Harbour meeting');
    expect(knomad.items ?? []).toEqual([]);
  });
});
