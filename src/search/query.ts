import { isEnglishWord } from '../core/english.js';
import { isEveryday } from '../core/word-frequency.js';
import { isVerbForm, lemmas, tokens, type Token } from './lemmas.js';
import { isFiller, slipOfFiller } from './tokens.js';
import { derivations, spellings } from './variants.js';
import type { Entry, PhraseBook } from './phrase-book.js';

/** How much a thesaurus expansion weighs beside the words typed. */
export const EXPANSION_WEIGHT = 0.5;
/** How much a linked concept's term weighs, for a concept of the question that occurs nowhere. */
export const RELATED_WEIGHT = 0.25;
/** thesaurus_terms.preferred of a row that links its concept to another (whose id is the term). */
export const THESAURUS_LINK = 2;

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
  // A term made only of words typed ("labour mobility organization" for "international org for
  // labour mobility") is the user's own words in another order: it weighs as typed.
  const own = new Set(typed.filter((l) => !isFiller(l)));
  for (const e of entries) {
    if (!e.concept) continue;
    for (const t of vocab.phrases.termsOf(e.concept)) {
      if (seen.has(key(t.lemmas)) || vocab.tooCommon(t.lemmas)) continue;
      seen.add(key(t.lemmas));
      const content = t.lemmas.filter((l) => !isFiller(l));
      const mine = !acronym && content.length >= 2 && content.every((l) => own.has(l));
      alts.push({ phrase: t.lemmas, weight: mine ? 1 : EXPANSION_WEIGHT, term: t.term });
    }
  }
  return alts;
}

/** A concept term's own spelling, from its lemmas (for saying which term matched). */
function termOf(entries: Entry[], phrase: string[]): string | undefined {
  return entries.find((e) => key(e.lemmas) === key(phrase))?.term;
}

/** "the report", "this meeting": what every question is about, so they tell nothing. */
const ABOUT_THE_REPORT = /\b(?:the|this|that|its|their) (?:report|meeting|document)\b/giu;

/**
 * The text without "the report", "this meeting" — except where they are part of a thesaurus term
 * that reaches outside them ("the goals of the meeting": the meeting's objectives).
 */
