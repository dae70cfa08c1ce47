import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../fixtures/pdf.js';
import { engineEnv } from '../engine.js';
import { catalog, CLI, ROOT, tempDir } from '../helpers.js';

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FOLLOWUP_NOW: '2025-03-10T09:00:00Z', ...env }, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = tempDir('followup-cli-import-');
const db = path.join(dir, 'followup.db');
const fixture = path.join(ROOT, 'tests/fixtures/fictional-meeting-report.md');
/** The chosen engine's database for every command of this file (tests/engine.ts): the file `db`, or PostgreSQL. */
const engine = await engineEnv();

describe('followup import / export from the command line', () => {
  it('--dry-run shows the table of candidates and stores nothing', () => {
    const r = run(['import', fixture, '--meeting', '4th Harbour meeting', '--date', '2025-03-03', '--dry-run'], { FOLLOWUP_DB: db, ...engine });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^id\s+kind\s+who\s+due\s+where\s+why/m);
    expect(r.out).toMatch(/m4-tdg-\S+\s+commitment\s+TDG\*?.*by 30 June 2025/);
    expect(r.out).toMatch(/candidates \(\* \d+ new actors?\)\.\nDry run: nothing was stored\./);
    expect(run(['ask', 'proposed'], { FOLLOWUP_DB: db, ...engine }).out).toMatch(/Nothing is waiting for review/);
  });

  it('imports a PDF, then the chat reviews it; export writes csv/json/md/ics', () => {
    const pdf = path.join(dir, 'harbour.pdf');
    writeFileSync(pdf, makePdf([['REPORT OF THE FIFTH MEETING', '', 'The Coastal Fund would publish its grant rules by May 2026.', '', 'Participants thanked the hosts.']]));
    const imported = run(['import', pdf, '--meeting', '5th Harbour meeting', '--date', '2026-03-02'], { FOLLOWUP_DB: db, ...engine });
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/5th Harbour meeting \(PDF\): \d+ paragraphs/);
    expect(imported.out).toMatch(/Stored as proposed/);
    const id = /^(m5-\S+)/m.exec(imported.out)![1]!;
    expect(run(['ask', `accept ${id}`], { FOLLOWUP_DB: db, ...engine }).out).toMatch(new RegExp(`Accepted: ${id}`));
    const json = run(['export', 'json', '--meeting', '5th Harbour meeting'], { FOLLOWUP_DB: db, ...engine });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).commitments.map((c: { id: string }) => c.id)).toEqual([id]);
    const out = path.join(dir, 'all.csv');
    const csv = run(['export', 'csv', '--out', out], { FOLLOWUP_DB: db, ...engine });
    expect(csv.out).toMatch(new RegExp(`^Wrote ${catalog().commitments.length + 1} commitments to `)); // the catalog's and the one accepted
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toMatch(/^id,meeting_id,/);
    expect(run(['export', 'md', '--actor', 'KNOMAD'], { FOLLOWUP_DB: db, ...engine }).out).toMatch(/^# Follow-up report: .*KNOMAD/);
    expect(run(['export', 'ics', '--actor', 'ECE'], { FOLLOWUP_DB: db, ...engine }).out).toMatch(/^BEGIN:VCALENDAR\r\n/);
  });

  it('shows progress on a long document', () => {
    const long = path.join(dir, 'long.txt');
    writeFileSync(long, Array.from({ length: 400 }, (_, i) => `The Agency would deliver output number ${i + 1} by May 2026.`).join('\n\n'));
    const r = run(['import', long, '--meeting', 'Long meeting', '--date', '2026-01-10', '--dry-run'], { FOLLOWUP_DB: db, ...engine });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/reading… 0% \(1 of 400 paragraphs\)/);
    expect(r.err).toMatch(/reading… 100% \(400 of 400 paragraphs\)/);
    expect(r.out).toMatch(/400 candidates/);
  });

  it('bad input: a clear message and a non-zero exit, never a stack trace', () => {
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const cases: Array<[string[], RegExp, number]> = [
      [['import', empty, '--meeting', 'M', '--date', '2026-01-01'], /empty\.txt is empty/, 1],
      [['import', path.join(dir, 'report.docx'), '--meeting', 'M', '--date', '2026-01-01'], /reads reports as \.txt, \.md or \.pdf/, 1],
      [['import', fixture, '--date', '2026-01-01'], /import needs the meeting’s name/, 1],
      [['import'], /import needs a file/, 2],
      [['export', 'xlsx'], /export needs a format: csv, json, md, ics/, 2],
      [['export', 'json', '--meeting', '99th meeting'], /No meeting called "99th meeting"/, 1],
      [['export', 'json', '--colour'], /Unknown option '--colour'/, 2],
      [['export', 'csv', '--out', path.join(dir, 'no-such-folder', 'x.csv')], /Cannot write .*x\.csv: its folder does not exist/, 1],
      [['import', dir, '--meeting', 'M', '--date', '2026-01-01'], /reads reports as|is not a file/, 1],
    ];
    for (const [args, message, code] of cases) {
      const r = run(args, { FOLLOWUP_DB: db, ...engine });
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});

describe('followup serve', () => {
  it('serves the calendar feed and /healthz without Slack or Teams', async () => {
    const child = spawn(process.execPath, [CLI, 'serve'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', FOLLOWUP_DB: path.join(dir, 'serve.db'), ...engine }, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d: Buffer) => {
          err += String(d);
          const line = err.split('\n').find((l) => l.includes('followup is listening'));
          if (line) resolve((JSON.parse(line) as { port: number }).port);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true, platforms: [] });
      const ics = await fetch(`http://127.0.0.1:${port}/calendar.ics?actor=ECE`);
      expect(ics.status).toBe(200);
      expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*UID:ece-almaty-workshop@cm12-2014\.followup/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
