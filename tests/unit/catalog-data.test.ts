import { describe, expect, it } from 'vitest';
import { acronymsIn } from '../../src/catalog/load.js';
import { containsGlyphNoise } from '../../src/catalog/glyph-noise.js';
import { findParagraph, normaliseWhitespace } from '../../src/catalog/report.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalog, DATA_DIR } from '../helpers.js';

const c = catalog();
const source = normaliseWhitespace(readFileSync(path.join(DATA_DIR, c.meeting.source), 'utf8'));

describe('the shipped catalog', () => {
  it('records well over 30 items of every kind the report has', () => {
    expect(c.commitments.length).toBeGreaterThan(40);
    const kinds = new Set(c.commitments.map((x) => x.kind));
    for (const k of ['commitment', 'action', 'proposal', 'priority', 'activity', 'milestone', 'view', 'finding']) expect(kinds).toContain(k);
  });

  it('quotes each passage once in the whole report, so a citation points at one place', () => {
    for (const x of c.commitments) {
      const quote = normaliseWhitespace(x.quote);
      expect(source.split(quote).length - 1, x.id).toBe(1);
    }
  });

  it('never starts a quote just after an honorific it cut off ("Sutherland urged…" for "Mr. Sutherland urged…")', () => {
    for (const x of c.commitments) {
      const para = normaliseWhitespace(findParagraph(c.report, x.source.section, x.source.paragraph)!.text);
      const at = para.indexOf(normaliseWhitespace(x.quote));
      expect(para.slice(Math.max(0, at - 5), at), x.id).not.toMatch(/\b(?:Mr|Ms|Mrs|Dr)\.\s$/);
    }
  });

  it('spells summaries the UN way (-ize), as the report does', () => {
    for (const x of c.commitments) expect(x.summary, x.id).not.toMatch(/\b\w*(?:recogni|reali|organi|prioriti|mobili|utili|finali)s(?:e|ed|es|ing|ation)\b/i);
  });

  it('keeps a follow-up status only on kinds that can be done', () => {
    for (const x of c.commitments) if (['view', 'finding', 'proposal', 'priority'].includes(x.kind)) expect(x.status, x.id).toBe('open');
  });

  it('has unique ids', () => {
    const ids = c.commitments.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(c.actors.map((a) => a.id)).size).toBe(c.actors.length);
  });

  it('quotes every item verbatim (whitespace-normalised) from the source text and from the cited paragraph', () => {
    for (const x of c.commitments) {
      const quote = normaliseWhitespace(x.quote);
      expect(quote.length, x.id).toBeLessThanOrEqual(300);
      expect(source.includes(quote), `${x.id}: quote not in the source`).toBe(true);
      const para = findParagraph(c.report, x.source.section, x.source.paragraph);
      expect(para, `${x.id}: no paragraph ${x.source.section} ¶${x.source.paragraph}`).toBeDefined();
      expect(normaliseWhitespace(para!.text).includes(quote), `${x.id}: quote not in the cited paragraph`).toBe(true);
    }
  });

  it('never quotes glyph noise', () => {
    for (const x of c.commitments) expect(containsGlyphNoise(x.quote), x.id).toBe(false);
  });

  it('resolves every acronym the data uses, and every actor, track and agenda number', () => {
    const acronyms = new Set(c.abbreviations.map((a) => a.acronym));
    const actors = new Set(c.actors.map((a) => a.id));
    const tracks = new Set(c.tracks.map((t) => t.id));
    for (const x of c.commitments) {
      for (const a of acronymsIn(`${x.summary} ${x.quote}`)) expect(acronyms.has(a), `${x.id}: ${a}`).toBe(true);
      for (const a of x.actors) expect(actors.has(a), `${x.id}: actor ${a}`).toBe(true);
      for (const t of x.tracks) expect(tracks.has(t), `${x.id}: track ${t}`).toBe(true);
      for (const n of x.agenda) expect(c.agenda.map((p) => p.number)).toContain(n);
    }
    for (const a of c.actors) if (a.acronym && !a.acronym.includes(' ')) expect(acronyms.has(a.acronym), a.id).toBe(true);
    for (const a of ['UNODC', 'OWG', 'SDG', 'MDG', 'UN/DESA', 'KNOMAD', 'ILO', 'ECE', 'GFMD']) expect(acronyms.has(a), a).toBe(true);
  });

  it('keeps the report’s own abbreviations list, then completes it', () => {
    const fromReport = c.abbreviations.filter((a) => a.source === 'report').map((a) => a.acronym);
    expect(fromReport).toEqual(['CMS', 'ECE', 'ESCWA', 'EU', 'GFMD', 'GMG', 'ICAT', 'ICPD', 'ILO', 'IOM', 'KNOMAD']);
  });

  it('lists the eight agenda points and the seven GFMD priorities, each pointing at an item', () => {
    expect(c.agenda.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(c.gfmdPriorities).toHaveLength(7);
    const ids = new Set(c.commitments.map((x) => x.id));
    for (const p of c.gfmdPriorities) expect(ids.has(p.commitment), p.commitment).toBe(true);
  });

  it('dates: stated ones as the report says, inferred ones with their reasoning', () => {
    const byId = new Map(c.commitments.map((x) => [x.id, x]));
    expect(byId.get('owg-sdgs-agreed-july-2014')!.due).toMatchObject({ date: '2014-07-31', precision: 'month', basis: 'stated' });
    expect(byId.get('icpd-final-work-plan')!.due).toMatchObject({ date: '2014-09-30', precision: 'month', basis: 'stated' });
    const appeal = byId.get('sutherland-appeal-senior-officials')!.due!;
    expect(appeal).toMatchObject({ precision: 'approximate', basis: 'inferred' });
    expect(appeal.reasoning).toMatch(/coming weeks/);
    expect(byId.get('unodc-global-trafficking-report')!.recurrence).toMatchObject({ every: 2, unit: 'year' });
    for (const x of c.commitments) if (x.due?.basis === 'inferred') expect((x.due.reasoning ?? '').length, x.id).toBeGreaterThan(20);
  });

  it('says what a date is: a hope, a past event and a period end are not deadlines', () => {
    const byId = new Map(c.commitments.map((x) => [x.id, x]));
    expect(byId.get('owg-sdgs-agreed-july-2014')!.due!.nature).toBe('hope'); // "It was hoped that … by July 2014"
    expect(byId.get('ece-almaty-workshop')!.due!.nature).toBe('event'); // "In October 2013, ECE had organized a workshop"
    expect(byId.get('icpd-special-session-sept-2014')!.due!.nature).toBe('event');
    expect(byId.get('civil-society-five-year-plan')!.due!.nature).toBe('end');
    expect(byId.get('icpd-final-work-plan')!.due!.nature).toBe('deadline');
    // A date the report words as a hope is marked as one.
    for (const x of c.commitments) if (/\bhoped\b/i.test(x.quote) && x.due) expect(x.due.nature, x.id).toBe('hope');
  });

  it('credits the ones who said, found or committed, and keeps remarks out of the commitments', () => {
    const byId = new Map(c.commitments.map((x) => [x.id, x]));
    expect(byId.get('sutherland-stranded-migrants')!.actors).toEqual(['member-states']); // he welcomed them
    expect(byId.get('icpd-not-duplicative')!.actors).toEqual(['participants']); // "Participants observed…"
    expect(byId.get('turkey-share-experience')!.kind).toBe('view');
    expect(byId.get('declaration-impetus-post-2015')!.kind).toBe('view');
    expect(byId.get('ratha-recruitment-cost-burden')!.kind).toBe('finding');
    expect(byId.get('unodc-trafficking-law-implementation')!.kind).toBe('finding'); // "The report had found…"
    expect(byId.get('meeting-objective-hld-follow-up')).toMatchObject({ kind: 'activity', status: 'done' });
    // A quote worded as a view or a finding is not catalogued as a promise.
    for (const x of c.commitments)
      if (/\b(?:expressed his view|had found|observed that)\b/.test(x.quote)) expect(['view', 'finding', 'proposal'], x.id).toContain(x.kind);
  });

  it('names each body with its own aliases only', () => {
    const byId = new Map(c.actors.map((a) => [a.id, a]));
    expect(byId.get('regional-commissions')!.aliases).not.toContain('ECE');
    expect(byId.get('regional-commissions')!.aliases).not.toContain('ESCWA');
    expect(byId.get('icmc')!.aliases.map((a) => a.toLowerCase())).not.toContain('civil society');
    expect(byId.get('population-division')!.acronym).toBeUndefined();
  });

  it('status is open unless the report says otherwise', () => {
    const byId = new Map(c.commitments.map((x) => [x.id, x]));
    expect(byId.get('ece-almaty-workshop')!.status).toBe('done');
    expect(byId.get('owg-focus-areas')!.status).toBe('open');
  });
});

describe('acronymsIn', () => {
  it('finds acronyms and skips document symbols and roman numerals', () => {
    expect(acronymsIn('UNODC and the OWG on SDGs (A/RES/68/4), section VII, UN/DESA, G20')).toEqual(['UNODC', 'OWG', 'SDG', 'UN/DESA', 'G20']);
  });
});
