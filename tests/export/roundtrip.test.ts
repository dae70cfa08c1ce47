import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { captureCommitment } from '../../src/commands/capture.js';
import { UserError } from '../../src/core/errors.js';
import { toCsv, parseCsv } from '../../src/export/csv.js';
import { toIcs } from '../../src/export/ics.js';
import { toJson } from '../../src/export/json.js';
import { toMarkdown } from '../../src/export/markdown.js';
import { exportSet } from '../../src/export/records.js';
import { importRecords } from '../../src/import/records-import.js';
import { importReport } from '../../src/import/report-import.js';
import { openDatabase } from '../../src/store/db.js';
import { citationOf } from '../../src/commands/present.js';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import { catalog, ROOT, tempDir, testBot } from '../helpers.js';

/** A message a commitment is captured from (its provenance goes with it through exports). */
const MESSAGE = {
  platform: 'slack' as const,
  team: 'T1',
  channelId: 'C1',
  channelName: 'migration',
  messageId: '1402822800.000100',
  permalink: 'https://un.slack.com/archives/C1/p1402822800000100',
  authorId: 'U1',
  authorName: 'Ana Ruiz',
  postedAt: '2014-06-15T09:00:00.000Z',
  text: 'ILO will circulate the draft survey by 15 March 2015',
};

/** A database with follow-up on it: statuses, owners, notes, an imported meeting, an item captured from chat. */
async function busyDatabase() {
  const t = testBot('2014-06-15T09:00:00Z');
  await t.ask('done ece-almaty-workshop workshop report published, with “quotes”, commas; and a\nnew line', 'ana');
  await t.ask('progress knomad-recruitment-costs survey sent to 12 corridors', 'bob');
  await t.ask('assign knomad-recruitment-costs @carla', 'ana');
  await t.ask('status owg-sdgs-agreed-july-2014 blocked =SUM(A1) looks like a formula', 'ana');
  const r = await importReport(t.db, path.join(ROOT, 'tests/fixtures/fictional-meeting-report.md'), { dryRun: false, meeting: '4th Harbour meeting', date: '2025-03-03' }, new Date('2014-06-15T09:00:00Z'));
  await t.ask(`accept ${r.extraction.candidates[0]!.id}`, 'ana');
  await t.ask(`accept ${r.extraction.candidates[1]!.id}`, 'ana');
  const by = { text: '', platform: 'slack' as const, team: 'T1', user: { id: 'U7', name: 'bob' }, channel: { id: 'C1' } };
  const captured = await captureCommitment({ summary: 'Circulate the draft survey', newActor: 'Harbour Migration Forum', due: '15 March 2015', owner: 'U7' }, MESSAGE, t.bot.deps, by);
  if (!captured.ok) throw new Error(JSON.stringify(captured.errors));
  return Object.assign(t, { captured: captured.id });
}

const dir = tempDir('followup-export-');

