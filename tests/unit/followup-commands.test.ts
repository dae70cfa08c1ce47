import { describe, expect, it } from 'vitest';
import { catalog, ids, testBot } from '../helpers.js';

describe('follow-up status', () => {
  it('done, progress, status and history record who, what, when and where', async () => {
    const t = testBot('2014-03-05T12:00:00Z');
    const p = await t.ask('progress owg-focus-areas draft list circulated', 'ana');
    expect(p.title).toBe('owg-focus-areas: open → in-progress');
    expect(p.text).toBe('Note: “draft list circulated”');
    expect((await t.ask('status owg-focus-areas blocked waiting for the co-chairs', 'bob')).title).toBe('owg-focus-areas: in-progress → blocked');
    expect((await t.ask('done owg-focus-areas released on 24 February', 'ana')).title).toBe('owg-focus-areas: blocked → done');
    const h = await t.ask('history owg-focus-areas');
    expect(h.items!.map((i) => [i.title, i.text, i.fields[0]!.value])).toEqual([
      ['Status open → in-progress', '“draft list circulated”', 'ana (console)'],
      ['Status in-progress → blocked', '“waiting for the co-chairs”', 'bob (console)'],
      ['Status blocked → done', '“released on 24 February”', 'ana (console)'],
    ]);
    // Lookups show the status; overdue no longer lists a done item.
    const show = await t.ask('show owg-focus-areas');
    expect(show.items![0]!.fields.find((f) => f.label === 'Status')!.value).toBe('Done');
    expect(ids(await t.ask('overdue'))).not.toContain('owg-focus-areas');
  });

  it('assign and focal points set owners, and lookups show them', async () => {
    const t = testBot();
    expect((await t.ask('assign knomad-recruitment-costs @bob')).title).toBe('knomad-recruitment-costs is now owned by @bob');
    expect((await t.ask('show knomad-recruitment-costs')).items![0]!.fields.find((f) => f.label === 'Owner')!.value).toBe('@bob');
    expect((await t.ask('assign knomad-recruitment-costs nobody')).title).toBe('knomad-recruitment-costs has no owner now');
    const f = await t.ask('focal UNODC @carla');
    expect(f.title).toBe('@carla is the focal point for UNODC (United Nations Office on Drugs and Crime)');
    expect((await t.ask('show unodc-global-trafficking-report')).items![0]!.fields.find((x) => x.label === 'Owner')!.value).toBe('@carla');
    expect((await t.ask('focal')).items![0]!.fields[0]!.value).toBe('@carla');
    expect((await t.ask('history unodc-global-trafficking-report')).items![0]!.title).toBe('Owner none → @carla');
  });

  it('summary: overdue, due soon, changed, counts', async () => {
    const t = testBot('2014-07-10T09:00:00Z');
    await t.ask('progress icpd-final-work-plan outline agreed');
    const s = await t.ask('summary');
    expect(s.title).toBe('Summary');
    // The CES plenary (an event, around 30 June) is not a missed promise; the SDGs were hoped for by July: coming up, not due.
    expect(s.text).toMatch(new RegExp(`^${catalog().commitments.length} items as of 10 Jul 2014: 2 overdue, 1 due in the next 30 days, 1 changed in the last 7 days\\.`));
    expect(s.items!.map((i) => i.title.split(':')[0])).toEqual(['Overdue', 'Overdue', 'Coming up', 'Changed']);
    const g = await t.ask('summary gfmd');
    expect(g.title).toBe('Summary: GFMD chairmanship 2014–2015 (Turkey)');
    expect(g.text).toMatch(/^11 items for GFMD/);
    expect((await t.ask('summary KNOMAD')).text).toMatch(/^2 items for KNOMAD/);
  });

  it('tz shows and sets zones; reminders list times in the viewer’s zone', async () => {
    const t = testBot('2014-03-02T10:00:00Z');
    expect((await t.ask('tz')).title).toBe('Your time zone is UTC');
    expect((await t.ask('tz Europe/Geneva')).title).toBe('Your time zone is now Europe/Zurich');
    expect((await t.ask('tz #migration America/New_York')).title).toBe("#migration's time zone is now America/New_York");
    await t.ask('remind #migration every monday at 9am about gfmd');
    const r = await t.ask('reminders #migration');
    expect(r.items![0]!.fields.find((f) => f.label === 'When')!.value).toBe('every Monday at 09:00 (America/New_York)');
    expect(r.items![0]!.fields.find((f) => f.label === 'Next')!.value).toBe('Mon 3 Mar 2014, 15:00 (Europe/Zurich)');
  });
});

