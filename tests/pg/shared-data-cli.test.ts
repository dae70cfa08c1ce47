import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../e2e/faults.js';
import { tempDir } from '../helpers.js';
import { freshDatabase } from './db.js';

const ask = (q: string, env: Record<string, string>, as = 'ana') => {
  const r = run(['ask', q, '--json', '--as', as], env);
  expect(r.err, q).toBe('');
  expect(r.code, q).toBe(0);
  return JSON.parse(r.out) as { title: string; text?: string; items?: Array<{ id: string; title: string; text?: string; fields: Array<{ label: string; value: string }> }> };
};

/**
 * The built CLI, one process per command as separate instances would be: with
 * FOLLOWUP_DATABASE_URL, what one process changed is what the next one answers with.
 */
describe('the follow-up data on PostgreSQL, end to end through the CLI', () => {
  it('status, notes, owners and time zones set by one process answer in the next; an export of SQLite data moves into PostgreSQL whole', async () => {
    const url = await freshDatabase();
    const pgEnv = { FOLLOWUP_DATABASE_URL: url, FOLLOWUP_NOW: '2014-03-05T12:00:00Z' };
    expect(ask('progress owg-focus-areas draft list circulated', pgEnv).title).toBe('owg-focus-areas: open → in-progress');
    expect(ask('assign owg-focus-areas @bob', pgEnv, 'carla').title).toBe('owg-focus-areas is now owned by @bob');
    const h = ask('history owg-focus-areas', pgEnv);
    expect(h.items!.map((i) => [i.title, i.fields[0]!.value])).toEqual([
      ['Status open → in-progress', 'ana (console)'],
      ['Owner none → @bob', 'carla (console)'],
    ]);
    ask('tz Asia/Tokyo', pgEnv);
    expect(ask('tz', pgEnv).title).toBe('Your time zone is Asia/Tokyo');

    // A deployment that ran on SQLite brings its data along: export there, import here.
    const dir = tempDir();
    const liteEnv = { FOLLOWUP_DB: path.join(dir, 'old.db'), FOLLOWUP_NOW: '2014-03-05T12:00:00Z' };
    ask('done icpd-final-work-plan sent to the Commission', liteEnv);
    const file = path.join(dir, 'all.json');
    expect(run(['export', 'json', '--out', file], liteEnv).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('sent to the Commission');
    const imported = run(['import', file], pgEnv);
    expect(imported.err).toBe('');
    expect(imported.out).toMatch(/^Imported all\.json: 0 added, \d+ updated/);
    expect(ask('history icpd-final-work-plan', pgEnv).items!.map((i) => [i.title, i.text])).toEqual([['Status open → done', '“sent to the Commission”']]);
    // …and what PostgreSQL held before is still there; an export from PostgreSQL has both.
    expect(ask('history owg-focus-areas', pgEnv).items).toHaveLength(2);
    const out = run(['export', 'json'], pgEnv);
    expect(out.code).toBe(0);
    expect(out.out).toContain('sent to the Commission');
    expect(out.out).toContain('draft list circulated');
  });
});
