import { describe, expect, it } from 'vitest';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { openDatabase } from '../../src/store/db.js';
import { catalog } from '../helpers.js';

const db = openDatabase(':memory:');
syncCatalog(db, catalog(), new Date('2014-03-01T00:00:00Z'));

function plan(sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
}

describe('hot queries use their index', () => {
  it('due-date windows', () => {
    expect(plan('SELECT id FROM commitments WHERE due_end BETWEEN ? AND ?', '2014-01-01', '2014-12-31')).toMatch(/USING INDEX commitments_due_end/);
  });
  it('items of an actor', () => {
    expect(plan('SELECT commitment_id FROM commitment_actors WHERE actor_id IN (SELECT value FROM json_each(?))', '["knomad"]')).toMatch(
      /commitment_actors USING (?:COVERING )?INDEX commitment_actors_actor/,
    );
  });
  it('items of a track and of an agenda point', () => {
    expect(plan('SELECT commitment_id FROM commitment_tracks WHERE track_id = ?', 'post-2015')).toMatch(/USING (?:COVERING )?INDEX commitment_tracks_track/);
    expect(plan('SELECT commitment_id FROM commitment_agenda WHERE number = ?', 7)).toMatch(/USING (?:COVERING )?INDEX commitment_agenda_number/);
  });
  it('the scheduler: due subscriptions, pending deliveries, history', () => {
    expect(plan("SELECT * FROM subscriptions WHERE state = 'active' AND next_run_at <= ? ORDER BY next_run_at LIMIT ?", '2014-01-01', 10)).toMatch(/USING INDEX subscriptions_due/);
    expect(plan("SELECT * FROM subscriptions WHERE state = 'active' AND next_run_at <= ? AND +platform IN (?, ?) ORDER BY next_run_at LIMIT ?", '2014-01-01', 'slack', 'teams', 10)).toMatch(/USING INDEX subscriptions_due/);
    expect(plan("SELECT * FROM deliveries WHERE status = 'pending' AND retry_at <= ? ORDER BY retry_at, id LIMIT ?", '2014-01-01', 10)).toMatch(/USING INDEX deliveries_pending/);
    expect(plan('SELECT * FROM audit WHERE commitment_id = ? ORDER BY at, id', 'x')).toMatch(/USING INDEX audit_commitment/);
    expect(plan('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT 1', 1)).toMatch(/USING (?:COVERING )?INDEX deliveries_subscription/);
  });

  it('an item by id and full-text lookups', () => {
    expect(plan('SELECT * FROM commitments WHERE id = ?', 'x')).toMatch(/USING INDEX sqlite_autoindex_commitments_1/);
    expect(plan("SELECT rowid FROM commitment_fts WHERE commitment_fts MATCH ? ORDER BY rank LIMIT 10", '"x"')).toMatch(/VIRTUAL TABLE INDEX/);
    expect(plan('SELECT doc FROM commitment_fts_terms WHERE term = ?', 'x')).toMatch(/VIRTUAL TABLE INDEX/);
  });

  it('imports, review and proactive messages', () => {
    expect(plan("SELECT data FROM candidates WHERE state = ? AND meeting_id = ? ORDER BY meeting_id, position", 'proposed', 'm')).toMatch(/USING INDEX candidates_state/);
    expect(plan("SELECT data FROM candidates WHERE state = ? ORDER BY meeting_id, position", 'proposed')).toMatch(/USING INDEX candidates_state/);
    expect(plan('SELECT reference FROM conversation_refs WHERE platform = ? AND kind = ? AND ref = ?', 'teams', 'channel', 'x')).toMatch(/USING PRIMARY KEY/);
    expect(plan("SELECT id FROM commitments WHERE retired_at IS NULL AND meeting_id = 'cm12-2014' ORDER BY seq")).toMatch(/USING INDEX commitments_meeting/);
  });
});
