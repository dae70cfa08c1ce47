import type { Installation, InstallationQuery, InstallationStore, Logger as SlackLogger } from '@slack/oauth';
import { LogLevel } from '@slack/oauth';
import type { Logger } from '../../src/core/log.js';
import { installKey, type InstallationRepository, type Renewed, type StoredInstallation } from '../../src/store/slack-contract.js';

/** What oauth.v2.access answers to grant_type=refresh_token. */
export interface RefreshedToken {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
}

/**
 * Refresh tokens this long before they expire. Bolt's InstallProvider refreshes (without any
 * lock) a token that expires within 2 hours; ours is a little earlier, so by the time Bolt looks
 * the token is always fresh and the one refresh is ours, under the database lock.
 */
export const REFRESH_BEFORE_S = 2 * 3600 + 300;

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** No installation serves the request's workspace (never installed, or removed). */
export class NotInstalledError extends Error {
  override readonly name = 'NotInstalledError';
}

/** The earliest expiry of the installation's rotating tokens (epoch seconds), or null. */
function expiryOf(i: AnyInstallation): number | null {
  const times = [i.bot?.refreshToken ? i.bot.expiresAt : undefined, i.user?.refreshToken ? i.user.expiresAt : undefined].filter((t): t is number => typeof t === 'number');
  return times.length ? Math.min(...times) : null;
}

/**
 * Bolt's InstallationStore kept in the database (SQLite or PostgreSQL, see src/store/), so every
 * instance serves every workspace: workspace installs by team id, org-wide installs by enterprise
 * id. Token rotation happens here, under the database lock (one refresh across instances): a
 * fetched installation whose tokens expire soon is refreshed before Bolt sees it.
 */
export class DbInstallationStore implements InstallationStore {
  /** Workspaces already linked to their org-wide install by this process (one write each). */
  private readonly linked = new Set<string>();
  private readonly refreshing = new Map<string, Promise<StoredInstallation | undefined>>();

  constructor(
    private readonly repo: InstallationRepository,
    private readonly refreshToken: (token: string) => Promise<RefreshedToken>,
    private readonly log: Logger,
    /** Slack's clock decides when a token expires: the system clock (FOLLOWUP_NOW does not apply). */
    private readonly nowMs: () => number = Date.now,
  ) {}

  async storeInstallation<V extends 'v1' | 'v2'>(installation: Installation<V, boolean>): Promise<void> {
    const i = installation as AnyInstallation;
    const key = installKey({ teamId: i.team?.id, enterpriseId: i.enterprise?.id, isEnterpriseInstall: i.isEnterpriseInstall === true });
    if (!key) throw new Error('slack: an installation without a team or an enterprise id');
    await this.repo.save({ key, enterpriseId: i.enterprise?.id ?? '', teamId: i.team?.id ?? '', isEnterpriseInstall: i.isEnterpriseInstall === true, data: JSON.stringify(i), expiresAt: expiryOf(i) }, new Date(this.nowMs()));
    this.log.info({ key, team: i.team?.id, enterprise: i.enterprise?.id }, 'slack: app installed');
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    let row = await this.find(query);
    if (!row) throw new NotInstalledError(`no installation for ${installKey(query) ?? 'this request'}: the app was not installed there, or it was removed`);
    if (this.stale(row)) {
      const key = row.key;
      row = await this.refreshOnce(key);
      if (!row) throw new NotInstalledError(`the installation ${key} was removed`);
    }
    return JSON.parse(row.data) as AnyInstallation;
  }

  /** One refresh per installation in this process too: requests arriving meanwhile share it (and hold no database connection). */
  private refreshOnce(key: string): Promise<StoredInstallation | undefined> {
    let pending = this.refreshing.get(key);
    if (!pending) {
      pending = this.repo
        .refresh(key, (r) => this.stale(r), (r) => this.renew(r), () => new Date(this.nowMs()), {
          onWait: () => this.log.info({ key }, 'slack: another instance is refreshing this installation’s tokens; waiting for it'),
        })
        .finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, pending);
    }
    return pending;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = installKey(query);
    if (key) await this.repo.remove(key);
  }

  /** An org-wide install by its enterprise; a workspace by its own install, else the org-wide one it belongs to. */
  private async find(q: InstallationQuery<boolean>): Promise<StoredInstallation | undefined> {
    if (q.isEnterpriseInstall) {
      const org = q.enterpriseId ? await this.repo.find(`E:${q.enterpriseId}`) : undefined;
      // A scheduled message to one of its workspaces must find this install by team alone.
      if (org && q.teamId && !this.linked.has(q.teamId)) {
        await this.repo.linkTeam(q.teamId, org.key);
        this.linked.add(q.teamId);
      }
      return org;
    }
    if (!q.teamId) return undefined;
    return (await this.repo.forTeam(q.teamId)) ?? (q.enterpriseId ? this.repo.find(`E:${q.enterpriseId}`) : undefined);
  }

  private stale(row: StoredInstallation): boolean {
    return row.expiresAt !== null && row.expiresAt - this.nowMs() / 1000 <= REFRESH_BEFORE_S;
  }

  /** Refreshes each rotating token (bot, user) that expires soon, with oauth.v2.access. */
  private async renew(row: StoredInstallation): Promise<Renewed> {
    const i = JSON.parse(row.data) as AnyInstallation;
    const now = Math.floor(this.nowMs() / 1000);
    for (const holder of [i.bot, i.user] as Array<{ token?: string; refreshToken?: string; expiresAt?: number } | undefined>) {
      if (!holder?.refreshToken || holder.expiresAt === undefined || holder.expiresAt - now > REFRESH_BEFORE_S) continue;
      const r = await this.refreshToken(holder.refreshToken);
      if (!r.access_token || !r.refresh_token || typeof r.expires_in !== 'number') throw new Error('slack: oauth.v2.access answered without a token');
      Object.assign(holder, { token: r.access_token, refreshToken: r.refresh_token, expiresAt: now + r.expires_in });
    }
    this.log.info({ key: row.key }, 'slack: tokens refreshed');
    return { data: JSON.stringify(i), expiresAt: expiryOf(i) };
  }
}

/**
 * @slack/oauth's and its Web API client's logger, as our pino logger. Their debug lines are
 * dropped: the client logs request bodies there, and its redaction covers tokens but not
 * `client_secret`. Their errors are about one request: warnings.
 */
export function slackLogger(log: Logger): SlackLogger {
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: () => {},
    info: (...m: unknown[]) => log.debug(text(m)),
    warn: (...m: unknown[]) => log.warn(text(m)),
    error: (...m: unknown[]) => log.warn(text(m)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
