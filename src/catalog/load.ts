import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { StartupError } from '../core/errors.js';
import { containsGlyphNoise } from './glyph-noise.js';
import { findParagraph, normaliseWhitespace, parseReport, type ParsedReport } from './report.js';
import { thesaurusFileSchema, thesaurusProblem, type ThesaurusConcept } from './thesaurus.js';
import { ANALYSIS_VERSION } from '../search/lemmas.js';
import {
  actorsFileSchema,
  commitmentsFileSchema,
  referenceFileSchema,
  type AbbreviationData,
  type ActorData,
  type CommitmentData,
  type MeetingData,
  type ReferenceData,
  type TrackData,
} from './schema.js';

export interface Catalog {
  meeting: MeetingData;
  commitments: CommitmentData[];
  actors: ActorData[];
  tracks: TrackData[];
  agenda: ReferenceData['agenda'];
  gfmdPriorities: ReferenceData['gfmd_priorities'];
  abbreviations: AbbreviationData[];
  /** The domain thesaurus (data/thesaurus.yaml) the search expands queries with. */
  thesaurus: ThesaurusConcept[];
  report: ParsedReport;
  /** Hash of every data file: the store reloads only when it changes. */
  hash: string;
}

/** The project's shipped data folder (works from src/ under tsx/vitest and from dist/). */
export function defaultDataDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..';
  return path.resolve(here, up, 'data');
}

/** A data-file problem: names the file, the item and the field. */
export class CatalogError extends StartupError {
  constructor(
    readonly file: string,
    readonly item: string | undefined,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super('catalog', `${file}${item ? `: ${item}` : ''}${field ? `: field "${field}"` : ''}: ${problem}`);
  }
}

function readText(file: string, label: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CatalogError(label, undefined, undefined, code === 'ENOENT' ? 'file not found' : `cannot be read (${code})`);
  }
}

function readYaml(file: string, label: string): unknown {
  const text = readText(file, label);
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.linePos?.[0] ? `line ${err.linePos[0].line}, column ${err.linePos[0].col}` : undefined;
      throw new CatalogError(label, where, undefined, `not valid YAML: ${err.message.split('\n')[0]}`);
    }
    throw err;
  }
}

function describeItem(raw: unknown, p: PropertyKey[]): { item?: string; field?: string } {
  if (p.length === 0) return {};
  const [list, index, ...rest] = p;
  if (typeof index === 'number') {
    const entry = (raw as Record<string, unknown[]> | undefined)?.[String(list)]?.[index] as Record<string, unknown> | undefined;
    const id = entry && typeof entry === 'object' ? (entry.id ?? entry.acronym ?? entry.number) : undefined;
    return {
      item: `${String(list)}[${index}]${id !== undefined ? ` (${String(id)})` : ''}`,
      field: rest.length ? rest.map(String).join('.') : undefined,
    };
  }
  return { item: String(list), field: [index, ...rest].filter((x) => x !== undefined).map(String).join('.') || undefined };
}

function validate<S extends z.ZodType>(schema: S, raw: unknown, label: string): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const { item, field } = describeItem(raw, issue.path);
  throw new CatalogError(label, item, field, issue.message);
}

/** Reads, validates and cross-checks the catalog in `dataDir`. Throws CatalogError on any problem. */
export function loadCatalog(dataDir: string = defaultDataDir()): Catalog {
  const files = {
    commitments: path.join(dataDir, 'commitments.yaml'),
    actors: path.join(dataDir, 'actors.yaml'),
    reference: path.join(dataDir, 'reference.yaml'),
    thesaurus: path.join(dataDir, 'thesaurus.yaml'),
  };
  const label = (f: string): string => path.relative(process.cwd(), f) || f;
  const rawCommitments = readYaml(files.commitments, label(files.commitments));
  const rawActors = readYaml(files.actors, label(files.actors));
  const rawReference = readYaml(files.reference, label(files.reference));
  const rawThesaurus = readYaml(files.thesaurus, label(files.thesaurus));
  const cf = validate(commitmentsFileSchema, rawCommitments, label(files.commitments));
  const af = validate(actorsFileSchema, rawActors, label(files.actors));
  const rf = validate(referenceFileSchema, rawReference, label(files.reference));
  const thesaurus = loadThesaurus(rawThesaurus, label(files.thesaurus));

  const reportFile = path.join(dataDir, cf.meeting.source);
  const reportText = readText(reportFile, label(reportFile));
  const report = parseReport(reportText);

  const catalog: Catalog = {
    meeting: cf.meeting,
    commitments: cf.commitments,
    actors: af.actors,
    tracks: rf.tracks,
    agenda: rf.agenda,
    gfmdPriorities: rf.gfmd_priorities,
    abbreviations: rf.abbreviations,
    thesaurus,
    report,
    hash: createHash('sha256')
      .update(JSON.stringify([rawCommitments, rawActors, rawReference, rawThesaurus, ANALYSIS_VERSION]))
      .update(reportText)
      .digest('hex'),
  };
  crossCheck(catalog, { commitments: label(files.commitments), actors: label(files.actors), reference: label(files.reference) });
  return catalog;
}

function loadThesaurus(raw: unknown, label: string): ThesaurusConcept[] {
  const concepts = validate(thesaurusFileSchema, raw, label).concepts;
  const problem = thesaurusProblem(concepts);
  if (problem) throw new CatalogError(label, `concept ${problem.concept}`, problem.field, problem.problem);
  return concepts;
}