describe('exports round-trip through import without loss', () => {
  for (const format of ['json', 'csv'] as const) {
    it(`${format}: export → import into an empty database → export gives the same file`, async () => {
      const a = await busyDatabase();
      const first = format === 'json' ? toJson(exportSet(a.db)) : toCsv(exportSet(a.db));
      expect(first).toMatch(/survey sent to 12 corridors/);
      expect(first).toMatch(/"owner": "[^"]*carla|,[^,]*carla,/);
      expect(first).toContain(MESSAGE.permalink);
      const file = path.join(dir, `export-a.${format}`);
      writeFileSync(file, first);

      const b = openDatabase(':memory:');
      const result = await importRecords(b, file, new Date('2020-01-01T00:00:00Z'));
      const stored = exportSet(a.db).commitments.length; // the catalog's items, the two imported ones, the captured one
      expect(stored).toBe(catalog().commitments.length + 3);
      expect(result.added).toBe(stored);
      const second = format === 'json' ? toJson(exportSet(b)) : toCsv(exportSet(b));
      expect(second).toBe(first);
      // The captured item is cited by its message there too, with its link.
      expect(citationOf(new CommitmentRepository(b).get(a.captured)!)).toMatchObject({ label: 'message by Ana Ruiz in #migration, 15 Jun 2014', url: MESSAGE.permalink });

      // Importing into the database it came from changes nothing (no doubled history).
      const again = await importRecords(a.db, file, new Date('2020-01-01T00:00:00Z'));
      expect(again).toMatchObject({ added: 0, updated: stored });
      expect(format === 'json' ? toJson(exportSet(a.db)) : toCsv(exportSet(a.db))).toBe(first);
    });
  }

  it('CSV cells a spreadsheet would run as formulas are defused, and still round-trip', async () => {
    const a = await busyDatabase();
    const set = exportSet(a.db, { meeting: '12th meeting' });
    const tricky = ['=HYPERLINK("http://evil","click")', '+1 (212) 555', "-5 days", '@SUM(A1)', "'quoted already"];
    set.commitments = set.commitments.slice(0, tricky.length).map((c, i) => ({ ...c, summary: tricky[i]! }));
    const csv = toCsv(set);
    const rows = parseCsv(csv);
    const col = rows[0]!.indexOf('summary');
    expect(rows.slice(1).map((r) => r[col]!.charAt(0))).toEqual(tricky.map(() => "'"));
    const file = path.join(dir, 'tricky.csv');
    writeFileSync(file, csv);
    const b = openDatabase(':memory:');
    await importRecords(b, file, new Date('2020-01-01T00:00:00Z'));
    expect(exportSet(b).commitments.map((c) => c.summary)).toEqual(tricky);
  });

  it('CSV is a spreadsheet’s CSV: a header, one row per item, quoted fields with commas, quotes and new lines', async () => {
    const a = await busyDatabase();
    const rows = parseCsv(toCsv(exportSet(a.db, { actor: 'ECE' })));
    expect(rows[0]!.slice(0, 3)).toEqual(['id', 'meeting_id', 'meeting_name']);
    const almaty = rows.find((r) => r[0] === 'ece-almaty-workshop')!;
    expect(almaty[rows[0]!.indexOf('status')]).toBe('done');
    expect(JSON.parse(almaty[rows[0]!.indexOf('history_json')]!)[0].note).toBe('workshop report published, with “quotes”, commas; and a new line');
  });

  it('refuses what is not a followup export, naming the record and the field; nothing is written', async () => {
    const b = openDatabase(':memory:');
    const write = (name: string, body: string): string => {
      const p = path.join(dir, name);
      writeFileSync(p, body);
      return p;
    };
    const cases: Array<[string, RegExp]> = [
      [write('x.json', '{"format": "something-else"}'), /not a followup export/],
      [write('y.json', '{ nope'), /not valid JSON/],
      [write('z.csv', 'a,b\n1,2\n'), /the header lacks/],
      [write('e.json', ''), /is empty/],
    ];
    const good = JSON.parse(readFileSync(path.join(dir, 'export-a.json'), 'utf8')) as { commitments: Array<Record<string, unknown>> };
    good.commitments[3]!.status = 'maybe';
    cases.push([write('w.json', JSON.stringify(good)), /record 4 \([a-z0-9-]+\): status/]);
    const orphan = JSON.parse(readFileSync(path.join(dir, 'export-a.json'), 'utf8')) as { meetings: unknown[] };
    orphan.meetings = [];
    cases.push([write('o.json', JSON.stringify(orphan)), /names the meeting "cm12-2014", which the file does not describe/]);
    for (const [file, message] of cases) {
      let err: unknown;
      try {
        await importRecords(b, file, new Date());
      } catch (e) {
        err = e;
      }
      expect(err, file).toBeInstanceOf(UserError);
      expect((err as UserError).message).toMatch(message);
    }
    expect(b.prepare('SELECT count(*) FROM commitments').pluck().get()).toBe(0);
  });
});

