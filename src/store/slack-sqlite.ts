import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import { PRUNE_EVERY_MS, type EventLog, type InstallationRepository, type NewInstallation, type OAuthStateRepository, type RefreshOptions, type Renewed, type SlackStore, type StoredInstallation } from './slack-contract.js';
import { Statements } from './statements.js';

/** The columns of an installation, read alike on both engines (`t`: a table alias). */
export const installationColumns = (t = ''): string =>
  `${t}install_key AS "key", ${t}enterprise_id AS "enterpriseId", ${t}team_id AS "teamId", ${t}is_enterprise_install AS "isEnterpriseInstall",
  ${t}installation AS "data", ${t}expires_at AS "expiresAt", ${t}installed_at AS "installedAt", ${t}updated_at AS "updatedAt"`;
const INSTALLATION_COLUMNS = installationColumns();

export type InstallationRow = Omit<StoredInstallation, 'isEnterpriseInstall'> & { isEnterpriseInstall: number };

export function fromInstallationRow(r: InstallationRow | undefined): StoredInstallation | undefined {
  return r ? { ...r, isEnterpriseInstall: r.isEnterpriseInstall === 1, expiresAt: r.expiresAt === null ? null : Number(r.expiresAt) } : undefined;
}

/** A lease (and its wait) as long as a token refresh may take: Slack answers in well under a second. */
const LEASE_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class SqliteInstallations implements InstallationRepository {
  constructor(
    private readonly db: Db,
    private readonly q: Statements,
  ) {}

  private read(key: string): StoredInstallation | undefined {
    return fromInstallationRow(this.q.get(`SELECT ${INSTALLATION_COLUMNS} FROM slack_installations WHERE install_key = ?`).get(key) as InstallationRow | undefined);
  }

  async save(i: NewInstallation, now: Date): Promise<void> {
    const at = now.toISOString();
    this.q
      .get(
        `INSERT INTO slack_installations (install_key, enterprise_id, team_id, is_enterprise_install, installation, expires_at, installed_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (install_key) DO UPDATE SET enterprise_id = excluded.enterprise_id, team_id = excluded.team_id, is_enterprise_install = excluded.is_enterprise_install,
           installation = excluded.installation, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
      )
      .run(i.key, i.enterpriseId, i.teamId, i.isEnterpriseInstall ? 1 : 0, i.data, i.expiresAt, at, at);
  }

  async find(key: string): Promise<StoredInstallation | undefined> {
    return this.read(key);
  }

  async forTeam(teamId: string): Promise<StoredInstallation | undefined> {
    const own = this.read(`T:${teamId}`);
    if (own) return own;
    const link = this.q.get('SELECT install_key AS "key" FROM slack_install_teams WHERE team_id = ?').get(teamId) as { key: string } | undefined;
    return link ? this.read(link.key) : undefined;
  }

  async linkTeam(teamId: string, key: string): Promise<void> {
    this.q.get('INSERT INTO slack_install_teams (team_id, install_key) VALUES (?, ?) ON CONFLICT (team_id) DO UPDATE SET install_key = excluded.install_key').run(teamId, key);
  }

  async remove(key: string): Promise<void> {
    this.q.get('DELETE FROM slack_installations WHERE install_key = ?').run(key);
  }

  /** The lease: taken in an IMMEDIATE transaction (two processes on one file take turns), after reading the row again. */
  async refresh(key: string, stale: (i: StoredInstallation) => boolean, renew: (i: StoredInstallation) => Promise<Renewed>, now: () => Date, opts: RefreshOptions = {}): Promise<StoredInstallation | undefined> {
    const owner = randomUUID();
    const leaseMs = opts.leaseMs ?? LEASE_MS;
    let waited = 0;
    for (;;) {
      const step = this.db
        .transaction((): { done: StoredInstallation | undefined } | { wait: true } | { mine: StoredInstallation } => {
          const row = this.read(key);
          if (!row || !stale(row)) return { done: row };
          const t = now().getTime();
          const lease = this.q.get('SELECT refresh_owner AS "owner", refresh_until AS "until" FROM slack_installations WHERE install_key = ?').get(key) as { owner: string | null; until: number | null };
          if (lease.owner && Number(lease.until) > t) return { wait: true };
          this.q.get('UPDATE slack_installations SET refresh_owner = ?, refresh_until = ? WHERE install_key = ?').run(owner, t + leaseMs, key);
          return { mine: row };
        })
        .immediate();
      if ('done' in step) return step.done;
      if ('wait' in step) {
        if (waited++ === 0) opts.onWait?.();
        await sleep(Math.min(200, 10 * waited));
        continue;
      }
      let renewed: Renewed;
      try {
        renewed = await renew(step.mine);
      } catch (err) {
        this.q.get('UPDATE slack_installations SET refresh_owner = NULL, refresh_until = NULL WHERE install_key = ? AND refresh_owner = ?').run(key, owner);
        throw err;
      }
      // Saved only while the lease is still ours (one that ran out was another's to take).
      this.q
        .get('UPDATE slack_installations SET installation = ?, expires_at = ?, updated_at = ?, refresh_owner = NULL, refresh_until = NULL WHERE install_key = ? AND refresh_owner = ?')
        .run(renewed.data, renewed.expiresAt, now().toISOString(), key, owner);
      return this.read(key);
    }
  }
}

class SqliteStates implements OAuthStateRepository {
  constructor(private readonly q: Statements) {}

  async issue(state: string, installOptions: string, now: Date, expiresAt: Date): Promise<void> {
    this.q.get('DELETE FROM slack_oauth_states WHERE expires_at <= ?').run(now.getTime());
    this.q.get('INSERT INTO slack_oauth_states (state, install_options, expires_at) VALUES (?, ?, ?)').run(state, installOptions, expiresAt.getTime());
  }

  async take(state: string, now: Date): Promise<string | undefined> {
    const row = this.q.get('DELETE FROM slack_oauth_states WHERE state = ? RETURNING install_options AS "options", expires_at AS "expiresAt"').get(state) as { options: string; expiresAt: number } | undefined;
    return row && Number(row.expiresAt) > now.getTime() ? row.options : undefined;
  }
}

class SqliteEvents implements EventLog {
  private prunedAt = 0;

  constructor(private readonly q: Statements) {}

  async first(eventId: string, now: Date, ttlMs: number): Promise<boolean> {
    const t = now.getTime();
    if (Math.abs(t - this.prunedAt) >= PRUNE_EVERY_MS) {
      this.prunedAt = t;
      this.q.get('DELETE FROM slack_events WHERE seen_at < ?').run(t - ttlMs);
    }
    const r = this.q.get('INSERT INTO slack_events (event_id, seen_at) VALUES (?, ?) ON CONFLICT (event_id) DO UPDATE SET seen_at = excluded.seen_at WHERE slack_events.seen_at < ?').run(eventId, t, t - ttlMs);
    return r.changes === 1;
  }
}

/** The Slack store on the app's SQLite connection (or one of its own, closed with it, when `owned`). */
export class SqliteSlackStore implements SlackStore {
  readonly engine = 'sqlite';
  readonly installations: InstallationRepository;
  readonly states: OAuthStateRepository;
  readonly events: EventLog;

  constructor(
    private readonly db: Db,
    private readonly owned = false,
  ) {
    const q = new Statements(db);
    this.installations = new SqliteInstallations(db, q);
    this.states = new SqliteStates(q);
    this.events = new SqliteEvents(q);
  }

  async close(): Promise<void> {
    if (this.owned) this.db.close();
  }
}
