import type { Alternative, Group } from './query.js';

/**
 * One alternative's bm25 (FTS5's, with the column weights; positive: higher is better) in the
 * documents that have it, or, for a common word, in its champion list: the documents where it
 * weighs most.
 */
export interface PhraseList {
  group: number;
  alt: Alternative;
  rows: Map<number, number>;
  /** Every document with the phrase is in `rows`. */
  complete: boolean;
}

/** A document's rank: coverage first, then bm25. */
export interface Ranked {
  seq: number;
  /** Σ over the groups it matches of the group's idf × the weight of the best alternative it has. */
  coverage: number;
  /** Σ of weight × bm25 over the alternatives it has. */
  bm25: number;
  /** Per group, the best alternative it has. */
  matched: Array<Alternative | undefined>;
}

export interface Ranking {
  top: Ranked[];
  /** How many documents rank (an estimate when not `exact`). */
  total: number;
  /** Every candidate was scored on every alternative (`exact`), the top was proven exact (`proven`), or not. */
  proof: 'exact' | 'proven' | 'none';
}

/** Exact bm25 of common single words in some documents: seq → lemma → score. */
export type Rescorer = (seqs: number[], words: string[]) => Map<number, Map<string, number>>;

/** The most candidates a query rescores exactly: the bound on its time. */
export const MAX_RESCORED = 500;
/** A result must cover at least this share of the top result's coverage. */
export const MIN_SHARE = 0.5;

type Bound = Pick<Ranked, 'seq' | 'coverage' | 'bm25'>;

/** Coverages this close are equal: the same idfs added up in another order differ in the last bits. */
const SAME = 1e-9;

/** Lexicographic: coverage, then bm25, then the newer document. */
export function better(a: Bound, b: Bound): number {
  const c = b.coverage - a.coverage;
  return (Math.abs(c) > SAME ? c : 0) || b.bm25 - a.bm25 || b.seq - a.seq;
}

function credit(r: Ranked, group: number, idf: number, alt: Alternative, score: number): void {
  const had = r.matched[group];
  if (!had || alt.weight > had.weight) {
    r.coverage += idf * (alt.weight - (had?.weight ?? 0));
    r.matched[group] = alt;
  }
  r.bm25 += alt.weight * score;
}

/** What the candidate is known to score from the lists that hold it, and which lists are still unknown for it. */
function known(seq: number, lists: PhraseList[], idf: number[]): { r: Ranked; missing: PhraseList[] } {
  const r: Ranked = { seq, coverage: 0, bm25: 0, matched: [] };
  const missing: PhraseList[] = [];
  for (const l of lists) {
    const s = l.rows.get(seq);
    if (s !== undefined) credit(r, l.group, idf[l.group]!, l.alt, s);
    else if (!l.complete) missing.push(l);
  }
  return { r, missing };
}

/** The most a document could still gain from lists it is not known to be in (each at most its weakest score). */
function bound(r: Ranked, missing: PhraseList[], idf: number[], floor: Map<PhraseList, number>): Bound {
  let coverage = r.coverage;
  let bm25 = r.bm25;
  const gained = missing.length > 1 ? r.matched.slice() : r.matched;
  for (const l of missing) {
    const had = gained[l.group]?.weight ?? 0;
    if (l.alt.weight > had) {
      coverage += idf[l.group]! * (l.alt.weight - had);
      if (missing.length > 1) gained[l.group] = l.alt;
    }
    bm25 += l.alt.weight * floor.get(l)!;
  }
  return { seq: r.seq, coverage, bm25 };
}

/**
 * Every candidate's upper bound (what it scores from the lists that hold it, plus at most the
 * weakest score of each partial list that does not), best first. Computed in flat arrays, with no
 * object per candidate but the bound itself: a query of common words has thousands of candidates,
 * of which only the first few hundred are ever rescored.
 */
