import type { Migration } from './index.js';

/**
 * Follow-up: owners, progress notes, history, time zones, focal points, subscriptions
 * (reminders, digests, deadline ladders) and their deliveries.
 */
export const m002Followup: Migration = {
  version: 2,
  name: 'followup',
  up(db) {
    db.exec(`
      ALTER TABLE commitments ADD COLUMN owner TEXT;

      -- Who changed what, when, from which platform. Append only.
      CREATE TABLE audit (
        id            INTEGER PRIMARY KEY,
        commitment_id TEXT NOT NULL REFERENCES commitments(id),
        at            TEXT NOT NULL,
        platform      TEXT NOT NULL,
        team          TEXT NOT NULL DEFAULT '',
        user_id       TEXT NOT NULL,
        action        TEXT NOT NULL,
        old_value     TEXT,
        new_value     TEXT,
        note          TEXT
      );
      CREATE INDEX audit_commitment ON audit(commitment_id, at);
      CREATE INDEX audit_at ON audit(at);

      -- A zone per user or channel (IANA names).
      CREATE TABLE zones (
        platform TEXT NOT NULL,
        team     TEXT NOT NULL DEFAULT '',
        kind     TEXT NOT NULL CHECK (kind IN ('user', 'channel')),
        ref      TEXT NOT NULL,
        zone     TEXT NOT NULL,
        PRIMARY KEY (platform, team, kind, ref)
      ) WITHOUT ROWID;

      -- An organisation's focal point on a platform.
      CREATE TABLE focal_points (
        actor_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        team     TEXT NOT NULL DEFAULT '',
        user_ref TEXT NOT NULL,
        set_by   TEXT NOT NULL,
        set_at   TEXT NOT NULL,
        PRIMARY KEY (actor_id, platform, team)
      ) WITHOUT ROWID;

      -- Reminders, digests and deadline ladders. The row is the truth: the scheduler claims due
      -- rows by next_run_at, and version bumps on every change so a stale claim is detected.
      CREATE TABLE subscriptions (
        id             INTEGER PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('reminder', 'digest', 'ladder')),
        platform       TEXT NOT NULL,
        team           TEXT NOT NULL DEFAULT '',
        target_kind    TEXT NOT NULL CHECK (target_kind IN ('user', 'channel')),
        target_ref     TEXT NOT NULL,
        created_by     TEXT NOT NULL,
        topic          TEXT NOT NULL,
        schedule       TEXT NOT NULL,
        zone           TEXT NOT NULL,
        state          TEXT NOT NULL CHECK (state IN ('active', 'paused', 'stopped', 'failed', 'finished')),
        next_run_at    TEXT,
        snoozed_from   TEXT,
        failure_reason TEXT,
        last_run_at    TEXT,
        version        INTEGER NOT NULL DEFAULT 1,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE INDEX subscriptions_due ON subscriptions(next_run_at) WHERE state = 'active';
      CREATE INDEX subscriptions_target ON subscriptions(platform, team, target_kind, target_ref);

      -- One row per (subscription, scheduled instant, recipient), written before sending.
      CREATE TABLE deliveries (
        id              INTEGER PRIMARY KEY,
        subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
        scheduled_for   TEXT NOT NULL,
        recipient       TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        version         INTEGER NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        late            INTEGER NOT NULL DEFAULT 0,
        attempts        INTEGER NOT NULL DEFAULT 0,
        retry_at        TEXT,
        detail          TEXT,
        created_at      TEXT NOT NULL,
        finished_at     TEXT
      );
      CREATE INDEX deliveries_pending ON deliveries(retry_at) WHERE status = 'pending';
      CREATE INDEX deliveries_subscription ON deliveries(subscription_id, id);
    `);
  },
};
