import { lemmas, type Token } from './lemmas.js';
import { isFiller } from './tokens.js';

const key = (p: readonly string[]): string => p.join(' ');

/** How many more tokens than a term has its scattered words may spread over in a question. */
const SCATTER_SLACK = 3;

/** A term several words long (or one) that names something: an acronym, an expansion, a thesaurus term. */
export interface Entry {
  lemmas: string[];
  /** A thesaurus term as written there. */
  term?: string;
  /** The acronym's lemmas: the index holds the acronym beside every mention of either form. */
  acronym?: string[];
  concept?: string;
}

/**
 * The multi-word names a query is read with: acronyms and their expansions (data/reference.yaml)
 * and the thesaurus terms (data/thesaurus.yaml), found by their lemmas, longest first.
 */
export class PhraseBook {
  private readonly byFirst = new Map<string, Entry[]>();
  private readonly concepts = new Map<string, Array<{ term: string; lemmas: string[] }>>();
  /** One-word terms of one concept, each by the others ("overseas" ↔ "abroad"): a word of a scattered term may be typed as its kin. */
  private readonly kin = new Map<string, Set<string>>();
  /** Thesaurus terms of two content words or more, by each of their content lemmas (see `scattered`). */
  private readonly byContent = new Map<string, Array<{ entry: Entry; content: string[] }>>();

  /** Each concept's related and broader concepts, both ways. */
  private readonly links = new Map<string, Set<string>>();

  constructor(
    abbreviations: Array<{ acronym: string; expansion: string }>,
    thesaurus: Array<{ concept: string; term: string }>,
    links: Array<{ concept: string; other: string }> = [],
  ) {
    for (const { concept, other } of links) {
      for (const [a, b] of [[concept, other], [other, concept]] as const) this.links.set(a, (this.links.get(a) ?? new Set()).add(b));
    }
    for (const a of abbreviations) {
      const acronym = lemmas(a.acronym);
      for (const form of [acronym, lemmas(a.expansion)]) this.add({ lemmas: form, acronym });
    }
    for (const t of thesaurus) {
      const l = lemmas(t.term);
      const entry: Entry = { lemmas: l, concept: t.concept, term: t.term };
      this.add(entry);
      const content = [...new Set(l.filter((w) => !isFiller(w)))];
      if (content.length >= 2) for (const w of content) this.byContent.set(w, [...(this.byContent.get(w) ?? []), { entry, content }]);
      const list = this.concepts.get(t.concept) ?? [];
      list.push({ term: t.term, lemmas: l });
      this.concepts.set(t.concept, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.lemmas.length - a.lemmas.length);
    for (const terms of this.concepts.values()) {
      const words = [...new Set(terms.filter((t) => t.lemmas.length === 1 && !isFiller(t.lemmas[0]!)).map((t) => t.lemmas[0]!))];
      for (const w of words) for (const v of words) if (v !== w) this.kin.set(w, (this.kin.get(w) ?? new Set()).add(v));
    }
  }

  /** Every word of every name and term. */
  readonly words = new Set<string>();

  private add(e: Entry): void {
    if (e.lemmas.length === 0) return;
    for (const l of e.lemmas) this.words.add(l);
    const list = this.byFirst.get(e.lemmas[0]!) ?? [];
    list.push(e);
    this.byFirst.set(e.lemmas[0]!, list);
  }

  /** The longest names starting at token i (an acronym and a concept may share a form). */
  longestAt(toks: readonly Token[], i: number): Entry[] {
    const fits = (this.byFirst.get(toks[i]!.lemma) ?? []).filter((e) => e.lemmas.every((l, k) => toks[i + k]?.lemma === l));
    return fits.filter((e) => e.lemmas.length === fits[0]?.lemmas.length);
  }

  /**
   * Thesaurus terms whose content words all occur among the free tokens, in any order and
   * inflection, within a window a little longer than the term ("how much does it cost migrants to
   * get a job abroad" holds "cost of getting a job abroad"): the terms with most content words
   * first, each token used once. `free` marks the tokens no longer name has taken.
   */
  scattered(toks: readonly Token[], free: readonly boolean[]): Array<{ entries: Entry[]; at: number[] }> {
    const seen = new Set<Entry>();
    const found: Array<{ entry: Entry; at: number[] }> = [];
    toks.forEach((t, i) => {
      if (!free[i]) return;
      for (const c of [t.lemma, ...(this.kin.get(t.lemma) ?? [])].flatMap((l) => this.byContent.get(l) ?? [])) {
        if (seen.has(c.entry)) continue;
        seen.add(c.entry);
        const at = c.content.map((w) => toks.findIndex((u, j) => free[j] && (u.lemma === w || this.kin.get(u.lemma)?.has(w) === true)));
        if (at.some((j) => j < 0)) continue;
        if (Math.max(...at) - Math.min(...at) > c.entry.lemmas.length + SCATTER_SLACK) continue;
        found.push({ entry: c.entry, at: at.sort((a, b) => a - b) });
      }
    });
    // Terms may share words (each reading is an expansion beside the words typed); one concept's
    // terms on the same words are one reading.
    found.sort((a, b) => b.at.length - a.at.length || a.at[0]! - b.at[0]!);
    const out: Array<{ entries: Entry[]; at: number[] }> = [];
    for (const f of found) {
      const inner = out.find((o) => o.entries.some((e) => e.concept === f.entry.concept) && f.at.every((j) => o.at.includes(j)));
      if (inner) continue;
      const same = out.find((o) => o.at.join() === f.at.join());
      if (same) same.entries.push(f.entry);
      else out.push({ entries: [f.entry], at: f.at });
    }
    return out;
  }

  /** Whether the text is a term of the thesaurus (by its lemmas: "HLD Declaration", "remittances"). */
  isConceptTerm(text: string): boolean {
    const l = lemmas(text);
    return l.length > 0 && (this.byFirst.get(l[0]!) ?? []).some((e) => e.concept && key(e.lemmas) === key(l));
  }

  /** The one-word terms that share a concept with this one-word term ("overseas" → "abroad"). */
  kinOf(lemma: string): ReadonlySet<string> {
    return this.kin.get(lemma) ?? new Set();
  }

  /** The concepts linked to a concept (related or broader, either way). */
  linked(concept: string): ReadonlySet<string> {
    return this.links.get(concept) ?? new Set();
  }

  /** The terms of a concept. */
  termsOf(concept: string): Array<{ term: string; lemmas: string[] }> {
    return this.concepts.get(concept) ?? [];
  }
}
