import { fromInstallationRow, installationColumns, type InstallationRow } from '../slack-sqlite.js';
import { PRUNE_EVERY_MS, type EventLog, type InstallationRepository, type NewInstallation, type OAuthStateRepository, type RefreshOptions, type Renewed, type SlackStore, type StoredInstallation } from '../slack-contract.js';
import { checkout, type Pool, type PoolClient } from './pool.js';

/** PostgreSQL's "could not obtain lock" (FOR UPDATE NOWAIT on a row another transaction holds). */
const LOCK_NOT_AVAILABLE = '55P03';
/** How long an instance waits for another's token refresh before giving up (the request then fails and Slack retries). */
const LOCK_TIMEOUT = '30s';

async function read(c: Pool | PoolClient, key: string, lock = ''): Promise<StoredInstallation | undefined> {
  const { rows } = await c.query<InstallationRow>(`SELECT ${installationColumns()} FROM slack_installations WHERE install_key = $1 ${lock}`, [key]);
  return fromInstallationRow(rows[0]);
}

class PgInstallations implements InstallationRepository {
  constructor(private readonly pool: Pool) {}

  async save(i: NewInstallation, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO slack_installations (install_key, enterprise_id, team_id, is_enterprise_install, installation, expires_at, installed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (install_key) DO UPDATE SET enterprise_id = excluded.enterprise_id, team_id = excluded.team_id, is_enterprise_install = excluded.is_enterprise_install,
         installation = excluded.installation, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
      [i.key, i.enterpriseId, i.teamId, i.isEnterpriseInstall ? 1 : 0, i.data, i.expiresAt, now.toISOString()],
    );
  }

  find(key: string): Promise<StoredInstallation | undefined> {
    return read(this.pool, key);
  }

  async forTeam(teamId: string): Promise<StoredInstallation | undefined> {
    const own = await read(this.pool, `T:${teamId}`);
    if (own) return own;
    const { rows } = await this.pool.query<InstallationRow>(
      `SELECT ${installationColumns('i.')} FROM slack_install_teams t JOIN slack_installations i ON i.install_key = t.install_key WHERE t.team_id = $1`,
      [teamId],
    );
    return fromInstallationRow(rows[0]);
  }

  async linkTeam(teamId: string, key: string): Promise<void> {
    await this.pool.query('INSERT INTO slack_install_teams (team_id, install_key) VALUES ($1, $2) ON CONFLICT (team_id) DO UPDATE SET install_key = excluded.install_key', [teamId, key]);
  }

  async remove(key: string): Promise<void> {
    await this.pool.query('DELETE FROM slack_installations WHERE install_key = $1', [key]);
  }

  /**
   * The row locked FOR UPDATE for the whole refresh: another instance's lock waits until this
   * one commits, then reads the refreshed row (and finds nothing to do). A crashed instance's
   * lock goes with its connection.
   */
  async refresh(key: string, stale: (i: StoredInstallation) => boolean, renew: (i: StoredInstallation) => Promise<Renewed>, now: () => Date, opts: RefreshOptions = {}): Promise<StoredInstallation | undefined> {
    const c = await checkout(this.pool);
    let broken = false;
    try {
      await c.query('BEGIN');
      let row: StoredInstallation | undefined;
      try {
        row = await read(c, key, 'FOR UPDATE NOWAIT');
      } catch (err) {
        if ((err as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw err;
        await c.query('ROLLBACK');
        opts.onWait?.();
        await c.query('BEGIN');
        await c.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
        row = await read(c, key, 'FOR UPDATE');
      }
      if (row && stale(row)) {
        const renewed = await renew(row);
        await c.query('UPDATE slack_installations SET installation = $1, expires_at = $2, updated_at = $3 WHERE install_key = $4', [renewed.data, renewed.expiresAt, now().toISOString(), key]);
        row = { ...row, ...renewed, updatedAt: now().toISOString() };
      }
      await c.query('COMMIT');
      return row;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      c.done(broken);
    }
  }
}

class PgStates implements OAuthStateRepository {
  constructor(private readonly pool: Pool) {}

  async issue(state: string, installOptions: string, now: Date, expiresAt: Date): Promise<void> {
    await this.pool.query('DELETE FROM slack_oauth_states WHERE expires_at <= $1', [now.getTime()]);
    await this.pool.query('INSERT INTO slack_oauth_states (state, install_options, expires_at) VALUES ($1, $2, $3)', [state, installOptions, expiresAt.getTime()]);
  }

  async take(state: string, now: Date): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ options: string; expiresAt: number }>('DELETE FROM slack_oauth_states WHERE state = $1 RETURNING install_options AS "options", expires_at AS "expiresAt"', [state]);
    const row = rows[0];
    return row && Number(row.expiresAt) > now.getTime() ? row.options : undefined;
  }
}

class PgEvents implements EventLog {
  private prunedAt = 0;

  constructor(private readonly pool: Pool) {}

  async first(eventId: string, now: Date, ttlMs: number): Promise<boolean> {
    const t = now.getTime();
    if (Math.abs(t - this.prunedAt) >= PRUNE_EVERY_MS) {
      this.prunedAt = t;
      await this.pool.query('DELETE FROM slack_events WHERE seen_at < $1', [t - ttlMs]);
    }
    const r = await this.pool.query('INSERT INTO slack_events (event_id, seen_at) VALUES ($1, $2) ON CONFLICT (event_id) DO UPDATE SET seen_at = excluded.seen_at WHERE slack_events.seen_at < $3', [eventId, t, t - ttlMs]);
    return r.rowCount === 1;
  }
}

/** The Slack store on a PostgreSQL pool (ended with it when `owned`). */
export class PgSlackStore implements SlackStore {
  readonly engine = 'postgres';
  readonly installations: InstallationRepository;
  readonly states: OAuthStateRepository;
  readonly events: EventLog;

  constructor(
    private readonly pool: Pool,
    private readonly owned = false,
  ) {
    this.installations = new PgInstallations(pool);
    this.states = new PgStates(pool);
    this.events = new PgEvents(pool);
  }

  async close(): Promise<void> {
    if (this.owned) await this.pool.end();
  }
}
