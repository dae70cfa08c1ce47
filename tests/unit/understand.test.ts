import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/commands/index.js';
import { normaliseText } from '../../src/commands/registry.js';
import { renderText } from '../../adapters/console/render.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, ids, testBot } from '../helpers.js';

const registry = createRegistry();
const route = (t: string) => {
  const r = registry.route(t);
  return [r.command.spec.name, r.args];
};
const { ask, askAll } = testBot('2014-06-15T09:00:00Z');

describe('what people type around a question does not change the route', () => {
  it('mentions, as platforms send them, go (the CLI and console included)', () => {
    expect(normaliseText('<@U0123> agenda 7')).toBe('agenda 7');
    expect(normaliseText('<@U0123|followup>: gfmd')).toBe('gfmd');
    expect(normaliseText('<at>followup</at> overdue')).toBe('overdue');
    expect(normaliseText('@followup, tracks')).toBe('tracks');
    expect(normaliseText('remind <@U0ALICE|alice> tomorrow about gfmd')).toBe('remind @U0ALICE tomorrow about gfmd');
  });

  it('contractions, filler, politeness and punctuation', () => {
    const forms = [
      "what's due in September 2014?",
      'whats due in September 2014',
      'hey, can you tell me what is due in September 2014 please?',
      'please what is due in September 2014!!',
      '<@U0123> could you show me what’s due in September 2014, thanks',
      'I would like to know what is due in September 2014',
    ];
    for (const f of forms) expect(route(f), f).toEqual(['due', 'in September 2014']);
    expect(route("what's UNODC doing")).toEqual(['actor', 'UNODC']);
    expect(route('hey')[0]).toBe('hello'); // a message that is only filler keeps its words
  });

  it('a raw mention through the whole bot gets the same answer as without it', async () => {
    expect(ids(await ask('<@U0123> what did KNOMAD commit to?'))).toEqual(ids(await ask('what did KNOMAD commit to?')));
    expect((await ask('<@U0123>')).title).toMatch(/What should I look for/); // a mention of a person alone
    expect((await ask('<at>Ana Diaz</at>')).tone).toBeDefined();
  });
});

describe('dates in natural forms go to the due list, with the window in the title', () => {
  it('routes date questions with and without a due word', () => {
    for (const [q, args] of [
      ['is anything due in June?', 'in june'],
      ['anything due in the next 2 months?', 'in the next 2 months'],
      ['due before 2015', 'before 2015'],
      ['due after July 2014', 'after July 2014'],
      ['due between May and August 2014', 'between May and August 2014'],
      ['by the end of 2014', 'by the end of 2014'],
      ['this year', 'this year'],
      ['next quarter', 'next quarter'],
      ['Q3 2014', 'q3 2014'],
      ['what needs to be done by the end of 2014?', 'by the end of 2014'],
      ['anything happening in Q3 2014', 'in q3 2014'],
      ['due in September 2014', 'in September 2014'],
      ['what is due in July 2014?', 'in July 2014'],
      ['due next 30 days', 'next 30 days'],
      ['due 2014', '2014'],
    ] as const) {
      expect(route(q), q).toEqual(['due', args]);
    }
    // A topic that has a year in it is still a search.
    expect(route('recruitment costs in 2014')[0]).toBe('find');
  });

  it('before/after/between are windows, never dropped', async () => {
    const before = await askAll('due before 2015');
    expect(before.title).toBe('Due before 1 January 2015');
    const y2014 = await askAll('due 2014');
    expect(ids(before)).toEqual(expect.arrayContaining(ids(y2014)));
    expect(ids(before)).toContain('ece-almaty-workshop'); // October 2013: before 2015, not in it
    const after = await askAll('due after July 2014');
    expect(after.title).toBe('Due after 31 July 2014');
    expect(ids(after)).toContain('icpd-final-work-plan');
    expect(ids(after)).not.toContain('owg-sdgs-agreed-july-2014');
    const between = await askAll('due between May and August 2014');
    expect(between.title).toBe('Due between 1 May 2014 and 31 August 2014');
    expect(ids(between).sort()).toEqual(['ces-plenary-migration-statistics', 'owg-sdgs-agreed-july-2014']);
    expect((await ask('is anything due in September?')).title).toBe('Due in September 2014');
    expect((await ask('anything due in the next 2 months?')).title).toBe('Due in the next 2 months');
    expect((await ask('due in 2016')).title).toBe('Nothing is due in 2016');
  });

  it('what is still to do comes before what is done', async () => {
    const r = await askAll('due before 2015');
    const done = r.items!.findIndex((i) => i.fields.some((f) => f.label === 'Status' && f.value === 'Done'));
    const open = r.items!.findLastIndex((i) => i.fields.some((f) => f.label === 'Status' && f.value !== 'Done'));
    expect(done).toBeGreaterThan(open);
  });

  it('overdue now, as of today, or as of a day', async () => {
    for (const q of ["what's overdue now", "what's late as of today", 'is anything overdue?', 'anything late?', 'missed deadlines']) {
      expect(route(q)[0], q).toBe('overdue');
    }
    expect((await ask("what's late as of today")).title).toBe('Overdue as of 15 Jun 2014');
    const earlier = await askAll('what was overdue as of 20 March 2014');
    expect(earlier.title).toBe('Overdue as of 20 Mar 2014');
    expect(ids(earlier)).toEqual(['owg-focus-areas']); // the Sutherland appeal was due around 31 March: not yet
    expect((await ask('overdue as of soonish')).tone).toBe('error');
  });
});

