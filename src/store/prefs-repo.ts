import type { Platform } from '../core/message.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

/** Per-user and per-channel time zones, and organisations' focal points. */
export class PrefsRepository {
  private readonly q: Statements;

  constructor(db: Db) {
    this.q = new Statements(db);
  }

  zone(platform: Platform, team: string, kind: 'user' | 'channel', ref: string): string | undefined {
    return this.q.get('SELECT zone FROM zones WHERE platform = ? AND team = ? AND kind = ? AND ref = ?').pluck().get(platform, team, kind, ref) as string | undefined;
  }

  setZone(platform: Platform, team: string, kind: 'user' | 'channel', ref: string, zone: string): void {
    this.q
      .get('INSERT INTO zones (platform, team, kind, ref, zone) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET zone = excluded.zone')
      .run(platform, team, kind, ref, zone);
  }

  focalPoint(actorId: string, platform: Platform, team: string): string | undefined {
    return this.q.get('SELECT user_ref FROM focal_points WHERE actor_id = ? AND platform = ? AND team = ?').pluck().get(actorId, platform, team) as string | undefined;
  }

  setFocalPoint(actorId: string, platform: Platform, team: string, userRef: string, by: string, now: Date): void {
    this.q
      .get(
        `INSERT INTO focal_points (actor_id, platform, team, user_ref, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET user_ref = excluded.user_ref, set_by = excluded.set_by, set_at = excluded.set_at`,
      )
      .run(actorId, platform, team, userRef, by, now.toISOString());
  }

  focalPoints(platform: Platform, team: string): Array<{ actorId: string; userRef: string }> {
    return this.q.get('SELECT actor_id AS actorId, user_ref AS userRef FROM focal_points WHERE platform = ? AND team = ?').all(platform, team) as Array<{ actorId: string; userRef: string }>;
  }
}