function byBound(seqs: number[], lists: PhraseList[], idf: number[], floor: Map<PhraseList, number>, groups: number): Bound[] {
  const best = new Float64Array(groups);
  const out: Bound[] = new Array<Bound>(seqs.length);
  const floors = lists.map((l) => (l.complete ? undefined : floor.get(l)!));
  for (let i = 0; i < seqs.length; i++) {
    const seq = seqs[i]!;
    best.fill(0);
    let bm25 = 0;
    for (let j = 0; j < lists.length; j++) {
      const l = lists[j]!;
      const w = l.alt.weight;
      let s = l.rows.get(seq);
      if (s === undefined) {
        if (floors[j] === undefined) continue;
        s = floors[j]!;
      }
      bm25 += w * s;
      if (w > best[l.group]!) best[l.group] = w;
    }
    let coverage = 0;
    for (let g = 0; g < groups; g++) coverage += idf[g]! * best[g]!;
    out[i] = { seq, coverage, bm25 };
  }
  return out.sort(better);
}

/** A result covers enough of the query: at least MIN_SHARE of the best result's coverage. */
function enough(r: Ranked, best: Ranked | undefined): boolean {
  return best !== undefined && r.coverage > 0 && r.coverage >= MIN_SHARE * best.coverage - SAME;
}

/**
 * Ranks the documents of the lists: by coverage (rare words decide: a document with the query's
 * rarest word beats one with a common word, whatever the field), then by bm25 (where the words
 * are: actors and summaries weigh most). When common words come from champion lists, candidates
 * are rescored exactly in the order of their upper bounds until no bound can beat the k-th
 * (a threshold algorithm); a document in no list can gain at most the lists' weakest scores.
 */
export function rank(groups: Group[], idf: number[], lists: PhraseList[], limit: number, rescore: Rescorer): Ranking {
  const seqs = new Set<number>();
  for (const l of lists) for (const seq of l.rows.keys()) seqs.add(seq);
  const partial = lists.filter((l) => !l.complete);
  if (partial.length === 0) {
    const all = [...seqs].map((seq) => known(seq, lists, idf).r).sort(better);
    const passing = all.filter((r) => enough(r, all[0]));
    return { top: passing.slice(0, limit), total: passing.length, proof: 'exact' };
  }
  const floor = new Map(partial.map((l) => [l, Math.min(...l.rows.values())]));
  const candidates = byBound([...seqs], lists, idf, floor, groups.length);
  const top: Ranked[] = [];
  const kth = (): Ranked | undefined => (top.length >= limit ? top[limit - 1] : undefined);
  const beats = (ub: Bound): boolean => {
    const k = kth();
    return !k || better(ub, k) < 0;
  };
  let stopped = false;
  for (let i = 0; i < candidates.length && beats(candidates[i]!); ) {
    if (i >= MAX_RESCORED) {
      stopped = true;
      break;
    }
    const batch = candidates
      .slice(i, i + 32)
      .filter((ub) => beats(ub))
      .map((ub) => ({ ...known(ub.seq, lists, idf) }));
    i += 32;
    const words = [...new Set(batch.flatMap((c) => c.missing.map((l) => l.alt.phrase[0]!)))];
    const exact = words.length ? rescore(batch.filter((c) => c.missing.length).map((c) => c.r.seq), words) : new Map<number, Map<string, number>>();
    for (const c of batch) {
      for (const l of c.missing) {
        const s = exact.get(c.r.seq)?.get(l.alt.phrase[0]!);
        if (s) credit(c.r, l.group, idf[l.group]!, l.alt, s);
      }
      top.push(c.r);
    }
    top.sort(better);
    top.length = Math.min(top.length, limit);
  }
  // A document in no list: it can have at most every partial list's weakest score.
  const unseen = bound({ seq: Infinity, coverage: 0, bm25: 0, matched: [] }, partial, idf, floor);
  const proven = !stopped && top.length >= limit && better(top[limit - 1]!, unseen) < 0;
  const passing = top.filter((r) => enough(r, top[0]));
  const largest = Math.max(0, ...groups.map((g) => g.df));
  return { top: passing, total: Math.max(passing.length, largest), proof: proven ? 'proven' : 'none' };
}
