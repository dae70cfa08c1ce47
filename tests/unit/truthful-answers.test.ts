import { describe, expect, it } from 'vitest';
import { canBeDone } from '../../src/catalog/schema.js';
import { findParagraph, normaliseWhitespace } from '../../src/catalog/report.js';
import { describeDate } from '../../src/core/due-text.js';
import type { Reply, ReplyItem } from '../../src/core/reply.js';
import { verbOf, verbsOf } from '../../src/commands/kinds.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { CommitmentRepository } from '../../src/store/commitments-repo.js';
import { migrate, openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { catalog, ids, testBot } from '../helpers.js';

const c = catalog();
const byId = new Map(c.commitments.map((x) => [x.id, x]));
const field = (item: ReplyItem, label: string): string | undefined => item.fields.find((f) => f.label === label)?.value;
const only = (r: Reply): ReplyItem => r.items![0]!;

describe('wording follows the kind', () => {
  const { ask } = testBot('2014-06-15T09:00:00Z');

  it('every item names who by what its kind is: committed, proposed, said, found', async () => {
    const expected: Record<string, RegExp> = {
      commitment: /^Who committed$/,
      action: /^Who committed$/,
      proposal: /^Who proposed it$/,
      view: /^Who said it$/,
      finding: /^Who found it$/,
      priority: /^Whose priority$/,
      activity: /^Who (?:is doing it|did it)$/,
      milestone: /^Who$/,
    };
    for (const x of c.commitments) {
      const item = only(await ask(`show ${x.id}`));
      expect(item.fields[0]!.label, x.id).toMatch(expected[x.kind]!);
    }
  });

  it('"What X committed to" only when X has a commitment or an action item; otherwise the kinds it has', async () => {
    expect((await ask('Pritchett')).title).toBe('What Lant Pritchett proposed and said');
    expect((await ask('what did UNODC commit to?')).title).toMatch(/^What UNODC \(United Nations Office on Drugs and Crime\) is doing(?:, [a-z ]+)* and found$/);
    expect((await ask('Sutherland')).title).toBe('What Peter Sutherland committed to, proposed and said');
    let checked = 0;
    for (const a of c.actors) {
      const r = await ask(`actor ${a.name}`);
      if (r.tone !== 'info') continue;
      checked++;
      const shown = ids(r).map((id) => byId.get(id)!);
      if (shown.some((x) => x.kind === 'commitment' || x.kind === 'action')) expect(r.title, a.id).toMatch(/committed to/);
      if (!r.more && !shown.some((x) => x.kind === 'commitment' || x.kind === 'action')) expect(r.title, a.id).not.toMatch(/committed to/);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('joins the verbs of a list in a fixed order', () => {
    const view = { kind: 'view', status: 'open' } as const;
    const proposal = { kind: 'proposal', status: 'open' } as const;
    const done = { kind: 'activity', status: 'done' } as const;
    expect(verbsOf([view, proposal, view])).toBe('proposed and said');
    expect(verbsOf([done, { kind: 'commitment', status: 'open' }, view])).toBe('committed to, was doing and said');
    expect(verbOf({ kind: 'milestone', status: 'open', due: { nature: 'hope' } })).toBe('hoped for');
    expect(verbOf({ kind: 'milestone', status: 'done', due: { nature: 'event' } })).toBe('held');
  });

  it('offers "Mark done" only for what can be done, and not once done', async () => {
    for (const x of c.commitments) {
      const actions = (only(await ask(`show ${x.id}`)).actions ?? []).map((a) => a.id);
      expect(actions.includes('done'), x.id).toBe(canBeDone(x.kind) && x.status !== 'done' && x.status !== 'dropped');
    }
  });

  it('shows a follow-up status only for what can be done', async () => {
    expect(field(only(await ask('show pritchett-lower-border-barriers')), 'Status')).toBeUndefined(); // a view
    expect(field(only(await ask('show owg-integrated-goals')), 'Status')).toBe('Open'); // an action item
  });
});

describe('done and status refuse what cannot be done', () => {
  it('a view, a finding, a proposal and a priority cannot be marked done or given a status', async () => {
    const t = testBot('2014-06-15T09:00:00Z');
    for (const [command, id] of [
      ['done turkey-share-experience', 'turkey-share-experience'],
      ['done unodc-trafficking-law-implementation it was fixed', 'unodc-trafficking-law-implementation'],
      ['status pritchett-labour-mobility-organization in-progress', 'pritchett-labour-mobility-organization'],
      ['status turkey-gfmd-priority-human-rights blocked', 'turkey-gfmd-priority-human-rights'],
    ] as const) {
      const r = await t.ask(command);
      expect(r.tone, command).toBe('error');
      expect(r.title, command).toMatch(new RegExp(`^${id} is a .+, not something to do: it cannot be marked`));
      expect(r.text).toMatch(/progress .+ <note>/);
    }
    expect((await t.ask('show turkey-share-experience')).items![0]!.fields.some((f) => f.label === 'Status')).toBe(false);
    const h = await t.ask('history turkey-share-experience');
    expect(h.items ?? []).toHaveLength(0); // nothing was recorded
  });

  it('a progress note on a view is kept and gives it no status', async () => {
    const t = testBot('2014-06-15T09:00:00Z');
    const r = await t.ask('progress icpd-not-duplicative raised with the framework team');
    expect(r.title).toBe('icpd-not-duplicative: note added');
    expect(t.db.prepare("SELECT status FROM commitments WHERE id = 'icpd-not-duplicative'").pluck().get()).toBe('open');
    const done = await t.ask('done owg-focus-areas released on 24 February'); // a milestone can be done
    expect(done.title).toBe('owg-focus-areas: open → done');
  });
});

describe('dates read as what they are', () => {
  it('a past event is "held", never "Due"', async () => {
    const item = only(await testBot('2014-06-15T09:00:00Z').ask('show ece-almaty-workshop'));
    expect(field(item, 'Date')).toBe('held October 2013');
    expect(field(item, 'Due')).toBeUndefined();
  });

  it('a hope reads "hoped for by July 2014", and "passed" once that is past', async () => {
    expect(field(only(await testBot('2014-06-15T09:00:00Z').ask('show owg-sdgs-agreed-july-2014')), 'Date')).toBe('hoped for by July 2014');
    expect(field(only(await testBot('2014-07-31T20:00:00Z').ask('show owg-sdgs-agreed-july-2014')), 'Date')).toBe('hoped for by July 2014');
    expect(field(only(await testBot('2014-08-01T09:00:00Z').ask('show owg-sdgs-agreed-july-2014')), 'Date')).toBe('hoped for by July 2014 — passed');
    // The same wording wherever the item is shown.
    const aug = testBot('2014-08-15T09:00:00Z');
    for (const question of ['what is the OWG doing', 'track post-2015', 'agenda 6']) {
      const item = (await aug.ask(question)).items!.find((i) => i.id === 'owg-sdgs-agreed-july-2014')!;
      expect(field(item, 'Date'), question).toBe('hoped for by July 2014 — passed');
    }
  });

  it('overdue lists broken promises only: no passed hope, no event, no period end', async () => {
    const aug = await testBot('2014-08-15T09:00:00Z').ask('overdue');
    expect(ids(aug)).toEqual(['owg-focus-areas', 'sutherland-appeal-senior-officials']);
    const later = testBot('2026-01-15T09:00:00Z');
    const all = ids(await later.ask('overdue'));
    for (const x of c.commitments) {
      const nature = x.due?.nature;
      if (all.includes(x.id)) expect(nature, x.id).toBe('deadline');
    }
    expect(all).toContain('icpd-final-work-plan');
    expect(all).not.toContain('icpd-special-session-sept-2014');
    const repo = new CommitmentRepository(later.db);
    const ladder = repo.withDeadlines().map((d) => d.id);
    for (const id of ladder) expect(byId.get(id)!.due!.nature, id).toBe('deadline');
    expect(ladder).toContain('owg-focus-areas');
  });

  it('describeDate words every nature and precision', () => {
    const d = (nature: 'deadline' | 'hope' | 'event' | 'end', precision: 'day' | 'month' | 'year' | 'approximate' = 'month', basis: 'stated' | 'inferred' = 'stated') => ({ date: '2014-09-30', precision, basis, nature });
    expect(describeDate(d('deadline'))).toEqual({ label: 'Due', text: 'by September 2014' });
    expect(describeDate(d('deadline', 'year', 'inferred'), { today: '2020-01-01' }).text).toBe('in 2014 (inferred)');
    expect(describeDate(d('hope'), { today: '2014-09-30' }).text).toBe('hoped for by September 2014');
    expect(describeDate(d('hope'), { today: '2014-10-01' }).text).toBe('hoped for by September 2014 — passed');
    expect(describeDate(d('hope'))).toEqual({ label: 'Date', text: 'hoped for by September 2014' }); // without today nothing has passed
    expect(describeDate(d('event'), { done: true }).text).toBe('held September 2014');
    expect(describeDate(d('event', 'day'), { done: true }).text).toBe('held 30 September 2014');
    expect(describeDate(d('event', 'approximate', 'inferred'), { today: '2014-06-01' }).text).toBe('scheduled for around 30 September 2014 (inferred)');
    expect(describeDate(d('event'), { today: '2014-10-01' }).text).toBe('scheduled for September 2014 — date passed');
    expect(describeDate(d('end', 'year', 'inferred'), { today: '2014-10-01' }).text).toBe('runs to 2014 (inferred)');
    expect(describeDate(d('end', 'year'), { today: '2015-01-01' }).text).toBe('ran to 2014');
    expect(describeDate({ date: '2014-09-30', precision: 'month', basis: 'stated' }).label).toBe('Due'); // no nature: a deadline
  });
});

describe('quotes the extraction cut', () => {
  const { ask } = testBot('2014-06-15T09:00:00Z');

  it('end with "…" where the report text breaks off, and the citation says so', async () => {
    const appeal = only(await ask('show sutherland-appeal-senior-officials'));
    expect(appeal.quote!.text).toBe('In the coming weeks, Mr. Sutherland would be appealing directly to senior government officials to include migration in the…');
    expect(appeal.citation!.label).toMatch(/ · the report’s text breaks off where the quote ends$/);
    const desa = only(await ask('show desa-economic-benefits-session')); // ¶13 begins mid-sentence although capitalised
    expect(desa.quote!.text.startsWith('…Analysis Division of UN/DESA')).toBe(true);
    expect(desa.citation!.label).toMatch(/starts mid-sentence where the quote starts$/);
    const whole = only(await ask('show knomad-recruitment-costs'));
    expect(whole.quote!.text).toBe(byId.get('knomad-recruitment-costs')!.quote);
    expect(whole.citation!.label).not.toMatch(/breaks off|mid-sentence/);
  });

  it('every quote shows "…" exactly where its paragraph was cut at the quote', async () => {
    for (const x of c.commitments) {
      const p = findParagraph(c.report, x.source.section, x.source.paragraph)!;
      const text = normaliseWhitespace(p.text);
      const q = normaliseWhitespace(x.quote);
      const shown = only(await ask(`show ${x.id}`)).quote!.text;
      expect(shown.startsWith('…'), x.id).toBe(p.cutStart && text.startsWith(q));
      expect(shown.endsWith('…'), x.id).toBe(p.cutEnd && text.endsWith(q));
    }
  });

  it('keeps search highlights on the same words after the leading "…"', async () => {
    const r = await ask('find rule of law perceptions');
    const item = r.items!.find((i) => i.id === 'sutherland-rule-of-law-perceptions')!;
    expect(item.quote!.text.startsWith('…')).toBe(true);
    expect(item.quote!.highlights.length).toBeGreaterThan(0);
    for (const [s, e] of item.quote!.highlights) expect(item.quote!.text.slice(s, e)).toMatch(/^(?:rule of law|rule|law|perceptions)$/i);
  });
});

describe('citations a reader can find', () => {
  const { ask } = testBot('2014-06-15T09:00:00Z');

  it('give the paragraph as the loader counts it, its opening words, and the section note', async () => {
    const item = only(await ask('show ratha-actions-recruitment'));
    expect(item.citation).toMatchObject({ sectionId: 'report-of-the-twelfth-meeting', paragraph: 14, opening: 'In the second presentation…' });
    expect(item.citation!.label).toBe('12th meeting report · Report of the Twelfth Meeting, ¶14 “In the second presentation…” · the report’s text breaks off where the quote ends');
    expect(item.citation!.note).toBe(c.meeting.section_notes['report-of-the-twelfth-meeting']);
    expect(item.citation!.note).toMatch(/not the published report's paragraphs/);
    // A paragraph that begins mid-sentence shows so in its opening words.
    expect(only(await ask('show owg-integrated-goals')).citation!.opening).toBe('…traditional North-South dichotomies and…');
    // A section whose heading survives and needs no note has none.
    expect(c.meeting.section_notes.VIII).toBeUndefined();
  });

  it('every item of a noted section carries the note, in every answer', async () => {
    for (const r of [await ask('ECE'), await ask('due 2014'), await ask('find recruitment costs')])
      for (const item of r.items ?? []) {
        const x = byId.get(item.id)!;
        expect(item.citation!.note, item.id).toBe(c.meeting.section_notes[x.source.section]);
      }
  });

  it('source says the note once (with the citation), not twice', async () => {
    const r = await ask('source icpd-final-work-plan');
    expect(r.text).not.toContain('¶ numbers count');
    expect(r.items![0]!.citation!.note).toMatch(/¶2 begins mid-sentence/);
  });
});

describe('actor names answer for their own body only', () => {
  const { ask } = testBot('2014-06-15T09:00:00Z');

  it('ECE is the Economic Commission for Europe, not the Regional Commissions; civil society is not ICMC', async () => {
    const ece = await ask('ECE');
    expect(ece.title).toMatch(/^What ECE \(United Nations Economic Commission for Europe\) /);
    expect(ece.title).not.toMatch(/Regional Commissions/);
    expect(ids(ece)).not.toContain('regional-commissions-mainstreaming');
    const cs = await ask('civil society');
    expect(cs.title).not.toMatch(/ICMC|Catholic/);
    const escwa = await ask('ESCWA');
    expect(ids(escwa)).not.toContain('regional-commissions-partners');
  });
});

describe('migration 7', () => {
  it('marks stored dates as deadlines and has the catalog loaded again, filling the paragraphs', () => {
    const db = openDatabase(':memory:', MIGRATIONS.slice(0, 6));
    db.prepare("INSERT INTO meetings (id, name, short_name, held_from, held_to, place, citation, catalog_hash) VALUES ('m', 'M', 'M', '2014-01-01', '2014-01-01', '', '', 'old')").run();
    db.prepare(
      `INSERT INTO commitments (id, meeting_id, kind, summary, quote, section_id, paragraph, due_date, due_start, due_end, due_precision, due_basis, catalog_status, status, created_at, updated_at)
       VALUES ('x', 'm', 'commitment', 's', 'q', 'I', 1, '2014-09-30', '2014-09-01', '2014-09-30', 'month', 'stated', 'open', 'open', '', '')`,
    ).run();
    migrate(db, MIGRATIONS);
    expect(db.prepare("SELECT due_nature FROM commitments WHERE id = 'x'").pluck().get()).toBe('deadline');
    expect(db.prepare("SELECT catalog_hash FROM meetings WHERE id = 'm'").pluck().get()).toBeNull();
    expect(() => db.prepare("UPDATE commitments SET due_nature = 'wish' WHERE id = 'x'").run()).toThrow(/CHECK/);
    expect(syncCatalog(db, c, new Date('2014-03-01T00:00:00Z')).changed).toBe(true);
    const paragraphs = db.prepare("SELECT count(*) FROM report_paragraphs WHERE meeting_id = 'cm12-2014'").pluck().get() as number;
    expect(paragraphs).toBe(c.report.sections.reduce((n, s) => n + s.paragraphs.length, 0));
  });
});
