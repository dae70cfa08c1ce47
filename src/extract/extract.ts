import type { Kind } from '../catalog/schema.js';
import { parseReport, slugify } from '../catalog/report.js';
import { ActorFinder, type FoundActor, type KnownActor } from './actors.js';
import { cueOf } from './cues.js';
import { findDue, findRecurrence, type FoundDue } from './dates.js';
import { splitSentences } from './sentences.js';

export interface MeetingInfo {
  id: string;
  name: string;
  shortName: string;
  /** The meeting's (first) day, YYYY-MM-DD: relative dates count from it. */
  date: string;
}

export interface Candidate {
  id: string;
  kind: Kind;
  /** Why the sentence was picked (the cue it matched). */
  cue: string;
  actors: FoundActor[];
  /** True when no actor is named in the sentence and the speaker was carried over from before. */
  actorsInferred: boolean;
  summary: string;
  /** The sentence, verbatim from the cleaned paragraph. */
  quote: string;
  section: { id: string; title: string };
  paragraph: number;
  due?: FoundDue;
  recurrence?: { every: number; unit: 'day' | 'week' | 'month' | 'year'; description: string };
  tracks: string[];
  status: 'open' | 'done';
}

export interface Extraction {
  meeting: MeetingInfo;
  sections: Array<{ id: string; title: string }>;
  abbreviations: Array<{ acronym: string; expansion: string }>;
  candidates: Candidate[];
  paragraphs: number;
  /** Blocks that were only PDF glyph noise (never read as text). */
  noiseBlocks: number;
}

export interface ExtractOptions {
  known: KnownActor[];
  /** Acronyms already known (the report's own table is read and added). */
  abbreviations: Map<string, string>;
  tracks: Array<{ id: string; name: string; aliases: string[] }>;
  onProgress?: (done: number, total: number) => void;
  /** Ids already used (stored commitments and candidates): new ids avoid them. */
  taken?: Set<string>;
  /** The prefix of candidate ids (default: from the meeting's short name). */
  idPrefix?: string;
}

/** "CMS<tab>Center for Migration Studies" lines: the report's list of abbreviations. */
const ABBREVIATION_LINE = /^\s*([A-Z][A-Za-z/&.-]*[A-Z][A-Za-z/&.-]*)(?:\t+|\s{2,}|\s+[–—-]\s+)([A-Z][^\t]{3,120})$/;
const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'to', 'in', 'on', 'for', 'by', 'with', 'that', 'its', 'his', 'her', 'their', 'was', 'were', 'would', 'be', 'had', 'has', 'have', 'is', 'are', 'it', 'he', 'she', 'they', 'this', 'from', 'as', 'at', 'which', 'also']);

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];

/** A short prefix for ids: "13th meeting" or "Thirteenth Coordination Meeting" → "m13"; else initials. */
export function meetingPrefix(name: string): string {
  const n = /\b(\d{1,3})(?:st|nd|rd|th)\b/i.exec(name)?.[1] ?? (ORDINALS.findIndex((o) => new RegExp(`\\b${o}\\b`, 'i').test(name)) + 1 || undefined);
  if (n) return `m${n}`;
  const initials = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2).map((w) => w[0]!.toLowerCase()).join('');
  return (slugify(initials) || 'm').slice(0, 6);
}

export function readAbbreviations(text: string): Array<{ acronym: string; expansion: string }> {
  const out: Array<{ acronym: string; expansion: string }> = [];
  for (const line of text.split(/\r?\n/)) {
    const m = ABBREVIATION_LINE.exec(line);
    if (m && m[1]!.length <= 15 && /[A-Z].*[A-Z]/.test(m[1]!)) out.push({ acronym: m[1]!, expansion: m[2]!.trim() });
  }
  return out;
}

/** A reporting clause ("Ms. Holm said that …", "The representative of X noted that …"). */
const REPORTED = /^(?:It was (?:hoped|expected|noted|agreed|suggested)|.{2,90}?\s+(?:said|noted|stated|announced|reported|explained|added|indicated|emphasi[sz]ed|stressed|observed|pointed out|recalled|informed participants))\s+that\s+/i;

/**
 * A short statement of what was committed: the reporting clause dropped ("Ms. Holm said that
 * the TDG would …" → "The TDG would …"), a leading pronoun replaced by who it stands for, and
 * at most 200 characters.
 */
