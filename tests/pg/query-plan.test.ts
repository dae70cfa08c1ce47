import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from './engine-bot.js';

/**
 * The hot statements on PostgreSQL use their index (as tests/unit/query-plan.test.ts checks on
 * SQLite). On a table of a few rows the planner rightly prefers reading it whole; with sequential
 * scans switched off it still must when no index serves the statement, so a "Seq Scan" left in
 * a plan is an index missing.
 */
let c: pg.Client;
beforeAll(async () => {
  c = new pg.Client({ connectionString: await migratedDatabase() });
  await c.connect();
  await c.query('SET enable_seqscan = off');
});
afterAll(async () => c?.end());

async function plan(sql: string): Promise<string> {
  const { rows } = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

const T = "'2014-09-01T09:00:00Z'";

/** The plan reads `index` (an index scan, index-only scan or bitmap scan of it) and no table whole. */
function uses(index: string): RegExp {
  return new RegExp(`^(?![\\s\\S]*Seq Scan)[\\s\\S]*(?:Index (?:Only )?Scan (?:Backward )?using ${index}|Bitmap Index Scan on ${index})\\b`);
}

describe('hot queries on PostgreSQL use their index', () => {
  it('the scheduler: due subscriptions claimed, ready deliveries leased, a subscription’s deliveries', async () => {
    expect(await plan(`SELECT id FROM subscriptions WHERE state = 'active' AND next_run_at <= ${T} AND (NULL::text[] IS NULL OR platform = ANY(NULL::text[])) ORDER BY next_run_at LIMIT 100 FOR UPDATE SKIP LOCKED`)).toMatch(uses('subscriptions_due'));
    const lease = await plan(
      `SELECT d.id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
       WHERE d.status = 'pending' AND d.retry_at <= ${T} AND (d.lease_until IS NULL OR d.lease_until <= ${T})
       ORDER BY d.retry_at, d.id LIMIT 100 FOR UPDATE OF d SKIP LOCKED`,
    );
    expect(lease).toMatch(uses('deliveries_pending'));
    expect(await plan('SELECT id FROM deliveries WHERE subscription_id = 1 ORDER BY id DESC LIMIT 1')).toMatch(uses('deliveries_subscription'));
    expect(await plan("SELECT id FROM deliveries WHERE idempotency_key = 'k'")).toMatch(uses('deliveries_idempotency_key_key'));
    expect(await plan("SELECT id FROM subscriptions WHERE platform = 'slack' AND team = 'T1' AND target_kind = 'channel' AND target_ref = 'C1' AND state <> 'stopped' ORDER BY id")).toMatch(uses('subscriptions_target'));
    // A person's reminders: by their index, or by the target index's (platform, team) prefix on a table this small.
    expect(await plan("SELECT id FROM subscriptions WHERE platform = 'slack' AND team = 'T1' AND created_by = 'U1' AND state <> 'stopped' ORDER BY id")).toMatch(uses('subscriptions_(?:creator|target)'));
  });

  it('the shared log read from a position; `more`’s pages by conversation and their pruning', async () => {
    expect(await plan('SELECT seq, op, args, instance FROM shared_log WHERE seq > 10 ORDER BY seq LIMIT 500')).toMatch(uses('shared_log_pkey'));
    expect(await plan(`SELECT kept FROM conversation_pages WHERE conversation = '["slack","T1","C1","U1"]'`)).toMatch(uses('conversation_pages_pkey'));
    expect(await plan('DELETE FROM conversation_pages WHERE shown_at < now()')).toMatch(uses('conversation_pages_shown'));
  });

  it('Slack installs and event de-duplication, Teams conversations and cards', async () => {
    expect(await plan("SELECT * FROM slack_installations WHERE install_key = 'k'")).toMatch(uses('slack_installations_pkey'));
    expect(await plan("DELETE FROM slack_oauth_states WHERE state = 's'")).toMatch(uses('slack_oauth_states_pkey'));
    expect(await plan("SELECT 1 FROM slack_events WHERE event_id = 'Ev1'")).toMatch(uses('slack_events_pkey'));
    expect(await plan('DELETE FROM slack_events WHERE seen_at < 1')).toMatch(uses('slack_events_seen'));
    expect(await plan("SELECT reference FROM conversation_refs WHERE platform = 'teams' AND kind = 'channel' AND ref = 'x'")).toMatch(uses('conversation_refs_pkey'));
    expect(await plan("SELECT card FROM teams_cards WHERE conversation = 'c' AND activity_id = 'a'")).toMatch(uses('teams_cards_pkey'));
    expect(await plan(`DELETE FROM teams_cards WHERE sent_at < ${T}`)).toMatch(uses('teams_cards_sent'));
  });
});
