import { isEnglishWord } from '../core/english.js';
import { isEveryday } from '../core/word-frequency.js';
import { isVerbForm, lemmas, tokens, type Token } from './lemmas.js';
import { isFiller } from './tokens.js';
import { derivations, spellings } from './variants.js';

/** How much a thesaurus expansion weighs beside the words typed. */
export const EXPANSION_WEIGHT = 0.5;

/** One way a group can match: lemmas that must occur together. */
export interface Alternative {
  phrase: string[];
  /** 1 for what was typed (or its acronym), EXPANSION_WEIGHT for a thesaurus expansion. */
  weight: number;
  /** For an expansion: the thesaurus term, as written there. */
  term?: string;
}

/** One thing the user asked about: a word, an acronym or its expansion, a thesaurus term. */
export interface Group {
  /** What the user typed for it. */
  source: string;
  alternatives: Alternative[];
  /** How many documents match one of the alternatives (an upper bound). */
  df: number;
}

export interface AnalysedQuery {
  groups: Group[];
  corrections: Array<{ from: string; to: string }>;
  /** Words that occur nowhere and could not be corrected, as typed. */
  unknown: string[];
  /**
   * Words that occur nowhere but are everyday English ("big idea", "message"): they do not make
   * the report "say nothing" when the rest of the question names something specific.
   */
  everyday: string[];
  /** The informative words of the query as typed, in order, without fillers ("climate finance"). */
  topic: string;
}

/** A term several words long (or one) that names something: an acronym, an expansion, a thesaurus term. */
interface Entry {
  lemmas: string[];
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

