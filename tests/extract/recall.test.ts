import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/extract.js';
import { catalog, DATA_DIR } from '../helpers.js';

const norm = (s: string): string => s.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

/** Two quotes overlap when they share a run of at least 30 characters (or one holds the other). */
export function overlaps(a: string, b: string): boolean {
  const [x, y] = [norm(a), norm(b)];
  if (x.includes(y) || y.includes(x)) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  for (let i = 0; i + 30 <= short.length; i += 5) if (long.includes(short.slice(i, i + 30))) return true;
  return false;
}

describe('extraction on the shipped report, against the curated catalog', () => {
  it('finds at least 80% of the curated items (matched by overlapping quotes) and reports recall and precision', () => {
    const c = catalog();
    const text = readFileSync(path.join(DATA_DIR, 'report', 'twelfth-coordination-meeting-2014.txt'), 'utf8');
    const result = extract(text, { id: 'cm12-x', name: 'Twelfth Coordination Meeting', shortName: '12th meeting', date: '2014-02-20' }, {
      known: c.actors.map((a) => ({ id: a.id, kind: a.kind, name: a.name, acronym: a.acronym ?? null, surname: a.surname ?? null, aliases: a.aliases })),
      abbreviations: new Map(),
      tracks: c.tracks,
    });
    // The extractor proposes things to follow up. Views and findings (what was said or found) are
    // catalogued as context: they count for precision (a candidate matching one is no noise), not recall.
    const toFollow = c.commitments.filter((item) => item.kind !== 'view' && item.kind !== 'finding');
    const found = toFollow.filter((item) => result.candidates.some((cand) => overlaps(cand.quote, item.quote)));
    const useful = result.candidates.filter((cand) => c.commitments.some((item) => overlaps(cand.quote, item.quote)));
    const recall = found.length / toFollow.length;
    const precision = useful.length / result.candidates.length;
    console.log(
      `extraction on the shipped report: recall ${(recall * 100).toFixed(0)}% (${found.length}/${toFollow.length} curated items to follow up), precision ${(precision * 100).toFixed(0)}% (${useful.length}/${result.candidates.length} candidates)`,
    );
    const missed = toFollow.filter((item) => !found.includes(item)).map((i) => `${i.id}: ${i.quote.slice(0, 80)}`);
    expect(recall, `missed:\n${missed.join('\n')}`).toBeGreaterThanOrEqual(0.8);
  });
});