describe('who, what and when questions', () => {
  it('route to the right lookup', () => {
    expect(route("what's UNODC doing")).toEqual(['actor', 'UNODC']);
    expect(route('what is the World Bank up to?')).toEqual(['actor', 'the World Bank']);
    expect(route('anything from ECE?')).toEqual(['actor', 'ECE']);
    expect(route("KNOMAD's commitments")).toEqual(['actor', 'KNOMAD']);
    expect(route('who presented the ICPD indicators?')).toEqual(['who', 'presented the ICPD indicators']);
    expect(route('who opened the meeting?')).toEqual(['who', 'opened the meeting']);
    expect(route("who's chairing the GFMD")).toEqual(['who', 'chairing the GFMD']);
    expect(route('when is the ECE plenary?')).toEqual(['when', 'the ECE plenary']);
    expect(route('OWG dates')).toEqual(['when', 'OWG']);
    expect(route("what's next for KNOMAD")).toEqual(['when', 'KNOMAD']);
    expect(route('deadline for the ICPD work plan?')).toEqual(['when', 'the ICPD work plan']);
    expect(route('what did Sutherland say about the post-2015 agenda?')).toEqual(['find', 'Sutherland post-2015 agenda']);
  });

  it('more of the ways people ask', () => {
    for (const [q, to] of [
      ['what are the deadlines?', ['due', '']],
      ['upcoming deadlines', ['due', '']],
      ['any upcoming deadlines I should know about?', ['due', '']],
      ['what is next', ['due', '']],
      ['deadlines in June', ['due', 'in June']],
      ['due dates for KNOMAD', ['when', 'KNOMAD']],
      ['KNOMAD deadlines', ['when', 'KNOMAD']],
      ['show me the agenda', ['agenda', '']],
      ['list the tracks', ['tracks', '']],
      ['thanks, what about ILO', ['find', 'ILO']],
      ['tell me about KNOMAD', ['find', 'KNOMAD']],
      ['which organisation works on trafficking data', ['who', 'works on trafficking data']],
      ['show more', ['more', '']],
      ['can you remind me tomorrow at 9 about gfmd', ['remind', 'me tomorrow at 9 about gfmd']],
      ['remind #team before deadlines', ['remind', '#team before deadlines']], // a command that acts is never taken for a question
    ] as const) {
      expect(route(q), q).toEqual(to);
    }
  });

  it('a "who" question leads with who', async () => {
    const r = await ask('who presented the ICPD indicators?');
    expect(r.title).toMatch(/^Who: Ms\. Pawliczko/);
    expect(ids(r)[0]).toMatch(/^icpd-/);
    const s = await ask('who is gathering data on recruitment costs');
    expect(s.title).toMatch(/^Who: .*KNOMAD/);
    expect(ids(s)[0]).toBe('knomad-recruitment-costs');
    expect((await ask('who is Ratha?')).title).toMatch(/Dilip Ratha \(Manager of the Migration and Remittances Unit/);
  });

  it('"when" leads with the date; an actor\'s dated items come in date order', async () => {
    const plenary = await ask('when is the ECE plenary?');
    expect(plenary.title).toMatch(/^Scheduled for around 30 June 2014/);
    expect(ids(plenary)[0]).toBe('ces-plenary-migration-statistics');
    const owg = await askAll('OWG dates');
    const dated = owg.items!.filter((i) => i.fields.some((f) => (f.label === 'Due' || f.label === 'Date') && f.value !== 'no date in the report'));
    expect(dated.map((i) => i.id)).toEqual(['owg-sdgs-agreed-july-2014', 'owg-focus-areas']); // still ahead first, then passed
    expect(ids(owg).slice(0, 2)).toEqual(dated.map((i) => i.id));
    const knomad = await ask("what's next for KNOMAD");
    expect(knomad.title).toMatch(/KNOMAD .*the report gives no dates/);
    expect(ids(knomad)[0]).toBe('knomad-recruitment-costs');
    expect((await ask('when 2014')).title).toBe('Due in 2014');
  });
});

describe('a misspelt command word gets "did you mean", never a search', () => {
  it('offers the corrected command as a button', async () => {
    for (const [typed, meant] of [
      ['remnid me tomorow about gfmd', 'remind me tomorrow about gfmd'],
      ['sumary', 'summary'],
      ['remiders', 'reminders'],
      ['agneda 7', 'agenda 7'],
      ['remind me tommorow at 9 about gfmd', 'remind me tomorrow at 9 about gfmd'],
    ]) {
      const r = await ask(typed!);
      expect(r.title, typed).toBe(`Did you mean \`${meant}\`?`);
      expect(r.actions![0], typed).toMatchObject({ command: meant });
      expect(r.items, typed).toBeUndefined();
    }
  });

  it('says what was typed, each time', async () => {
    expect((await ask('sumary')).text).toMatch(/“sumary”/);
    expect((await ask('summry')).text).toMatch(/“summry”/);
  });

  it('a real English word or a word of the catalog is not a typo', async () => {
    for (const q of ['mind the gap', 'agency data', 'tracks', 'pensions', 'remittances', 'Ratha', 'trafficking']) {
      expect((await ask(q)).title, q).not.toMatch(/Did you mean/);
    }
    expect(route('agency data')[0]).toBe('find');
  });
});

describe('greetings, thanks and help', () => {
  it('a greeting or thanks gets two lines and three questions to try, not the manual', async () => {
    for (const q of ['hi', 'hello', 'Hello!', 'thanks!', 'thank you', 'good morning', '<@U0123> hey']) {
      const r = await ask(q);
      expect(r.items, q).toBeUndefined();
      expect(r.actions, q).toHaveLength(3);
      expect(renderText(r).trimEnd().split('\n').length, q).toBeLessThanOrEqual(6);
      for (const a of r.actions!) expect((await ask(a.command)).tone, a.command).toBe('info');
    }
    expect((await ask('thanks')).title).toMatch(/^You’re welcome/);
  });

  it('overviews with a fixed size show every entry', async () => {
    expect((await ask('agenda')).items).toHaveLength(8);
    expect((await ask('agenda')).more).toBeUndefined();
    const tracks = await ask('tracks');
    expect(tracks.items!.length).toBeGreaterThan(3);
    expect(tracks.more).toBeUndefined();
    const gfmd = await ask('gfmd');
    expect(gfmd.items!.length).toBeGreaterThan(7);
    expect(gfmd.more).toBeUndefined();
    expect((await ask('help')).more).toBeUndefined();
  });
});

describe('old forms still work', () => {
  it('every question in the README\'s "Ask it" table gets a real answer', async () => {
    const md = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = md.slice(md.indexOf('## Ask it'), md.indexOf('### Follow up'));
    const questions = [...table.matchAll(/^\| (.+?) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!));
    expect(questions.length).toBeGreaterThan(40);
    const t = testBot('2014-06-15T09:00:00Z');
    for (const q of questions) {
      const r = await t.ask(q);
      // The table's not-found row is answered as such; every other row with a real answer.
      if (/climate|ebola/i.test(q)) {
        expect(r.title, q).toMatch(/^The report says nothing about/);
        continue;
      }
      // The table's honest "who" row: the report does not say who opened the meeting.
      if (q === 'who opened the meeting?') {
        expect(r.title, q).toBe('The report does not say who opened the meeting');
        continue;
      }
      // Narrowing to another meeting needs that meeting imported first (tests/import/scoped-search.test.ts asks it).
      if (/Harbour meeting/.test(q)) continue;
      // `more` continues the previous answer; asked after one that was cut it is checked in tests/unit/pages.test.ts.
      if (q === 'more') continue;
      // The table's row of bodies named with no item: what the report records about them.
      if (/^(?:IOM|what is GMG doing\?|ICAT|Centre for Migration Studies)$/.test(q)) {
        expect(r.text, q).toMatch(/the report records nothing .* said or committed to/);
        continue;
      }
      expect(r.tone, q).toBe('info');
      expect(r.title, q).not.toMatch(/Did you mean|Nothing/);
    }
  });

  it('the README table', async () => {
    expect(ids(await ask('what did KNOMAD commit to?'))[0]).toBe('knomad-recruitment-costs');
    expect((await ask('agenda 7')).title).toBe('Agenda point 7: Strengthen the migration evidence base');
    expect((await ask('gfmd')).title).toMatch(/GFMD chairmanship/);
    expect(ids(await ask('due in September 2014'))).toEqual(['icpd-final-work-plan', 'icpd-special-session-sept-2014']);
    expect(ids(await ask('find recruitment costs'))).toContain('knomad-recruitment-costs');
    expect(ids(await ask('show knomad-recruitment-costs'))).toEqual(['knomad-recruitment-costs']);
    expect((await ask('track post-2015')).tone).toBe('info');
    expect((await ask('help due')).title).toMatch(/^due:/);
  });
});

describe('when was the meeting', () => {
  it('answers with the meeting’s own dates, from its record', async () => {
    const t = testBot('2014-06-15T09:00:00Z');
    for (const q of ['when was the meeting held?', 'when was the 12th meeting', 'when was this meeting']) {
      const r = await t.ask(q);
      expect(r.title, q).toBe('The 12th meeting was held at United Nations Headquarters, New York on 20–21 February 2014');
      expect(r.text, q).toMatch(/^Twelfth Coordination Meeting on International Migration\./);
    }
    // Anything else asked "when" still goes to the items.
    expect(ids(await t.ask('when is the ECE plenary?'))[0]).toBe('ces-plenary-migration-statistics');
  });
});