  constructor(abbreviations: Array<{ acronym: string; expansion: string }>, thesaurus: Array<{ concept: string; term: string }>) {
    for (const a of abbreviations) {
      const acronym = lemmas(a.acronym);
      for (const form of [acronym, lemmas(a.expansion)]) this.add({ lemmas: form, acronym });
    }
    for (const t of thesaurus) {
      const l = lemmas(t.term);
      this.add({ lemmas: l, concept: t.concept });
      const list = this.concepts.get(t.concept) ?? [];
      list.push({ term: t.term, lemmas: l });
      this.concepts.set(t.concept, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.lemmas.length - a.lemmas.length);
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

  /** The terms of a concept. */
  termsOf(concept: string): Array<{ term: string; lemmas: string[] }> {
    return this.concepts.get(concept) ?? [];
  }
}

/** What query analysis needs from the index. */
export interface Vocabulary {
  phrases: PhraseBook;
  /** Documents holding the phrase (exact for one word, an upper bound or exact for several). */
  phraseDf(phrase: string[]): number;
  /**
   * Whether a phrase of several words is too common to match exactly on a catalog this size
   * (each of its words in thousands of items): then typed words are read one by one, and an
   * expansion is left out.
   */
  tooCommon(phrase: string[]): boolean;
  /** The closest indexed word, for a word that is neither indexed nor English. */
  correct(word: string): string | undefined;
  /** How many documents the index holds (0 when unknown): a word in a large share of them is generic. */
  documents?: number;
}

/** A word in more than this share of the documents says too little to stand for a concept. */
const GENERIC_SHARE = 0.15;

/**
 * For a word of a thesaurus term that occurs nowhere ("kids" in "migrant kids"): the word in the
 * same place of the concept's parallel terms — the same words but that one ("migrant children") —
 * when the index holds it and it is not generic. An expansion, never the word typed.
 */
function parallelWords(entries: Entry[], span: readonly string[], k: number, vocab: Vocabulary): Alternative[] {
  const limit = (vocab.documents ?? 0) * GENERIC_SHARE;
  const out = new Map<string, Alternative>();
  for (const e of entries) {
    if (!e.concept) continue;
    for (const t of vocab.phrases.termsOf(e.concept)) {
      if (t.lemmas.length !== span.length || !t.lemmas.every((l, j) => j === k || l === span[j])) continue;
      const l = t.lemmas[k]!;
      if (l === span[k] || out.has(l) || isFiller(l)) continue;
      const df = vocab.phraseDf([l]);
      if (df > 0 && (limit === 0 || df <= limit)) out.set(l, { phrase: [l], weight: EXPANSION_WEIGHT, term: t.term });
    }
  }
  return [...out.values()];
}

const key = (p: string[]): string => p.join(' ');

/** The ways a name can match: its acronym or the words typed, then the other terms of its concept. */
function alternativesFor(entries: Entry[], typed: string[], vocab: Vocabulary): Alternative[] | undefined {
  const acronym = entries.find((e) => e.acronym)?.acronym;
  if (!acronym && vocab.tooCommon(typed)) return undefined;
  const alts: Alternative[] = [{ phrase: acronym ?? typed, weight: 1 }];
  const seen = new Set([key(typed), key(alts[0]!.phrase)]);
  for (const e of entries) {
    if (!e.concept) continue;
    for (const t of vocab.phrases.termsOf(e.concept)) {
      if (seen.has(key(t.lemmas)) || vocab.tooCommon(t.lemmas)) continue;
      seen.add(key(t.lemmas));
      alts.push({ phrase: t.lemmas, weight: EXPANSION_WEIGHT, term: t.term });
    }
  }
  return alts;
}

/** "the report", "this meeting": what every question is about, so they tell nothing. */
const ABOUT_THE_REPORT = /\b(?:the|this|that|its|their) (?:report|meeting|document)\b/giu;

/** A word typed in capitals (UNICEF, WHO) names something: it is never "corrected" to a word. */
function typedAsAcronym(text: string, t: Token): boolean {
  return /^\p{Lu}[\p{Lu}\d]+s?$/u.test(text.slice(t.start, t.end));
}

/**
 * A word spelt the other way from the report and its names ("centre", "organised", "labor"):
 * read as the report's spelling, so names and phrases match too. Only a word neither the index
 * nor the names hold is respelt, and only to a spelling one of them holds.
 */
function respelt(t: Token, text: string, vocab: Vocabulary): Token {
  if (vocab.phraseDf([t.lemma]) > 0 || typedAsAcronym(text, t)) return t;
  const variants = spellings(t.word).map((w) => ({ ...t, word: w, lemma: lemmas(w)[0] ?? w }));
  return (
    variants.find((v) => vocab.phraseDf([v.lemma]) > 0) ??
    (vocab.phrases.words.has(t.lemma) ? t : variants.find((v) => vocab.phrases.words.has(v.lemma))) ??
    t
  );
}

/**
 * Reads a query: its names (acronyms, expansions, thesaurus terms, longest first), then its other
 * informative words; fillers and stopwords are dropped ("what is KNOMAD doing" → KNOMAD). A word
 * the index does not hold is corrected only when it is not an English word either ("recruitmant"
 * → recruitment; "pensions", "climate" stay as typed); otherwise it is unknown.
 */
export function analyseQuery(text: string, vocab: Vocabulary, maxTokens = 32): AnalysedQuery {
  const toks = tokens(text.replace(ABOUT_THE_REPORT, (m) => ' '.repeat(m.length)))
    .slice(0, maxTokens)
    .map((t) => respelt(t, text, vocab));
  const groups: Group[] = [];
  const corrections: AnalysedQuery['corrections'] = [];
  const unknown: string[] = [];
  const everyday: string[] = [];
  const topic: string[] = [];
  const word = (t: Token, concept?: { entries: Entry[]; span: string[]; k: number }): void => {
    if (isFiller(t.word, t.lemma)) return;
    topic.push(text.slice(t.start, t.end));
    const g: Group = { source: t.word, alternatives: [{ phrase: [t.lemma], weight: 1 }], df: vocab.phraseDf([t.lemma]) };
    if (g.df === 0) {
      const to = typedAsAcronym(text, t) ? undefined : vocab.correct(t.word);
      // A word of the same family ("disaggregated" → disaggregation), read as an expansion.
      const kin = to || typedAsAcronym(text, t) ? [] : derivations(t.word).filter((w) => vocab.phraseDf([lemmas(w)[0] ?? w]) > 0);
      if (kin.length) {
        g.alternatives = kin.map((w) => ({ phrase: [lemmas(w)[0] ?? w], weight: EXPANSION_WEIGHT, term: w }));
        g.df = g.alternatives.reduce((n, a) => n + vocab.phraseDf(a.phrase), 0);
        return void groups.push(g);
      }
      const inConcept = concept && !to ? parallelWords(concept.entries, concept.span, concept.k, vocab) : [];
      if (inConcept.length) {
        g.alternatives = inConcept;
        g.df = inConcept.reduce((n, a) => n + vocab.phraseDf(a.phrase), 0);
        return void groups.push(g);
      }
      // A verb the report does not use ("who organised …", "who ran …") says what was done, not about what.
      if (!to && isVerbForm(t.word)) return void topic.pop();
      if (!to && isEveryday(t.word)) {
        topic.pop();
        return void everyday.push(text.slice(t.start, t.end));
      }
      if (!to) return void unknown.push(text.slice(t.start, t.end));
      corrections.push({ from: t.word, to });
      g.alternatives = [{ phrase: [lemmas(to)[0] ?? to], weight: 1 }];
      g.df = vocab.phraseDf(g.alternatives[0]!.phrase);
    }
    groups.push(g);
  };
  for (let i = 0; i < toks.length; ) {
    const entries = vocab.phrases.longestAt(toks, i);
    const len = entries[0]?.lemmas.length ?? 0;
    const span = toks.slice(i, i + len);
    if (len > 0 && (len > 1 || !isFiller(span[0]!.word, span[0]!.lemma))) {
      const alternatives = alternativesFor(entries, span.map((t) => t.lemma), vocab);
      if (alternatives) {
        const typed = text.slice(span[0]!.start, span[len - 1]!.end);
        const df = alternatives.reduce((n, a) => n + vocab.phraseDf(a.phrase), 0);
        // A name that occurs nowhere, even through its expansions, is unknown as a whole: its
        // words apart mean something else ("Global Migration Group" is not "global" + "group").
        // A thesaurus concept that occurs nowhere as a phrase ("safer migration") is read word by word.
        const concept = entries.every((e) => e.concept && !e.acronym);
        if (df > 0 || !concept) {
          topic.push(typed);
          if (df > 0) groups.push({ source: span.map((t) => t.word).join(' '), alternatives, df });
          else unknown.push(typed);
          i += len;
          continue;
        }
        // Read word by word; a word that occurs nowhere may stand for the concept's other words.
        const lemmasTyped = span.map((t) => t.lemma);
        span.forEach((t, k) => word(t, { entries, span: lemmasTyped, k }));
        i += len;
        continue;
      }
    }
    word(toks[i++]!);
  }
  return { groups, corrections, unknown, everyday, topic: topic.join(' ') };
}

/** Whether a word may be corrected: not indexed, not English, long enough to guess from, not a number. */
export function correctable(word: string, indexed: (w: string) => boolean): boolean {
  return word.length >= 4 && !/^\d+$/.test(word) && !indexed(word) && !isEnglishWord(word);
}