describe('bad input for every follow-up command gets a specific answer', () => {
  const cases: Array<[string, RegExp]> = [
    ['remind', /Who should I remind/],
    ['remind everyone about gfmd tomorrow', /“everyone” is not me, #channel or @person/],
    ['remind me', /What should I remind about/],
    ['remind me about gfmd', /couldn't find when/],
    ['remind me about gfmd yesterday', /is in the past/],
    ['remind me every 0 minutes about gfmd', /too often/],
    ['remind #a every blursday about gfmd', /couldn't understand/],
    ['remind #a every monday at 25:00 about gfmd', /couldn't understand|not a time of day/],
    ['remind #a every monday 9am Mars/Olympus about gfmd', /not a time zone I know/],
    ['remind #team 0 days before deadlines', /between 1 and 365/],
    ['remind #team before deadlines for Atlantis', /I don't know “Atlantis”/],
    ['reminders nowhere', /is not a channel or a person/],
    ['stop', /Which reminder/],
    ['stop 999', /There is no reminder number 999/],
    ['stop abc', /is not a reminder number/],
    ['pause 999', /There is no reminder number 999/],
    ['resume 999', /There is no reminder number 999/],
    ['snooze 999 2h', /There is no reminder number 999/],
    ['summary Atlantis', /I don't know “Atlantis”/],
    ['digest #x', /recurring time/],
    ['digest #x tomorrow', /recurring time/],
    ['digest nowhere every friday', /Where should the digest go/],
    ['done nothing-here', /There is no item with the id “nothing-here”/],
    ['done', /Which item/],
    ['progress knomad-recruitment-costs', /What is the progress/],
    ['progress knomad-recruitment-costs ' + 'x'.repeat(1_500), /notes hold at most 1,000/],
    ['progress knomad-recruitment-costs ' + 'x'.repeat(10_000), /10,034 characters; I read at most 2,000/],
    ['status knomad-recruitment-costs finished-ish', /is not a status/],
    ['status knomad-recruitment-costs', /Which status/],
    ['assign knomad-recruitment-costs #channel', /is not a person/],
    ['assign knomad-recruitment-costs', /Assign to whom/],
    ['focal KNOMAD', /Name the organisation and the person/],
    ['focal Atlantis @bob', /I don't know an organisation called “Atlantis”/],
    ['history nothing-here', /There is no item/],
    ['tz Europe/Genva', /not a time zone I know/],
  ];
  for (const [q, re] of cases) {
    it(q.slice(0, 60), async () => {
      const t = testBot('2014-03-02T10:00:00Z');
      const r = await t.ask(q);
      expect(r.tone, JSON.stringify(r)).toBe('error');
      expect(`${r.title} ${r.text ?? ''}`).toMatch(re);
    });
  }

  it('control characters are dropped from what is stored', async () => {
    const t = testBot('2014-03-02T10:00:00Z');
    expect((await t.ask('remind me about gfmd\u0007 in 3 days\u001b')).tone).toBe('info');
    expect((await t.ask('reminders')).items![0]!.title).toBe('#1 · About: gfmd');
  });

  it('suggests close zone names', async () => {
    const r = await testBot().ask('tz Europe/Zurch');
    expect(r.text).toMatch(/Did you mean Europe\/Zurich/);
  });

  it('a 10,000-character note is refused and the item is unchanged; control characters are cleaned', async () => {
    const t = testBot();
    const r = await t.ask(`progress knomad-recruitment-costs ${'y'.repeat(1_900)}`);
    expect(r.tone).toBe('error');
    expect((await t.ask('history knomad-recruitment-costs')).tone).toBe('empty');
    await t.ask('progress knomad-recruitment-costs first\u0007 draft\u001b[31m sent');
    expect((await t.ask('history knomad-recruitment-costs')).items![0]!.text).toBe('“first draft [31m sent”');
  });
});
