import { slugify } from '../catalog/report.js';

export interface KnownActor {
  id: string;
  kind: string;
  name: string;
  acronym?: string | null;
  surname?: string | null;
  aliases: string[];
}

/** An actor a sentence names: one already known, or a new one read from the text. */
export interface FoundActor {
  id: string;
  kind: 'organisation' | 'person' | 'country' | 'body';
  name: string;
  acronym?: string;
  surname?: string;
  /** Not in the directory yet: created when the candidate is accepted. */
  isNew: boolean;
}

const ORG_WORDS =
  'Organization|Organisation|Commission|Committee|Division|Bank|Office|Group|Forum|Partnership|Council|Programme|Program|Fund|Agency|Conference|Network|Institute|Secretariat|Union|Centre|Center|Ministry|Department|Coalition|Alliance|Association|Foundation|Federation|Observatory|Platform|Initiative|Board';
const CAP = "[\\p{Lu}][\\p{L}'’-]+";
/** "International Labour Organization", "Conference of European Statisticians", "Global Forum on Migration and Development". */
const ORG = new RegExp(`(?:${CAP}\\s+){0,5}(?:${ORG_WORDS})(?:\\s+(?:of|for|on|against)(?:\\s+the)?(?:\\s+(?:${CAP}|and|in)){1,6})?`, 'gu');
const PERSON = /\b(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s+((?:[\p{Lu}][\p{L}'’-]+\s+){0,2}[\p{Lu}][\p{L}'’-]+)/gu;
const GENERIC = new Set(['the', 'group', 'committee', 'commission', 'office', 'division', 'department', 'fund', 'bank', 'forum', 'council', 'conference', 'union', 'centre', 'center', 'board', 'platform', 'initiative', 'network']);

function fromKnown(a: KnownActor): FoundActor {
  return { id: a.id, kind: a.kind as FoundActor['kind'], name: a.name, ...(a.acronym ? { acronym: a.acronym } : {}), ...(a.surname ? { surname: a.surname } : {}), isNew: false };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordRe = (s: string, flags = 'i'): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${escape(s)}(?![\\p{L}\\p{N}])`, `u${flags}`);

/**
 * Finds who a sentence names: actors already in the directory (by acronym, name, alias or
 * "Mr./Ms. Surname"), acronyms from the report's abbreviations table, named organisations
 * ("… Commission", "… Organization of …") and people ("Ms. Henning").
 */
export class ActorFinder {
  private readonly known: Array<{ actor: KnownActor; patterns: RegExp[] }>;
  private readonly created = new Map<string, FoundActor>();

  constructor(
    known: KnownActor[],
    private readonly abbreviations: Map<string, string>,
  ) {
    this.known = known.map((actor) => ({
      actor,
      patterns: [
        ...(actor.acronym ? [wordRe(actor.acronym, '')] : []),
        wordRe(actor.name),
        ...actor.aliases.filter((a) => a.length >= 4).map((a) => wordRe(a)),
        ...(actor.surname ? [new RegExp(`\\b(?:Mr|Ms|Mrs|Dr|Prof)\\.?\\s+(?:[\\p{Lu}][\\p{L}'’-]+\\s+)?${escape(actor.surname)}\\b`, 'u')] : []),
      ],
    }));
  }

  /** Actors named at or after `preferAfter` come first (the subject of "X said that Y would …" is Y). */
  find(sentence: string, preferAfter = Infinity): FoundActor[] {
    const found = new Map<string, { actor: FoundActor; at: number }>();
    const add = (actor: FoundActor, at: number): void => {
      const prior = found.get(actor.id);
      if (!prior || at < prior.at) found.set(actor.id, { actor, at });
    };
    const covered: Array<[number, number]> = [];
    for (const { actor, patterns } of this.known) {
      for (const p of patterns) {
        const m = p.exec(sentence);
        if (m) {
          add(fromKnown(actor), m.index);
          covered.push([m.index, m.index + m[0].length]);
          break;
        }
      }
    }
    const isCovered = (s: number, e: number): boolean => covered.some(([a, b]) => s < b && e > a);
    for (const [acronym, expansion] of this.abbreviations) {
      const m = wordRe(acronym, '').exec(sentence);
      if (m && !isCovered(m.index, m.index + m[0].length)) {
        const known = this.known.find((k) => k.actor.acronym === acronym || k.actor.name.toLowerCase() === expansion.toLowerCase());
        add(known ? fromKnown(known.actor) : this.create('organisation', expansion, acronym), m.index);
        covered.push([m.index, m.index + m[0].length]);
      }
    }
    for (const m of sentence.matchAll(PERSON)) {
      if (isCovered(m.index, m.index + m[0].length)) continue;
      const name = m[1]!.trim();
      add(this.create('person', m[0].trim(), undefined, name.split(/\s+/).pop()), m.index);
      covered.push([m.index, m.index + m[0].length]);
    }
    for (const m of sentence.matchAll(ORG)) {
      const name = m[0].replace(/^(?:The|A|An|Its|Their|His|Her)\s+/, '').trim();
      if (name.split(/\s+/).length < 2 || GENERIC.has(name.toLowerCase()) || isCovered(m.index, m.index + m[0].length)) continue;
      const byName = this.known.find((k) => k.actor.name.toLowerCase() === name.toLowerCase());
      // "Tidal Data Group (TDG)": the name the abbreviations table expands is that acronym's actor.
      const acronym = [...this.abbreviations].find(([, expansion]) => expansion.toLowerCase() === name.toLowerCase())?.[0];
      add(byName ? fromKnown(byName.actor) : this.create('organisation', acronym ? this.abbreviations.get(acronym)! : name, acronym), m.index);
      covered.push([m.index, m.index + m[0].length]);
    }
    const rank = (at: number): number => (at >= preferAfter ? at - 1e6 : at);
    return [...found.values()].sort((a, b) => rank(a.at) - rank(b.at)).map((f) => f.actor);
  }

  /** A new actor, one per name across the whole report. */
  private create(kind: FoundActor['kind'], name: string, acronym?: string, surname?: string): FoundActor {
    const key = `${kind}:${(acronym ?? name).toLowerCase()}`;
    let actor = this.created.get(key);
    if (!actor) {
      const base = slugify(acronym ?? (surname ? `${name}` : name)).replace(/^(?:mr|ms|mrs|dr|prof)-/, '') || 'actor';
      actor = { id: base.slice(0, 60), kind, name, ...(acronym ? { acronym } : {}), ...(surname ? { surname } : {}), isNew: true };
      this.created.set(key, actor);
    }
    return actor;
  }
}
