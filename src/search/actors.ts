import type { ActorRef } from '../store/commitments-repo.js';
import { editDistance, tokenize } from './tokens.js';
import { oneSpelling } from './variants.js';

function key(text: string): string {
  return tokenize(text.replace(/['’]s\b/g, '')).map(oneSpelling).join(' ');
}

/** An entry of a report's list of abbreviations (`source: report`) or one the catalog added. */
export interface Abbreviation {
  acronym: string;
  expansion: string;
  source?: string;
}

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
