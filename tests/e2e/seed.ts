import { existsSync, readFileSync } from 'node:fs';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { openDatabase } from '../../src/store/db.js';
import { SubscriptionRepository } from '../../src/store/subscriptions-repo.js';
import { catalog } from '../helpers.js';

/** A database file with the catalog and `count` one-off console reminders, one per channel, all due at `due`. */
export function seedDueReminders(file: string, count: number, due: string): void {
  const db = openDatabase(file);
  const created = new Date(Date.parse(due) - 2 * 86_400_000);
  syncCatalog(db, catalog(), created);
  const subs = new SubscriptionRepository(db);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      subs.create(
        { kind: 'reminder', platform: 'console', team: '', targetKind: 'channel', targetRef: `c${i}`, createdBy: 'ana', topic: { kind: 'lookup', text: 'gfmd', query: 'gfmd', lookup: 'gfmd' }, schedule: `ONCE=${due}`, zone: 'UTC', nextRunAt: due },
        created,
      );
    }
  })();
  db.close();
}

export const outboxLines = (f: string): string[] => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);