describe('Markdown stakeholder report', () => {
  it('groups by track with status and citations, escaping Markdown in data', async () => {
    const a = await busyDatabase();
    const md = toMarkdown(exportSet(a.db, { meeting: '12th meeting' }), '2014-06-15');
    expect(md).toMatch(/^# Follow-up report: 12th meeting/);
    expect(md).toMatch(/^## Twelfth Coordination Meeting on International Migration/m);
    expect(md).toMatch(/^### Migration data and indicators \(\d+\)/m);
    expect(md).toMatch(/\*\*Done\*\*/);
    expect(md).toMatch(/— 12th meeting report, .+, ¶\d+ \(`ece-almaty-workshop`\)/);
    expect(md).not.toMatch(/4th Harbour/);
    expect(() => exportSet(a.db, { meeting: '99th meeting' })).toThrow(/No meeting called "99th meeting"/);
    expect(() => exportSet(a.db, { actor: 'Nobody Inc' })).toThrow(/No organisation or person/);
  });
});

describe('items captured from chat carry their message in every export, not a report paragraph', () => {
  const captured = async () => {
    const a = await busyDatabase();
    return { a, set: exportSet(a.db, { meeting: '#migration chat' }) };
  };

  it('JSON: the record has the message (platform, channel, id, permalink, author, time, who captured it)', async () => {
    const { a, set } = await captured();
    expect(set.commitments.map((c) => c.id)).toEqual([a.captured]);
    const { text: _text, ...stored } = MESSAGE;
    expect(set.commitments[0]!.message).toEqual({ ...stored, capturedBy: 'bob', capturedAt: '2014-06-15T09:00:00.000Z' });
    // The catalog's items have none.
    expect(exportSet(a.db, { meeting: '12th meeting' }).commitments.some((c) => c.message)).toBe(false);
  });

  it('CSV: readable message columns (link, author, channel, time) and the whole message for the import', async () => {
    const { set } = await captured();
    const rows = parseCsv(toCsv(set));
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]!]));
    expect(row).toMatchObject({ message_link: MESSAGE.permalink, message_author: 'Ana Ruiz', message_channel: '#migration', message_posted_at: MESSAGE.postedAt });
    expect(JSON.parse(row.message_json!)).toMatchObject({ messageId: MESSAGE.messageId, authorId: 'U1', channelId: 'C1' });
  });

  it('Markdown: cited as “message by Ana Ruiz in #migration, 15 Jun 2014”, linked to the message', async () => {
    const { a, set } = await captured();
    const md = toMarkdown(set, '2014-06-15');
    expect(md).toContain(`— [message by Ana Ruiz in \\#migration, 15 Jun 2014](<${MESSAGE.permalink}>) (\`${a.captured}\`)`);
    expect(md).not.toMatch(/report, Messages, ¶/);
  });

  it('iCalendar: the description cites the message and the event links to it (URL), parsed by ical.js', async () => {
    const { a, set } = await captured();
    const cal = new ICAL.Component(ICAL.parse(toIcs(set, 'followup', new Date('2014-06-15T09:00:00Z'))));
    const [event] = cal.getAllSubcomponents('vevent');
    expect(event!.getFirstPropertyValue('uid')).toBe(`${a.captured}@${set.meetings[0]!.id}.followup`);
    expect(String(event!.getFirstPropertyValue('description'))).toContain(`— message by Ana Ruiz in #migration, 15 Jun 2014: ${MESSAGE.permalink}`);
    expect(String(event!.getFirstPropertyValue('description'))).not.toMatch(/report, Messages/);
    expect(event!.getFirstPropertyValue('url')).toBe(MESSAGE.permalink);
  });

  it('a permalink that is no web address (javascript:, an edited file) is kept as data but never becomes a link', async () => {
    const { set } = await captured();
    set.commitments[0]!.message!.permalink = 'javascript:alert(1)';
    const md = toMarkdown(set, '2014-06-15');
    expect(md).toContain('— message by Ana Ruiz in \\#migration, 15 Jun 2014 (');
    expect(md).not.toContain('](');
    const ics = toIcs(set, 'followup', new Date('2014-06-15T09:00:00Z'));
    expect(ics).not.toMatch(/^URL:/m);
    expect(ics).not.toContain('javascript');
    expect(toJson(set)).toContain('"permalink": "javascript:alert(1)"');
  });

  it('an export from before capture (no message columns) still imports; a message captured here already as another item is refused, nothing written', async () => {
    const a = await busyDatabase();
    const rows = parseCsv(toCsv(exportSet(a.db)));
    const keep = rows[0]!.map((h, i) => (h.startsWith('message_') ? -1 : i)).filter((i) => i >= 0);
    const old = path.join(dir, 'before-capture.csv');
    writeFileSync(old, `${rows.map((r) => keep.map((i) => `"${r[i]!.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`);
    const b = openDatabase(':memory:');
    expect((await importRecords(b, old, new Date('2020-01-01T00:00:00Z'))).added).toBe(rows.length - 1);
    expect(b.prepare('SELECT count(*) FROM commitment_messages').pluck().get()).toBe(0);

    // The same message, tracked in this database as another item: the import names both.
    const file = path.join(dir, 'clash.json');
    const json = JSON.parse(toJson(exportSet(a.db, { meeting: '#migration chat' }))) as { commitments: Array<{ id: string }> };
    json.commitments[0]!.id = 'chat-20140615-another-item';
    writeFileSync(file, JSON.stringify(json));
    const before = a.db.prepare('SELECT count(*) FROM commitments').pluck().get();
    await expect(importRecords(a.db, file, new Date('2020-01-01T00:00:00Z'))).rejects.toThrow(new RegExp(`chat-20140615-another-item was captured from a chat message that ${a.captured} here was captured from already`));
    expect(a.db.prepare('SELECT count(*) FROM commitments').pluck().get()).toBe(before);
  });
});