function summarise(sentence: string, actors: FoundActor[]): string {
  let s = sentence.replace(REPORTED, '');
  const who = actors[0] ? (actors[0].acronym ?? actors[0].name) : undefined;
  if (who) s = s.replace(/^(?:It|They|He|She)\s+(?=\p{Ll})/u, `${who} `);
  s = s.charAt(0).toUpperCase() + s.slice(1);
  if (/^[\p{Ll}]/u.test(sentence)) s = `…${sentence}`;
  if (s.length > 200) s = `${s.slice(0, s.lastIndexOf(' ', 197))}…`;
  return s;
}

function idFor(prefix: string, actors: FoundActor[], summary: string, taken: Set<string>): string {
  const words = slugify(summary)
    .split('-')
    .filter((w) => w.length > 2 && !STOP.has(w))
    .slice(0, 3);
  const base = [prefix, actors[0] ? (actors[0].isNew ? slugify(actors[0].acronym ?? actors[0].surname ?? actors[0].name) : actors[0].id).slice(0, 20).replace(/-+$/, '') : 'item', ...words].filter(Boolean).join('-').slice(0, 70).replace(/-+$/, '');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * Reads a meeting report and proposes candidate commitments: deterministic and explainable.
 * Sections and paragraphs come from the report parser (glyph noise cut, never read as words);
 * each sentence carrying a commitment or action cue becomes a candidate with its actors (named in
 * it, or the speaker carried over), verbatim quote, citation, due date (stated or inferred, with
 * the reasoning), recurrence and tracks.
 */
export function extract(text: string, meeting: MeetingInfo, opts: ExtractOptions): Extraction {
  const abbreviations = readAbbreviations(text);
  const abbr = new Map(opts.abbreviations);
  for (const a of abbreviations) if (!abbr.has(a.acronym)) abbr.set(a.acronym, a.expansion);
  const finder = new ActorFinder(opts.known, abbr);
  const report = parseReport(text);
  const abbreviationText = new Set(abbreviations.map((a) => `${a.acronym} ${a.expansion}`));
  const total = report.sections.reduce((n, s) => n + s.paragraphs.length, 0);
  const trackPatterns = opts.tracks.map((t) => ({ id: t.id, res: [t.name, ...t.aliases].filter((a) => a.length >= 3).map((a) => new RegExp(`(?<![\\p{L}\\p{N}])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu')) }));
  const candidates: Candidate[] = [];
  const taken = new Set<string>(opts.taken ?? []);
  let done = 0;
  let speaker: FoundActor[] = [];
  for (const section of report.sections) {
    for (const p of section.paragraphs) {
      done++;
      opts.onProgress?.(done, total);
      // The abbreviations list is not prose.
      if ([...abbreviationText].some((a) => p.text.includes(a))) continue;
      for (const s of splitSentences(p.text)) {
        const that = /\b(?:said|noted|stated|announced|reported|explained|added|indicated|stressed|emphasi[sz]ed|recalled)\s+that\b/i.exec(s.text);
        const named = finder.find(s.text, that ? that.index + that[0].length : Infinity);
        if (named.length) speaker = named;
        const cue = cueOf(s.text);
        if (!cue || s.text.length < 25) continue;
        const actors = named.length ? named : speaker;
        const due = findDue(s.text, meeting.date);
        const recurrence = findRecurrence(s.text);
        const past = /\bhad (?:organized|organised|held|launched|produced|selected|established)\b/i.test(s.text);
        const summary = summarise(s.text, actors);
        candidates.push({
          id: idFor(opts.idPrefix ?? meetingPrefix(meeting.shortName), actors, summary, taken),
          kind: cue.kind,
          cue: cue.label,
          actors,
          actorsInferred: named.length === 0 && actors.length > 0,
          summary,
          quote: s.text,
          section: { id: section.id, title: section.title },
          paragraph: p.paragraph,
          ...(due ? { due } : {}),
          ...(recurrence ? { recurrence } : {}),
          tracks: trackPatterns.filter((t) => t.res.some((re) => re.test(s.text))).map((t) => t.id),
          status: past && due && due.date < meeting.date ? 'done' : 'open',
        });
      }
    }
  }
  return {
    meeting,
    sections: report.sections.map((s) => ({ id: s.id, title: s.title })),
    abbreviations,
    candidates,
    paragraphs: total,
    noiseBlocks: report.noiseBlocks.length,
  };
}
