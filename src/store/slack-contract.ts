/**
 * The Slack adapter's shared state, async and on either engine (SQLite: slack-sqlite.ts;
 * PostgreSQL: pg/slack-store.ts), so that several instances on one database serve every
 * workspace alike: installations (OAuth), the install flow's one-use states, and the event ids
 * already answered. No Slack type crosses here: an installation is kept as the JSON text the
 * adapter gives. tests/store/slack-store.test.ts runs the same suite on both engines.
 */

/** One installation of the app: a workspace (`T:<team>`) or an org-wide install (`E:<enterprise>`). */
export interface StoredInstallation {
  key: string;
  enterpriseId: string;
  teamId: string;
  isEnterpriseInstall: boolean;
  /** The installation as the adapter serialised it (tokens included). */
  data: string;
  /** When its earliest expiring token expires (epoch seconds); null without token rotation. */
  expiresAt: number | null;
  installedAt: string;
  updatedAt: string;
}

export type NewInstallation = Omit<StoredInstallation, 'installedAt' | 'updatedAt'>;

/** What a refresh gives back: the installation with its new tokens. */
export type Renewed = Pick<StoredInstallation, 'data' | 'expiresAt'>;

export interface RefreshOptions {
  /** Called (once) when another instance is refreshing this installation's tokens and this one waits for it. */
  onWait?: () => void;
  /** How long a refresh may take before another instance may take it over (SQLite's lease). */
  leaseMs?: number;
}

export interface InstallationRepository {
  /** Creates or replaces an installation (a re-install keeps its first installedAt). */
  save(i: NewInstallation, now: Date): Promise<void>;
  find(key: string): Promise<StoredInstallation | undefined>;
  /** The installation that serves a workspace: its own, else the org-wide install it was seen under. */
  forTeam(teamId: string): Promise<StoredInstallation | undefined>;
  /** Records that a workspace is served by an org-wide install (seen in one of its events). */
  linkTeam(teamId: string, key: string): Promise<void>;
  remove(key: string): Promise<void>;
  /**
   * One refresh across every instance: locks the installation in the database (PostgreSQL: the
   * row, FOR UPDATE; SQLite: a lease taken in an IMMEDIATE transaction), reads it again, and only
   * when `stale` still holds calls `renew` and saves what it gives. An instance that finds another
   * refreshing waits for it and returns its result. Undefined when there is no such installation.
   */
  refresh(key: string, stale: (i: StoredInstallation) => boolean, renew: (i: StoredInstallation) => Promise<Renewed>, now: () => Date, opts?: RefreshOptions): Promise<StoredInstallation | undefined>;
}

export interface OAuthStateRepository {
  /** Keeps a new state until `expiresAt` (and forgets the ones expired by `now`). */
  issue(state: string, installOptions: string, now: Date, expiresAt: Date): Promise<void>;
  /** The state's install options, once: it is deleted as it is read; undefined when unknown, used or expired. */
  take(state: string, now: Date): Promise<string | undefined>;
}

export interface EventLog {
  /**
   * True for the first delivery of an event id within `ttlMs` (insert-if-absent: whichever
   * instance inserts it answers; the others see it there). Ids older than the TTL are pruned.
   */
  first(eventId: string, now: Date, ttlMs: number): Promise<boolean>;
}

export interface SlackStore {
  readonly engine: 'sqlite' | 'postgres';
  installations: InstallationRepository;
  states: OAuthStateRepository;
  events: EventLog;
  /** Closes what this store opened itself (nothing when it shares the app's connection or pool). */
  close(): Promise<void>;
}

/** The key of an installation: the enterprise's for an org-wide install, else the workspace's. */
export function installKey(q: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }): string | undefined {
  if (q.isEnterpriseInstall) return q.enterpriseId ? `E:${q.enterpriseId}` : undefined;
  return q.teamId ? `T:${q.teamId}` : undefined;
}

/** How often an instance prunes old event ids (at most). */
export const PRUNE_EVERY_MS = 60_000;
