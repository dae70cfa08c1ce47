import type { Continuation, SharedPages } from '../../commands/pages.js';
import type { Pool } from './pool.js';

/** How long a continuation is kept (as in memory): an hour after it was last shown. */
const KEEP_MS = 60 * 60 * 1000;

/** The conversation's key as text PostgreSQL stores (its parts are NUL-separated in memory). */
const column = (key: string): string => JSON.stringify(key.split('\u0000'));

/** `more` across instances: each conversation's continuation in PostgreSQL (migration 014). */
export class PgPagesStore implements SharedPages {
  private lastPrune = 0;

  constructor(private readonly pool: Pool) {}

  async get(key: string): Promise<Continuation | undefined> {
    const { rows } = await this.pool.query<{ kept: Continuation }>('SELECT kept FROM conversation_pages WHERE conversation = $1', [column(key)]);
    return rows[0]?.kept;
  }

  async set(key: string, kept: Continuation): Promise<void> {
    await this.pool.query(
      `INSERT INTO conversation_pages (conversation, kept, shown_at) VALUES ($1, $2, now())
       ON CONFLICT (conversation) DO UPDATE SET kept = excluded.kept, shown_at = excluded.shown_at`,
      [column(key), JSON.stringify(kept)],
    );
    // What nobody continued within the hour goes (at most once a minute per instance).
    if (Date.now() - this.lastPrune > 60_000) {
      this.lastPrune = Date.now();
      await this.pool.query(`DELETE FROM conversation_pages WHERE shown_at < now() - make_interval(secs => $1)`, [KEEP_MS / 1000]);
    }
  }

  async delete(key: string): Promise<void> {
    await this.pool.query('DELETE FROM conversation_pages WHERE conversation = $1', [column(key)]);
  }
}