function withoutTheReport(text: string, phrases: PhraseBook): string {
  const all = tokens(text);
  // Terms whose words are scattered ("the meeting's main goals": goals of the meeting) count too.
  let spread: Array<{ at: number[] }> | undefined;
  return text.replace(ABOUT_THE_REPORT, (m, at: number) => {
    const inside = (t: Token): boolean => t.start >= at && t.end <= at + m.length;
    for (let i = 0; i < all.length; i++) {
      const len = phrases.longestAt(all, i)[0]?.lemmas.length ?? 0;
      const span = all.slice(i, i + len);
      if (len > 1 && span.some(inside) && !span.every(inside)) return m;
    }
    spread ??= phrases.scattered(all, all.map((t) => !isFiller(t.word, t.lemma)));
    if (spread.some((s) => s.at.some((j) => inside(all[j]!)) && !s.at.every((j) => inside(all[j]!)))) return m;
    return ' '.repeat(m.length);
  });
}

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
  const toks = tokens(withoutTheReport(text, vocab.phrases))
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
      // One word for two the report writes apart ("southeast" for "South-East", "workplan").
      const parts = typedAsAcronym(text, t) ? undefined : splitCompound(t.word, vocab);
      if (parts) {
        g.alternatives = [{ phrase: parts, weight: 1 }];
        g.df = vocab.phraseDf(parts);
        return void groups.push(g);
      }
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
      // A slip of a question word ("wat did unodc sya …") asks nothing.
      if (!to && slipOfFiller(t.word)) return void topic.pop();
      if (!to) return void unknown.push(text.slice(t.start, t.end));
      corrections.push({ from: t.word, to });
      g.alternatives = [{ phrase: [lemmas(to)[0] ?? to], weight: 1 }];
      g.df = vocab.phraseDf(g.alternatives[0]!.phrase);
    }
    groups.push(g);
  };
  // The names at each token, as typed (longest first); what they leave free may still hold a
  // thesaurus term whose words are scattered ("cost migrants to get a job abroad").
  const at = (i: number): { entries: Entry[]; span: Token[]; alternatives: Alternative[] } | undefined => {
    const entries = vocab.phrases.longestAt(toks, i);
    const len = entries[0]?.lemmas.length ?? 0;
    const span = toks.slice(i, i + len);
    if (len === 0 || (len === 1 && isFiller(span[0]!.word, span[0]!.lemma))) return undefined;
    const alternatives = alternativesFor(entries, span.map((t) => t.lemma), vocab);
    return alternatives && { entries, span, alternatives };
  };
  // The names as typed, and the concepts the question names that occur somewhere.
  const spanAt = new Map<number, number>();
  const named = new Set<string>();
  /** The concepts a term of several words typed as one names ("paying agents"), not scattered words. */
  const typedAsName = new Set<string>();
  const dfOf = (alts: Alternative[]): number => alts.reduce((n, a) => n + vocab.phraseDf(a.phrase), 0);
  for (let i = 0; i < toks.length; ) {
    const n = at(i);
    const len = n && n.span.length > 1 ? n.span.length : 1;
    if (n && len > 1) for (let k = i; k < i + len; k++) spanAt.set(k, i);
    if (n && dfOf(n.alternatives) > 0) for (const e of n.entries) if (e.concept) named.add(e.concept);
    if (n && len > 1 && dfOf(n.alternatives) > 0) for (const e of n.entries) if (e.concept) typedAsName.add(e.concept);
    i += len;
  }
  const free = toks.map((t) => !isFiller(t.word, t.lemma));
  const found = vocab.phrases
    .scattered(toks, free)
    // Not a reading of a name typed as one ("countries in crisis" within "migrants in countries in
    // crisis"), unless it also takes a word that occurs nowhere ("public opinion … immigration").
    .filter((s) => {
      const sameConcept = (j: number): boolean => spanAt.has(j) && vocab.phrases.longestAt(toks, spanAt.get(j)!).some((e) => s.entries.some((f) => f.concept === e.concept));
      return !s.at.some(sameConcept) || s.at.some((j) => !sameConcept(j) && vocab.phraseDf([toks[j]!.lemma]) === 0);
    })
    .map((s) => {
      const alternatives = alternativesFor(s.entries, s.entries[0]!.lemmas, vocab)?.map((a) => ({ ...a, weight: EXPANSION_WEIGHT, term: a.term ?? termOf(s.entries, a.phrase) }));
      const df = alternatives ? dfOf(alternatives) : 0;
      if (df > 0) for (const e of s.entries) named.add(e.concept!);
      return { ...s, alternatives, df };
    });
  // A concept of the question that occurs nowhere ("countries in crisis") stands for the concepts
  // linked to it (related, broader) that the question names too ("migrants stuck": stranded
  // migrants): their terms, weighing RELATED_WEIGHT. Never a link the question does not name, so
  // a concept the report lacks ("brain drain") still finds nothing.
  const throughLinks = (entries: Entry[], source: string): Group | undefined => {
    const own = new Set(entries.map((e) => e.concept));
    const alternatives: Alternative[] = [];
    for (const e of entries) {
      for (const other of e.concept ? vocab.phrases.linked(e.concept) : []) {
        if (own.has(other) || !named.has(other)) continue;
        for (const t of vocab.phrases.termsOf(other)) {
          if (vocab.phraseDf(t.lemmas) > 0 && !vocab.tooCommon(t.lemmas)) alternatives.push({ phrase: t.lemmas, weight: RELATED_WEIGHT, term: t.term });
        }
      }
    }
    return alternatives.length ? { source, alternatives, df: dfOf(alternatives) } : undefined;
  };
  // A scattered term is an expansion beside the words typed (each still its own group), and it
  // takes only the words that occur nowhere ("job", "abroad"), which the term now stands for.
  const scattered = new Map<number, Group>();
  const taken = new Set<number>();
  for (const s of found) {
    const source = s.at.map((j) => toks[j]!.word).join(' ');
    const g = s.alternatives && s.df > 0 ? { source, alternatives: s.alternatives, df: s.df } : throughLinks(s.entries, source);
    if (!g) continue;
    scattered.set(s.at[0]!, g);
    for (const j of s.at) if (vocab.phraseDf([toks[j]!.lemma]) === 0) taken.add(j);
  }
  for (let i = 0; i < toks.length; ) {
    const bag = scattered.get(i);
    if (bag) groups.push(bag);
    // A word a scattered term took is read as that term, unless it starts a name of its own
    // ("paying agents" inside "paying agents to get a job", which "paid to get a job" also reads).
    const n = at(i);
    if (taken.has(i) && !(n && n.span.length > 1 && dfOf(n.alternatives) > 0)) {
      topic.push(text.slice(toks[i]!.start, toks[i]!.end));
      i++;
      continue;
    }
    if (n) {
      const { entries, span, alternatives } = n;
      const len = span.length;
      const typed = text.slice(span[0]!.start, span[len - 1]!.end);
      const df = dfOf(alternatives);
      // A name that occurs nowhere, even through its expansions, is unknown as a whole: its
      // words apart mean something else ("Global Migration Group" is not "global" + "group").
      // A thesaurus concept that occurs nowhere as a phrase ("safer migration") is read through
      // the linked concepts the question names, else word by word.
      const concept = entries.every((e) => e.concept && !e.acronym);
      const linked = df === 0 && concept ? throughLinks(entries, span.map((t) => t.word).join(' ')) : undefined;
      if (df > 0 || !concept || linked) {
        topic.push(typed);
        if (df > 0) groups.push({ source: span.map((t) => t.word).join(' '), alternatives, df });
        else if (linked) groups.push(linked);
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
    word(toks[i++]!);
  }
  // A word the report lacks that the thesaurus writes into a concept the question names with a
  // term of several words ("a job abroad" after "pay to get a job": "cost of getting a job abroad"
  // is a term of recruitment costs) is how that concept is put: it does not make the report "say
  // nothing". Never for a concept read from scattered words only, nor for a name of several words.
  const absorbed = (u: string): boolean => {
    const ls = lemmas(u);
    if (ls.length !== 1) return false;
    // The word or a one-word synonym of it ("overseas" for "abroad").
    const forms = [ls[0]!, ...vocab.phrases.kinOf(ls[0]!)];
    return [...typedAsName].some((c) => vocab.phrases.termsOf(c).some((t) => t.lemmas.length > 1 && forms.some((f) => t.lemmas.includes(f))));
  };
  const kept = unknown.filter((u) => !absorbed(u));
  return { groups, corrections, unknown: groups.length ? kept : unknown, everyday, topic: topic.join(' ') };
}

/** The shortest part of a compound word split apart: "southeast" → "south east", never "a" + "broad". */
const COMPOUND_PART = 3;

/**
 * A word the index lacks that is two words it holds side by side ("southeast" → "south east",
 * "workplan" → "work plan"): their lemmas, for the first split (longest first part) whose phrase
 * occurs; else undefined.
 */
export function splitCompound(word: string, vocab: Pick<Vocabulary, 'phraseDf' | 'tooCommon'>): string[] | undefined {
  if (word.length < 2 * COMPOUND_PART || /\d/.test(word)) return undefined;
  for (let i = word.length - COMPOUND_PART; i >= COMPOUND_PART; i--) {
    const parts = [lemmas(word.slice(0, i))[0], lemmas(word.slice(i))[0]];
    if (!parts[0] || !parts[1] || isFiller(parts[0]) || isFiller(parts[1])) continue;
    const phrase = parts as string[];
    if (vocab.phraseDf([phrase[0]!]) === 0 || vocab.phraseDf([phrase[1]!]) === 0 || vocab.tooCommon(phrase)) continue;
    if (vocab.phraseDf(phrase) > 0) return phrase;
  }
  return undefined;
}

/** Whether a word may be corrected: not indexed, not English, long enough to guess from, not a number. */
export function correctable(word: string, indexed: (w: string) => boolean): boolean {
  return word.length >= 4 && !/^\d+$/.test(word) && !indexed(word) && !isEnglishWord(word);
}
