import type { Migration } from './index.js';

/**
 * Every agency's Slack workspace (issue 13), in the database so that several instances share it:
 * - `slack_installations`: one row per installation of the app, keyed `T:<team id>` for a
 *   workspace and `E:<enterprise id>` for an org-wide install; the installation as Bolt gives it
 *   (JSON, tokens included), when its earliest token expires (token rotation, epoch seconds), and
 *   a refresh lease (SQLite: the instance refreshing the tokens holds it until it is done, so two
 *   instances refresh once; PostgreSQL locks the row instead and leaves these empty).
 * - `slack_install_teams`: the workspaces seen under an org-wide install (team → its install), so a
 *   scheduled message to one of them finds its token.
 * - `slack_oauth_states`: the install flow's `state` values, each usable once, until it expires.
 * - `slack_events`: the Slack event ids already answered (de-duplication across instances).
 */
export const SLACK_WORKSPACES_SQL = `
      CREATE TABLE slack_installations (
        install_key           TEXT PRIMARY KEY,
        enterprise_id         TEXT NOT NULL DEFAULT '',
        team_id               TEXT NOT NULL DEFAULT '',
        is_enterprise_install SMALLINT NOT NULL CHECK (is_enterprise_install IN (0, 1)),
        installation          TEXT NOT NULL,
        expires_at            BIGINT,
        refresh_owner         TEXT,
        refresh_until         BIGINT,
        installed_at          TEXT NOT NULL,
        updated_at            TEXT NOT NULL
      );
      CREATE TABLE slack_install_teams (
        team_id     TEXT PRIMARY KEY,
        install_key TEXT NOT NULL REFERENCES slack_installations(install_key) ON DELETE CASCADE
      );
      CREATE TABLE slack_oauth_states (
        state           TEXT PRIMARY KEY,
        install_options TEXT NOT NULL,
        expires_at      BIGINT NOT NULL
      );
      CREATE INDEX slack_oauth_states_expiry ON slack_oauth_states(expires_at);
      CREATE TABLE slack_events (
        event_id TEXT PRIMARY KEY,
        seen_at  BIGINT NOT NULL
      );
      CREATE INDEX slack_events_seen ON slack_events(seen_at);
    `;

export const m013SlackWorkspaces: Migration = {
  version: 13,
  name: 'slack-workspaces',
  up(db) {
    db.exec(SLACK_WORKSPACES_SQL);
  },
};
