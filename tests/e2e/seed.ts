import { existsSync, readFileSync } from 'node:fs';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import type { SchedulerStore } from '../../src/store/contract.js';
import { openDatabase } from '../../src/store/db.js';
import type { Delivery } from '../../src/store/deliveries-repo.js';
import { catalog } from '../helpers.js';

/**
 * The catalog in the database file, and `count` one-off console reminders in the scheduler's store
 * (the file's or PostgreSQL's: tests/engine.ts engineProcesses), one per channel, all due at `due`.
 * Returns their ids.
 */
export async function seedDueReminders(file: string, schedules: SchedulerStore, count: number, due: string): Promise<number[]> {
  const created = new Date(Date.parse(due) - 2 * 86_400_000);
  const db = openDatabase(file);
  syncCatalog(db, catalog(), created);
  db.close();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const sub = await schedules.createSubscription(
      { kind: 'reminder', platform: 'console', team: '', targetKind: 'channel', targetRef: `c${i}`, createdBy: 'ana', topic: { kind: 'lookup', text: 'gfmd', query: 'gfmd', lookup: 'gfmd' }, schedule: `ONCE=${due}`, zone: 'UTC', nextRunAt: due },
      created,
    );
    ids.push(sub.id);
  }
  return ids;
}

/** Every delivery of these subscriptions, read through the store. */
export async function deliveriesOf(schedules: SchedulerStore, ids: number[]): Promise<Delivery[]> {
  const all: Delivery[] = [];
  for (const id of ids) all.push(...(await schedules.deliveriesOf(id)));
  return all;
}

/** How many of `items` have each value of `key`. */
export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const n: Record<string, number> = {};
  for (const t of items) n[key(t)] = (n[key(t)] ?? 0) + 1;
  return n;
}

export const outboxLines = (f: string): string[] => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);
