import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/log.js';
import { toIcs } from '../../src/export/ics.js';
import { exportSet } from '../../src/export/records.js';
import { engineApp } from '../engine.js';
import { testBot } from '../helpers.js';
import { startTeamsServer } from '../teams/server.js';

function events(ics: string): Array<{ uid: string; start: string; end: string; summary: string; description: string; isDate: boolean }> {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, start: e.startDate.toString(), end: e.endDate.toString(), summary: e.summary, description: e.description, isDate: e.startDate.isDate };
  });
}

describe('iCalendar export', () => {
  it('one all-day event per dated commitment, on the end of its window, parsed by ical.js', () => {
    const t = testBot();
    const set = exportSet(t.db);
    const ics = toIcs(set, 'followup', new Date('2014-06-15T09:00:00Z'));
    const evs = events(ics);
    const dated = set.commitments.filter((c) => c.due);
    expect(evs).toHaveLength(dated.length);
    for (const c of dated) {
      const e = evs.find((x) => x.uid === `${c.id}@${c.meetingId}.followup`)!;
      const d = DateTime.fromISO(c.due!.date, { zone: 'UTC' });
      const expected = c.due!.precision === 'month' ? d.endOf('month') : c.due!.precision === 'year' ? d.endOf('year') : d;
      expect(e.isDate, c.id).toBe(true);
      expect(e.start, c.id).toBe(expected.toISODate());
      expect(e.end, c.id).toBe(expected.plus({ days: 1 }).toISODate());
      expect(e.description).toContain(c.quote);
      expect(e.description).toMatch(/— 12th meeting report, .+, ¶\d+/);
    }
    const sdgs = evs.find((e) => e.uid.startsWith('owg-sdgs-agreed-july-2014@'))!;
    expect(sdgs.start).toBe('2014-07-31');
    expect(sdgs.summary).toMatch(/by July 2014$/);
    // Stable: the same data gives the same UIDs and events whenever it is exported.
    expect(toIcs(set, 'followup', new Date('2014-06-15T09:00:00Z'))).toBe(ics);
    // Lines are folded at 75 octets and end with CRLF.
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });
});

describe('GET /calendar.ics with a private link', () => {
  it('answers only with the token when FOLLOWUP_CALENDAR_TOKEN is set', async () => {
    const app = await engineApp({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '127.0.0.1', FOLLOWUP_CALENDAR_TOKEN: 'calendar-secret-0123456789' }, silentLogger);
    const running = await serve(app, { teams: { appId: '', appPassword: '', appType: 'MultiTenant', emulator: true } }, silentLogger);
    const url = `http://127.0.0.1:${running.address!.port}/calendar.ics`;
    try {
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(`${url}?token=wrong`)).status).toBe(401);
      const ok = await fetch(`${url}?token=calendar-secret-0123456789&actor=ECE`);
      expect(ok.status).toBe(200);
      expect(events(await ok.text()).length).toBeGreaterThan(0);
    } finally {
      await running.stop();
      await app.close();
    }
    expect(() => loadConfig({ FOLLOWUP_CALENDAR_TOKEN: 'short' })).toThrow(/^FOLLOWUP_CALENDAR_TOKEN: expected a secret of at least 16 characters/);
  });
});

describe('GET /calendar.ics', () => {
  let server: Awaited<ReturnType<typeof startTeamsServer>>;
  let url: string;
  beforeAll(async () => {
    server = await startTeamsServer();
    url = server.url;
  });
  afterAll(() => server.stop());

  it('serves a feed narrowed by actor and meeting, and says clearly when a name is unknown', async () => {
    const res = await fetch(`${url}/calendar.ics?actor=ECE&meeting=12th%20meeting`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const evs = events(await res.text());
    expect(evs.length).toBeGreaterThan(0);
    expect(evs.map((e) => e.uid)).toContain('ece-almaty-workshop@cm12-2014.followup');
    expect(evs.every((e) => /ECE|CES/.test(e.summary))).toBe(true);
    const all = events(await (await fetch(`${url}/calendar.ics`)).text());
    expect(all.length).toBeGreaterThan(evs.length);
    const unknown = await fetch(`${url}/calendar.ics?actor=Nobody%20Inc`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/No organisation or person called "Nobody Inc"/);
    expect((await fetch(`${url}/calendar.ics?meeting=99th`)).status).toBe(404);
    expect((await fetch(`${url}/calendar.ics`, { method: 'HEAD' })).status).toBe(200);
  });
});
