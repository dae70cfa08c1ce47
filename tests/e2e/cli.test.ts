import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from '../helpers.js';

// These run the built CLI (npm test builds first) as a person would, on a real SQLite file.
function run(args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', USER: 'ana', ...env },
    ...(input !== undefined ? { input } : {}),
    timeout: 20_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let db: string;
beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  db = path.join(tempDir(), 'var', 'followup.db');
});

describe('followup ask', () => {
  it('answers one question and exits 0', () => {
    const r = run(['ask', 'what did KNOMAD commit to?'], { FOLLOWUP_DB: db });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('What KNOMAD (Global Knowledge Partnership on Migration and Development) is doing');
    expect(r.out.replace(/\s+/g, ' ')).toContain('— 12th meeting report · Report of the Twelfth Meeting, ¶14 “In the second presentation…”'); // after the quote, wrapped with it
    expect(r.out).toContain('Note: Sections I–VI lost their headings in extraction');
    expect(existsSync(db)).toBe(true);
  });

  it('a raw platform mention is stripped here too', () => {
    for (const q of ['<@U0123> agenda 7', '<@U0123|followup>: agenda 7', '<at>followup</at> agenda 7']) {
      const r = run(['ask', q, '--json'], { FOLLOWUP_DB: db });
      expect(r.code, q).toBe(0);
      expect(JSON.parse(r.out).title, q).toBe('Agenda point 7: Strengthen the migration evidence base');
    }
  });

  it('--json prints the platform-neutral reply', () => {
    const r = run(['ask', 'due in September 2014', '--json'], { FOLLOWUP_DB: db });
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.out);
    expect(reply.title).toBe('Due in September 2014');
    expect(reply.items[0]).toMatchObject({ id: 'icpd-final-work-plan', citation: { sectionId: 'VII', paragraph: 2 } });
  });

  it('FOLLOWUP_NOW pins "now" for relative questions', () => {
    const r = run(['ask', 'due next 30 days', '--json'], { FOLLOWUP_DB: db, FOLLOWUP_NOW: '2014-07-01T09:00:00Z' });
    expect(JSON.parse(r.out).items.map((i: { id: string }) => i.id)).toEqual(['owg-sdgs-agreed-july-2014']);
  });

  it('bad usage exits 2 with a usage message', () => {
    for (const args of [['ask'], ['ask', '   '], ['frobnicate'], ['ask', 'x', '--bogus'], ['chat', 'extra']]) {
      const r = run(args, { FOLLOWUP_DB: db });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/^followup: .*\n\nUsage:/);
    }
    expect(run(['help']).out).toMatch(/^Usage:/);
  });

  it('a config error names the variable, exits 1, no stack trace', () => {
    const r = run(['ask', 'gfmd'], { FOLLOWUP_DB: db, FOLLOWUP_TZ: 'Mars/Olympus' });
    expect(r.code).toBe(1);
    expect(r.err).toBe('followup: FOLLOWUP_TZ: expected an IANA time zone name such as Europe/Zurich or America/New_York (got "Mars/Olympus").\n');
  });

  it('refuses a database newer than the code', () => {
    const file = path.join(tempDir(), 'newer.db');
    const d = new Database(file);
    d.pragma('user_version = 999');
    d.close();
    const r = run(['ask', 'gfmd'], { FOLLOWUP_DB: file });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^followup: the database .* has schema version 999/);
  });

  it('restarting never duplicates the catalog', () => {
    const file = path.join(tempDir(), 'restart.db');
    run(['ask', 'gfmd'], { FOLLOWUP_DB: file });
    const count = () => {
      const d = new Database(file, { readonly: true });
      const n = d.prepare('SELECT count(*) FROM commitments').pluck().get();
      d.close();
      return n;
    };
    const first = count();
    run(['ask', 'agenda'], { FOLLOWUP_DB: file });
    run(['ask', 'tracks'], { FOLLOWUP_DB: file });
    expect(count()).toBe(first);
    expect(first).toBeGreaterThan(40);
  });
});

describe('followup (chat)', () => {
  it('reads questions from standard input and answers each', () => {
    const r = run([], { FOLLOWUP_DB: db }, 'agenda 7\ngfmd\nexit\n');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^followup — Twelfth Coordination Meeting on International Migration \(\d+ items\)/);
    expect(r.out).toContain('Agenda point 7: Strengthen the migration evidence base');
    expect(r.out).toContain('GFMD chairmanship 2014–2015 (Turkey): priorities');
  });
});
