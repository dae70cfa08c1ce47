import type { ActorRef } from '../store/commitments-repo.js';
import { isFiller, editDistance, tokenize } from './tokens.js';
import { oneSpelling } from './variants.js';

function key(text: string): string {
  return tokenize(text.replace(/['’]s\b/g, '')).map(oneSpelling).join(' ');
}

/** Every name an actor goes by: its name, acronym, surname and aliases. */
export function actorNames(a: ActorRef): string[] {
  return [a.name, a.acronym ?? '', a.surname ?? '', ...a.aliases].filter(Boolean);
}

/** An entry of a report's list of abbreviations (`source: report`) or one the catalog added. */
export interface Abbreviation {
  acronym: string;
  expansion: string;
  source?: string;
}

/**
 * Words that say "someone from …" without naming anyone ("the Harvard guy", "the ICMC rep",
 * "the UNODC speaker"): set aside when an actor is looked for by description.
 */
const SOMEONE = new Set(['guy', 'guys', 'man', 'men', 'woman', 'women', 'lady', 'gentleman', 'person', 'people', 'folks', 'folk', 'fellow', 'chap', 'rep', 'reps', 'representative', 'representatives', 'delegate', 'delegates', 'delegation', 'speaker', 'speakers', 'presenter', 'panellist', 'panelist', 'official', 'officials', 'team', 'lot', 'one', 'ones', 'somebody', 'someone', 'from', 'of', 'at', 'for', 'on', 'and', 'the']);
/** The words of SOMEONE that are only joints ("from", "the"): alone they speak of no one. */
const STOP_SOMEONE = new Set(['from', 'of', 'at', 'for', 'on', 'and', 'the', 'one', 'ones', 'lot', 'team', 'people', 'official', 'officials']);
/** Words of many actors' names: alone they describe no one. */
const COMMON_NAME_WORDS = new Set(['united', 'nation', 'international', 'migration', 'development', 'global', 'commission', 'committee', 'group', 'organization', 'organisation', 'office', 'division', 'department', 'economic', 'social', 'affairs']);

/** A word reduced to what its plural and singular share ("commissions" → "commission", "turks" → "turk"). */
const singular = (w: string): string => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);

const HONORIFICS = /^(?:mr|ms|mrs|dr|h e|he|ambassador|professor|prof)\s+/;
const LEADING = /^(?:the|united nations|un)\s+/;

/**
 * Finds actors by what people call them: name, acronym (and its expansion), surname, aliases,
 * with or without "the", "United Nations", honorifics or a possessive. Organisations include
 * their people and sub-bodies (World Bank → KNOMAD and Mr. Ratha).
 */
export class ActorDirectory {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byId: Map<string, ActorRef>;
  /** Abbreviations that are no actor's (IOM, GMG, EU), by acronym and by expansion. */
  private readonly abbreviations = new Map<string, Abbreviation>();

  constructor(actors: ActorRef[], abbreviations: Abbreviation[] = []) {
    this.byId = new Map(actors.map((a) => [a.id, a]));
    const expansions = new Map(abbreviations.map((a) => [a.acronym, a.expansion]));
    const actorAcronyms = new Set(actors.map((a) => a.acronym));
    for (const a of abbreviations) {
      if (actorAcronyms.has(a.acronym)) continue;
      for (const k of [key(a.acronym), key(a.expansion), key(a.expansion).replace(LEADING, '')]) this.abbreviations.set(k, a);
    }
    for (const a of actors) {
      const names = [a.name, a.acronym, a.surname, ...a.aliases, a.acronym ? expansions.get(a.acronym) : undefined];
      for (const n of names) {
        if (!n) continue;
        const k = key(n);
        for (const variant of [k, k.replace(HONORIFICS, ''), k.replace(LEADING, '')]) this.add(variant, a.id);
      }
    }
  }

  private add(k: string, id: string): void {
    if (k.length < 2) return;
    const set = this.byKey.get(k) ?? new Set<string>();
    set.add(id);
    this.byKey.set(k, set);
  }

  get(id: string): ActorRef | undefined {
    return this.byId.get(id);
  }

  /** The actors the whole text names, or [] ("KNOMAD", "the World Bank", "Mr. Ratha", "Turkey's"). */
  resolve(text: string): ActorRef[] {
    let k = key(text);
    for (let i = 0; i < 3; i++) {
      const ids = this.byKey.get(k);
      if (ids) return [...ids].map((id) => this.byId.get(id)!);
      k = k.replace(HONORIFICS, '').replace(LEADING, '');
    }
    return [];
  }

  /**
   * The actors whose name the whole text misspells ("Dilip Rata", "Sutherlnad"): one or two
   * letters off a name of five or more (two for nine or more), when one name is closest.
   */
  closest(text: string): ActorRef[] {
    const k = key(text).replace(HONORIFICS, '').replace(LEADING, '');
    if (k.length < 5) return [];
    const max = k.length >= 9 ? 2 : 1;
    let best: { d: number; ids: Set<string> } | undefined;
    let tie = false;
    for (const [name, ids] of this.byKey) {
      if (name.length < 5) continue;
      const d = editDistance(k, name, max);
      if (d > max || d === 0) continue;
      if (!best || d < best.d) [best, tie] = [{ d, ids }, false];
      else if (d === best.d && ![...ids].every((id) => best!.ids.has(id))) tie = true;
    }
    return best && !tie ? [...best.ids].map((id) => this.byId.get(id)!) : [];
  }

  /**
   * The abbreviation the whole text names (by acronym or expansion, with or without "the"),
   * when it is no actor's: the report names it without recording anything it said or did.
   */
  abbreviation(text: string): Abbreviation | undefined {
    const k = key(text);
    return this.abbreviations.get(k) ?? this.abbreviations.get(k.replace(LEADING, ''));
  }

  /**
   * The actors a description names, when no name is typed whole: every informative word of the
   * text is a word of one actor's names (in any order, some left out: "catholic migration
   * commission" is the International Catholic Migration Commission, "the un drugs and crime
   * office" UNODC), else of its role and its organisations' names ("the harvard guy": the
   * professor at Harvard University). At least one of the words must be more than a word of
   * many names ("migration", "commission"). The closest tier decides; an organisation found with
   * its own people stands for them; more than one unrelated actor is no answer.
   */
  described(text: string): ActorRef[] {
    // "UN" is "United Nations", which the names spell out: it tells no one apart.
    const words = [...new Set(key(text).split(' ').filter((w) => w && w !== 'un' && !SOMEONE.has(w) && !isFiller(w)).map(singular))];
    if (words.length === 0 || words.length > 6 || words.every((w) => COMMON_NAME_WORDS.has(w))) return [];
    const wordsOf = (...texts: Array<string | undefined>): Set<string> => new Set(texts.flatMap((t) => (t ? key(t).split(' ').map(singular) : [])));
    const own = (a: ActorRef): Set<string> => wordsOf(a.name, a.acronym, a.surname, ...a.aliases);
    const wider = (a: ActorRef): Set<string> => {
      const out = own(a);
      for (const w of wordsOf(a.role)) out.add(w);
      const seen = new Set<string>();
      for (let p = a.organisationId; p && !seen.has(p); p = this.byId.get(p)?.organisationId) {
        seen.add(p);
        const o = this.byId.get(p);
        if (o) for (const w of own(o)) out.add(w);
      }
      return out;
    };
    for (const tier of [own, wider]) {
      const found = [...this.byId.values()].filter((a) => {
        const has = tier(a);
        return words.every((w) => has.has(w));
      });
      if (found.length === 0) continue;
      // An organisation and its people or sub-bodies: the organisation (its lookup includes them).
      const ids = new Set(found.map((a) => a.id));
      const tops = found.filter((a) => {
        const seen = new Set<string>();
        for (let p = a.organisationId; p && !seen.has(p); p = this.byId.get(p)?.organisationId) {
          seen.add(p);
          if (ids.has(p)) return false;
        }
        return true;
      });
      return tops.length === 1 ? tops : [];
    }
    return [];
  }

  /** Whether the text speaks of someone without naming them ("the harvard guy", "the icmc rep"). */
  speaksOfSomeone(text: string): boolean {
    return key(text).split(' ').some((w) => SOMEONE.has(w) && !STOP_SOMEONE.has(w));
  }

  /** Actors named anywhere inside the text, longest names first, without overlaps. */
  mentioned(text: string): ActorRef[] {
    const tokens = key(text).split(' ');
    const found = new Set<string>();
    for (let i = 0; i < tokens.length; ) {
      let step = 1;
      for (let len = Math.min(10, tokens.length - i); len >= 1; len--) {
        const ids = this.byKey.get(tokens.slice(i, i + len).join(' '));
        if (ids) {
          for (const id of ids) found.add(id);
          step = len;
          break;
        }
      }
      i += step;
    }
    return [...found].map((id) => this.byId.get(id)!);
  }

  /** The actors and everyone whose organisation chain leads to one of them. */
  withMembers(ids: string[]): string[] {
    const wanted = new Set(ids);
    const out = new Set(ids);
    for (const a of this.byId.values()) {
      const seen = new Set<string>();
      for (let p = a.organisationId; p && !seen.has(p); p = this.byId.get(p)?.organisationId) {
        seen.add(p);
        if (wanted.has(p)) out.add(a.id);
      }
    }
    return [...out];
  }

  displayName(a: ActorRef): string {
    if (a.kind === 'person') return a.role ? `${a.name} (${a.role})` : a.name;
    return a.acronym && !a.acronym.includes(' ') ? `${a.name} (${a.acronym})` : a.name;
  }
}
