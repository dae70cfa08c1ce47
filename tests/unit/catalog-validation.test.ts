import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from '../../src/catalog/load.js';
import { copyData } from '../helpers.js';

function broken(file: string, edit: (text: string) => string): CatalogError {
  const dir = copyData();
  const f = path.join(dir, file);
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  try {
    loadCatalog(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return err as CatalogError;
  }
  throw new Error('the broken catalog loaded');
}

describe('catalog validation names the file, the item and the field', () => {
  it('a bad enum value', () => {
    const e = broken('commitments.yaml', (t) => t.replace('precision: month\n      basis: stated\n      nature: hope', 'precision: monthly\n      basis: stated\n      nature: hope'));
    expect(e.file).toMatch(/commitments\.yaml$/);
    expect(e.item).toMatch(/owg-sdgs-agreed-july-2014/);
    expect(e.field).toBe('due.precision');
  });

  it('a date nature that is not deadline, hope, event or end', () => {
    const e = broken('commitments.yaml', (t) => t.replace('basis: stated\n      nature: hope', 'basis: stated\n      nature: wish'));
    expect(e.item).toMatch(/owg-sdgs-agreed-july-2014/);
    expect(e.field).toBe('due.nature');
  });

  it('a follow-up status on a kind that cannot be done (a view, finding, proposal or priority)', () => {
    const e = broken('commitments.yaml', (t) =>
      t.replace('tracks: [post-2015]\n    agenda: [6]\n  - id: sutherland-quality-of-mobility', 'tracks: [post-2015]\n    agenda: [6]\n    status: done\n  - id: sutherland-quality-of-mobility'),
    );
    expect(e.item).toMatch(/sutherland-urge-post-2015-framers/);
    expect(e.field).toBe('status');
    expect(e.problem).toMatch(/stays "open"/);
  });

  it('a missing required field', () => {
    const e = broken('commitments.yaml', (t) => t.replace('    quote: A listing of so-called focus areas was to be released shortly.\n', ''));
    expect(e.item).toMatch(/owg-focus-areas/);
    expect(e.field).toBe('quote');
  });

  it('a quote that is not in the report', () => {
    const e = broken('commitments.yaml', (t) => t.replace('was to be released shortly.', 'was to be released soon.'));
    expect(e.item).toBe('commitment owg-focus-areas');
    expect(e.field).toBe('quote');
    expect(e.message).toMatch(/not verbatim/);
  });

  it('an unknown actor, track and duplicate id', () => {
    expect(broken('commitments.yaml', (t) => t.replace('actors: [owg, icesdf]', 'actors: [owg, nobody]')).field).toBe('actors');
    expect(broken('commitments.yaml', (t) => t.replace('tracks: [civil-society, hld-2013]', 'tracks: [civil-society, nowhere]')).field).toBe('tracks');
    const dup = broken('commitments.yaml', (t) => t.replace('- id: owg-integrated-goals', '- id: owg-focus-areas'));
    expect(dup.field).toBe('id');
  });

  it('an alias that names another actor or stands for another body', () => {
    const ece = broken('actors.yaml', (t) => t.replace('aliases: [Regional Commissions,', 'aliases: [ECE, Regional Commissions,'));
    expect(ece.item).toBe('actor regional-commissions');
    expect(ece.field).toBe('aliases');
    expect(ece.problem).toMatch(/"ECE" names another actor \(ece\)/);
    const escwa = broken('actors.yaml', (t) => t.replace('aliases: [Regional Commissions,', 'aliases: [ESCWA, Regional Commissions,'));
    expect(escwa.problem).toMatch(/"ESCWA" stands for United Nations Economic and Social Commission for Western Asia/);
    const shared = broken('actors.yaml', (t) => t.replace('    acronym: ICMC\n', '    acronym: ICMC\n    aliases: [civil society]\n'));
    expect(shared.problem).toMatch(/"civil society" is also an alias of icmc/);
  });

  it('an inferred date without reasoning', () => {
    const e = broken('commitments.yaml', (t) => t.replace(/ {6}reasoning: "“To be released shortly”[^\n]*\n/, ''));
    expect(e.item).toMatch(/owg-focus-areas/);
    expect(e.field).toBe('due.reasoning');
  });

  it('an impossible date', () => {
    const e = broken('commitments.yaml', (t) => t.replace('date: 2014-07-31', 'date: 2014-02-31'));
    expect(e.field).toBe('due.date');
  });

  it('invalid YAML and a missing file', () => {
    const e = broken('actors.yaml', (t) => `${t}\n  - id: [unclosed\n`);
    expect(e.file).toMatch(/actors\.yaml$/);
    expect(e.message).toMatch(/not valid YAML/);
    const dir = copyData();
    rmSync(path.join(dir, 'reference.yaml'));
    expect(() => loadCatalog(dir)).toThrow(/reference\.yaml: file not found/);
  });

  it('an acronym the abbreviations table lacks', () => {
    const e = broken('reference.yaml', (t) => t.replace(/ {2}- \{ acronym: UNODC[^\n]*\n/, ''));
    expect(e.message).toMatch(/UNODC/);
  });
});

describe('data/thesaurus.yaml is validated like the other data files', () => {
  it('a broken file stops the start, naming the file, the concept and the field', () => {
    const missing = broken('thesaurus.yaml', (t) => t.replace('  - id: remittances\n    preferred: remittances\n', '  - id: remittances\n'));
    expect(missing.file).toMatch(/thesaurus\.yaml$/);
    expect(missing.item).toMatch(/concepts\[\d+\] \(remittances\)/);
    expect(missing.field).toBe('preferred');

    const twice = broken('thesaurus.yaml', (t) => t.replace('synonyms: ["diasporas",', 'synonyms: ["money sent home", "diasporas",'));
    expect(twice.item).toBe('concept diaspora');
    expect(twice.field).toBe('synonyms.0');
    expect(twice.message).toMatch(/already a term of concept remittances/);

    const link = broken('thesaurus.yaml', (t) => t.replace('related: [diaspora, remittance-costs]', 'related: [diaspora, nowhere]'));
    expect(link.item).toBe('concept remittances');
    expect(link.field).toBe('related.1');

    expect(broken('thesaurus.yaml', (t) => `${t}\n  - id: [unclosed\n`).message).toMatch(/not valid YAML/);
    const dir = copyData();
    rmSync(path.join(dir, 'thesaurus.yaml'));
    expect(() => loadCatalog(dir)).toThrow(/thesaurus\.yaml: file not found/);
  });
});
