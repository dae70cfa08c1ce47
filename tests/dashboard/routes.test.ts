import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import type { Who } from '../../src/store/shared/ops.js';
import { captureCommitment } from '../../src/commands/capture.js';
import { startDashboardServer, visibleText, type DashboardServer } from './server.js';

let s: DashboardServer;
beforeAll(async () => {
  s = await startDashboardServer();
});
afterAll(() => s.close());

async function page(path: string, status = 200): Promise<string> {
  const r = await s.get(path);
  const body = await r.text();
  expect(r.status, `${path}: ${visibleText(body).slice(0, 300)}`).toBe(status);
  expect(r.headers.get('content-security-policy')).toMatch(/default-src 'none'.*style-src 'self'/);
  return body;
}

/** A note in an item's history, written as chat writes it (through the app's follow-up writes, on either engine). */
async function note(id: string, text: string, by: Who, at: string): Promise<void> {
  await s.app.writes.run('status', { id, status: null, old: new CommitmentRepository(s.app.db).get(id)!.status, note: text, by, at });
}

/** The ids of the items a registry page lists. */
function listed(body: string): string[] {
  return [...body.matchAll(/<span class="muted small">[a-z]+ · ([a-z0-9-]+)<\/span>/g)].map((m) => m[1]!);
}

describe('dashboard pages', () => {
  it('an item captured from chat shows its message (linked), not a report paragraph; people by the display names chat knows', async () => {
    const deps = s.app.bot.deps;
    const permalink = 'https://un.slack.com/archives/C1/p1410771600000100';
    const source = { platform: 'slack' as const, team: 'T1', channelId: 'C1', channelName: 'migration', messageId: '1410771600.000100', permalink, authorId: 'U1', authorName: 'Ana Ruiz', postedAt: '2014-09-15T09:00:00.000Z', text: 'ILO will circulate the draft by 15 October' };
    const by = { text: '', platform: 'slack' as const, team: 'T1', user: { id: 'U1', name: 'ana' }, channel: { id: 'C1' } };
    const r = await captureCommitment({ summary: 'Circulate the draft', newActor: 'ILO' }, source, deps, by);
    expect(r.ok).toBe(true);
    deps.names.learn({ platform: 'slack', team: 'T1', kind: 'user', id: 'U1' }, 'Ana Ruiz'); // chat has seen her name
    const body = await page(`/items/${(r as { id: string }).id}`);
    expect(visibleText(body)).toContain('In chat');
    expect(body).toContain(`<a href="${permalink}">message by Ana Ruiz in #migration, 15 Sep 2014</a>`);
    expect(body).not.toContain('read it in the report');
    expect(visibleText(body)).toContain('by Ana Ruiz (slack)');
    expect(visibleText(body)).not.toContain('by ana (slack)');
  });

  it('an item’s owner and the channel its reminder goes to by the names chat knows, ids when it knows none', async () => {
    const deps = s.app.bot.deps;
    const slack = (text: string) => s.app.bot.handle({ text, platform: 'slack', team: 'T1', user: { id: 'U1', name: 'ana' }, channel: { id: 'C1' } });
    await slack('assign unodc-global-trafficking-report @U7');
    expect((await slack('remind #C1 14 and 3 days before deadlines for unodc-global-trafficking-report')).title).toMatch(/deadline reminders for #C1/);
    const before = visibleText(await page('/items/unodc-global-trafficking-report'));
    expect(before).toContain('@U7');
    expect(before).toContain('to slack channel #C1');
    deps.names.learn({ platform: 'slack', team: 'T1', kind: 'user', id: 'U7' }, 'Bob Lee');
    deps.names.learn({ platform: 'slack', team: 'T1', kind: 'channel', id: 'C1' }, 'migration');
    const after = visibleText(await page('/items/unodc-global-trafficking-report'));
    expect(after).toContain('Owner @Bob Lee');
    expect(after).toContain('to slack channel #migration');
    expect(after).not.toMatch(/@U7|#C1\b/);
    // The registry's row names the owner the same way.
    expect(visibleText(await page('/registry?q=unodc+global+report'))).toContain('owner @Bob Lee');
  });

  it('an item’s page lists a reminder set about the item itself, beside the deadline ladders that include it', async () => {
    const slack = (text: string) => s.app.bot.handle({ text, platform: 'slack', team: 'T1', user: { id: 'U1', name: 'ana' }, channel: { id: 'C1' } });
    const id = 'knomad-recruitment-costs';
    expect((await slack(`remind me tomorrow at 9am about ${id}`)).title).toMatch(/I'll remind you/);
    expect((await slack('remind me tomorrow at 9am about KNOMAD')).title).toMatch(/I'll remind you/);
    const rows = (await s.app.schedules.subscriptionsCreatedBy('slack', 'T1', 'U1')).filter((r) => [id, 'KNOMAD'].includes(r.topic.query)).map((r) => ({ id: r.id, kind: r.topic.kind }));
    expect(rows.map((r) => r.kind).sort()).toEqual(['item', 'lookup']);
    const body = await page(`/items/${id}`);
    const itemReminder = rows.find((r) => r.kind === 'item')!.id;
    const lookupReminder = rows.find((r) => r.kind === 'lookup')!.id;
    // Listed with its number (what `stop N` takes in chat); the reminder about the words "KNOMAD" is not about this item.
    expect(visibleText(body)).toContain(`#${itemReminder} · reminder active`);
    expect(visibleText(body)).not.toContain(`#${lookupReminder} ·`);
  });


  it('the overview counts by status, kind and traffic light, states the light rule and draws the timeline', async () => {
    const body = await page('/');
    const total = new CommitmentRepository(s.app.db).count();
    expect(visibleText(body)).toContain(`${total} items tracked`);
    expect(body).toContain('href="/registry?due=overdue"');
    expect(body).toMatch(/<svg class="timeline"[^>]*role="img"/);
    expect(visibleText(body)).toContain('Red: a deadline that has passed');
    expect(body).not.toMatch(/<script/i);
  });

  it('the registry lists every item a page at a time, and each facet narrows it', async () => {
    const all = await page('/registry');
    const total = new CommitmentRepository(s.app.db).count();
    expect(visibleText(all)).toContain(`${total} items, showing 1–${Math.min(50, total)}`);
    const proposals = await page('/registry?kind=proposal');
    const ids = listed(proposals);
    expect(ids.length).toBeGreaterThan(0);
    const repo = new CommitmentRepository(s.app.db);
    for (const id of ids) expect(repo.get(id)!.kind).toBe('proposal');
    const both = listed(await page('/registry?kind=proposal&actor=ratha'));
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(ids.length);
    for (const id of both) expect(repo.get(id)!.actors.map((a) => a.id)).toContain('ratha');
  });

  it.each([
    ['meeting', 'cm12-2014'],
    ['track', 'data-indicators'],
    ['agenda', '7'],
    ['status', 'done'],
    ['light', 'green'],
    ['due', 'dated'],
    ['due', 'undated'],
    ['due', 'overdue'],
    ['due', 'next90'],
  ])('facet %s=%s answers 200 with the filter kept in the form and the export links', async (facet, value) => {
    const body = await page(`/registry?${facet}=${value}`);
    expect(body).toMatch(new RegExp(`<option value="${value}" selected>`));
    expect(body).toContain(`/registry.csv?${facet}=${value}`);
  });

  it('the search box uses the chat’s search and ranking', async () => {
    const body = await page('/registry?q=recruitment+costs');
    const ids = listed(body);
    expect(ids[0]).toMatch(/recruitment/);
    expect(visibleText(body)).toContain('best matches first');
  });

  it('an item page shows its quote marked inside its paragraph, its citation and its history', async () => {
    await note('knomad-recruitment-costs', 'survey sent', { platform: 'console', team: '', userId: 'ana' }, '2014-09-01T10:00:00.000Z');
    const body = await page('/items/knomad-recruitment-costs');
    expect(body).toMatch(/<blockquote class="para" id="paragraph">In the second presentation[^<]*<mark>To identify ways of reducing recruitment costs/);
    expect(visibleText(body)).toContain('Report of the Twelfth Meeting, ¶14');
    expect(visibleText(body)).toContain('survey sent');
    const filtered = await page('/items/knomad-recruitment-costs?action=note');
    expect(visibleText(filtered)).toContain('survey sent');
    await page('/items/knomad-recruitment-costs?action=snoozed', 400);
  });

  it('an actor page groups what it committed to, proposed and said, with its update rate', async () => {
    const body = visibleText(await page('/actors/ratha'));
    expect(body).toMatch(/Committed to \(\d+\)/);
    expect(body).toMatch(/Proposed \(\d+\)/);
    expect(body).toMatch(/Said \(\d+\)/);
    expect(body).toMatch(/\d+ of \d+ items? had an update in the last year/);
    await page('/actors');
  });

  it('an actor page names its focal point by the name chat knows them by', async () => {
    const slack = (text: string) => s.app.bot.handle({ text, platform: 'slack', team: 'T1', user: { id: 'U1', name: 'ana' }, channel: { id: 'C1' } });
    expect((await slack('focal KNOMAD @U9')).tone).not.toBe('error');
    expect(visibleText(await page('/actors/knomad'))).toContain('Focal point @U9 (slack)');
    s.app.bot.deps.names.learn({ platform: 'slack', team: 'T1', kind: 'user', id: 'U9' }, 'Dina Ray');
    const after = visibleText(await page('/actors/knomad'));
    expect(after).toContain('Focal point @Dina Ray (slack)');
    expect(after).not.toContain('U9');
  });

  it('the report page shows every paragraph, glyph noise removed, marked with its items or “not tracked”', async () => {
    const body = await page('/report');
    expect(body).toContain('id="p-report-of-the-twelfth-meeting-14"');
    expect(body).toContain('href="/items/knomad-recruitment-costs"');
    expect(visibleText(body)).toContain('Not tracked.');
    expect(body).not.toMatch(/\d\.\d+\(/); // a glyph-noise shape: "9.2(a)"
  });

  it('exports of a filtered view hold exactly its items', async () => {
    const ids = listed(await page('/registry?actor=ratha'));
    const json = JSON.parse(await (await s.get('/registry.json?actor=ratha')).text()) as { commitments: Array<{ id: string }> };
    expect(json.commitments.map((c) => c.id).sort()).toEqual([...ids].sort());
    const csv = await s.get('/registry.csv?actor=ratha');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).trim().split('\n').length).toBe(ids.length + 1);
    const md = await s.get('/registry.md?actor=ratha');
    expect(await md.text()).toMatch(/^#/);
    const ics = await s.get('/registry.ics?actor=ratha');
    expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR/);
  });

  it('HEAD answers like GET without a body', async () => {
    for (const path of ['/', '/registry?kind=proposal', '/items/knomad-recruitment-costs', '/actors/ratha', '/report', '/items/nope']) {
      const get = await s.get(path);
      const getBody = await get.text();
      const head = await s.get(path, { method: 'HEAD' });
      expect(head.status, path).toBe(get.status);
      expect(await head.text()).toBe('');
      expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(getBody)));
    }
  });

  it('is read-only: a POST is refused with 405', async () => {
    const r = await s.get('/registry', { method: 'POST', body: 'x=1' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('bad input is a clear page, never a stack trace', () => {
  it.each([
    ['/items/no-such-item', 404, 'There is no item “no-such-item”'],
    ['/actors/no-such-actor', 404, 'There is no actor “no-such-actor”'],
    ['/report?meeting=nope', 404, 'There is no meeting “nope”'],
    ['/no/such/page', 404, 'There is no page at /no/such/page'],
    ['/registry?actor=nobody', 400, 'There is no actor “nobody”'],
    ['/registry?kind=promise', 400, 'There is no kind “promise”'],
    ['/registry?status=late', 400, 'There is no status “late”'],
    ['/registry?light=blue', 400, 'There is no traffic light “blue”'],
    ['/registry?due=soon', 400, 'There is no due window “soon”'],
    ['/registry?agenda=99', 400, 'There is no agenda point “99”'],
    ['/registry?page=0', 400, 'is not a page number'],
    ['/registry?page=abc', 400, 'is not a page number'],
    ['/registry?page=999', 404, 'Page 999 is past the end: this view has 2 pages'],
    [`/registry?q=${'a'.repeat(10_000)}`, 400, 'The search text is 10,000 characters long'],
    ['/registry?q=%E0%A4%A', 400, 'malformed %-escape'],
    ['/items/%E0%A4%A', 400, 'malformed %-escape'],
    ['/?since=yesterday', 400, '“yesterday” is not a date'],
  ])('%s → %i', async (path, status, message) => {
    const body = await page(path, status);
    expect(visibleText(body)).toContain(message);
    expect(body).not.toMatch(/\bat [\w.]+ \(|node:internal|\.ts:\d+/);
  });
});

describe('escaping', () => {
  const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='x", 'rec\u202eruitment\u2066x\u2069'];

  it('hostile text in data (an owner, a note) and in the address is shown as text', async () => {
    const by = { platform: 'console' as const, team: '', userId: HOSTILE[1]! };
    await s.app.writes.run('owner', { id: 'ratha-actions-recruitment', owner: HOSTILE.join(' '), old: null, by, at: '2014-09-01T00:00:00.000Z' });
    await note('ratha-actions-recruitment', HOSTILE.join(' '), by, '2014-09-02T10:00:00.000Z');
    const bodies = [
      await page('/items/ratha-actions-recruitment'),
      await page('/registry?actor=ratha'),
      await page(`/registry?q=${encodeURIComponent(HOSTILE.join(' '))}`),
      await page(`/registry?actor=${encodeURIComponent(HOSTILE[0]!)}`, 400),
      await page(`/items/${encodeURIComponent(HOSTILE[1]!)}`, 404),
      await page('/?since=2014-01-01'),
    ];
    for (const body of bodies) {
      expect(body).not.toMatch(/<script|<img|' onmouseover='|" onmouseover/i);
      expect(body).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    }
    expect(bodies[0]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(bodies[2]).toContain('value="&lt;script&gt;');
  });
});