function duplicates<T>(values: T[]): T[] {
  const seen = new Set<T>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

/** The checks a schema cannot express: references resolve, ids are unique, quotes are real. */
export function crossCheck(c: Catalog, files: { commitments: string; actors: string; reference: string }): void {
  const fail = (file: string, item: string, field: string | undefined, problem: string): never => {
    throw new CatalogError(file, item, field, problem);
  };
  for (const id of duplicates(c.commitments.map((x) => x.id))) fail(files.commitments, `commitment ${id}`, 'id', 'the id is used twice');
  for (const id of duplicates(c.actors.map((x) => x.id))) fail(files.actors, `actor ${id}`, 'id', 'the id is used twice');
  for (const id of duplicates(c.tracks.map((x) => x.id))) fail(files.reference, `track ${id}`, 'id', 'the id is used twice');
  for (const a of duplicates(c.abbreviations.map((x) => x.acronym))) fail(files.reference, `abbreviation ${a}`, 'acronym', 'listed twice');

  const actorIds = new Set(c.actors.map((a) => a.id));
  const trackIds = new Set(c.tracks.map((t) => t.id));
  const commitmentIds = new Set(c.commitments.map((x) => x.id));
  const acronyms = new Set(c.abbreviations.map((a) => a.acronym));

  for (const a of c.actors) {
    if (a.organisation && !actorIds.has(a.organisation)) fail(files.actors, `actor ${a.id}`, 'organisation', `"${a.organisation}" is not an actor`);
    if (a.acronym && !a.acronym.includes(' ') && !acronyms.has(a.acronym))
      fail(files.actors, `actor ${a.id}`, 'acronym', `"${a.acronym}" is not in the abbreviations table (data/reference.yaml)`);
  }
  checkAliases(c, (item, field, problem) => fail(files.actors, item, field, problem));
  for (const p of c.gfmdPriorities)
    if (!commitmentIds.has(p.commitment)) fail(files.reference, `gfmd_priorities ${p.number}`, 'commitment', `"${p.commitment}" is not a commitment id`);

  for (const x of c.commitments) {
    const item = `commitment ${x.id}`;
    for (const a of x.actors) if (!actorIds.has(a)) fail(files.commitments, item, 'actors', `"${a}" is not an actor in actors.yaml`);
    for (const t of x.tracks) if (!trackIds.has(t)) fail(files.commitments, item, 'tracks', `"${t}" is not a track in reference.yaml`);
    const para = findParagraph(c.report, x.source.section, x.source.paragraph);
    if (!para) fail(files.commitments, item, 'source', `the report has no paragraph ${x.source.section} ¶${x.source.paragraph}`);
    if (containsGlyphNoise(x.quote)) fail(files.commitments, item, 'quote', 'contains PDF glyph noise');
    if (!normaliseWhitespace(para!.text).includes(normaliseWhitespace(x.quote)))
      fail(files.commitments, item, 'quote', `is not verbatim in ${x.source.section} ¶${x.source.paragraph} of the report`);
    for (const field of ['summary', 'quote'] as const)
      for (const token of acronymsIn(x[field]))
        if (!acronyms.has(token)) fail(files.commitments, item, field, `uses "${token}", which is not in the abbreviations table`);
  }
}

/**
 * An alias names its own actor only: never another actor's name, acronym or alias ("ECE" on the
 * Regional Commissions, "civil society" on ICMC), and never an abbreviation of the report that
 * stands for something else ("ESCWA" is one commission, not the group).
 */
function checkAliases(c: Catalog, fail: (item: string, field: string, problem: string) => never): void {
  const key = (s: string): string => s.trim().toLowerCase();
  const owners = new Map<string, string>();
  for (const a of c.actors) for (const n of [a.name, a.acronym]) if (n) owners.set(key(n), a.id);
  const expansions = new Map(c.abbreviations.map((x) => [key(x.acronym), x.expansion]));
  for (const a of c.actors) {
    for (const alias of a.aliases) {
      const other = owners.get(key(alias));
      if (other && other !== a.id) fail(`actor ${a.id}`, 'aliases', `"${alias}" names another actor (${other})`);
      const expansion = expansions.get(key(alias));
      if (expansion && key(expansion) !== key(a.name)) fail(`actor ${a.id}`, 'aliases', `"${alias}" stands for ${expansion} in the abbreviations table`);
      const taken = owners.get(`alias:${key(alias)}`);
      if (taken && taken !== a.id) fail(`actor ${a.id}`, 'aliases', `"${alias}" is also an alias of ${taken}`);
      owners.set(`alias:${key(alias)}`, a.id);
    }
  }
}

/** Acronym-looking tokens (two or more capitals, optionally a plural s or a /PART). Roman numerals are not acronyms. */
export function acronymsIn(text: string): string[] {
  const out: string[] = [];
  const withoutSymbols = text.replace(/\b[A-Z]+(?:\/[A-Z0-9.]+)*\/\d[\w./]*/g, ' '); // UN document symbols: A/RES/68/4
  for (const m of withoutSymbols.matchAll(/\b[A-Z][A-Z0-9]+(?:\/[A-Z]+)?(?=s?\b)/g)) {
    const t = m[0];
    if (/^[IVXLC]+$/.test(t)) continue;
    if (/^[A-Z]\d+$/.test(t) && t !== 'G20') continue;
    out.push(t);
  }
  return [...new Set(out)];
}
