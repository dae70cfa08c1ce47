import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { tempDir, testBot } from '../helpers.js';

const status = (r: Awaited<ReturnType<ReturnType<typeof testBot>['ask']>>) => r.items![0]!.fields.find((f) => f.label === 'Status')!.value;

describe('reply cache', () => {
  it('reuses lookup replies until a command that may write runs', async () => {
    const t = testBot();
    const a = await t.ask('show owg-focus-areas');
    expect(await t.ask('show owg-focus-areas')).toBe(a); // the same reply object: served from the cache
    expect(status(a)).toBe('Open');
    await t.ask('done owg-focus-areas');
    const b = await t.ask('show owg-focus-areas');
    expect(b).not.toBe(a);
    expect(status(b)).toBe('Done');
  });

  it('drops what it holds when another connection changes the database', async () => {
    const file = path.join(tempDir(), 'cache.db');
    const t = testBot('2014-06-15T09:00:00Z', { db: openDatabase(file) });
    expect(status(await t.ask('show owg-focus-areas'))).toBe('Open');
    const other = openDatabase(file);
    other.prepare("UPDATE commitments SET status = 'blocked', status_source = 'user' WHERE id = 'owg-focus-areas'").run();
    other.close();
    await new Promise((r) => setTimeout(r, 300)); // another process's commit shows within 250 ms
    expect(status(await t.ask('show owg-focus-areas'))).toBe('Blocked');
  });

  it('keys date-dependent answers by the day', async () => {
    const t = testBot('2014-06-15T09:00:00Z');
    const first = await t.ask('overdue');
    expect(await t.ask('overdue')).toBe(first);
  });
});
