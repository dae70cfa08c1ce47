import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { containsGlyphNoise, isNoiseToken, splitGlyphNoise } from '../../src/catalog/glyph-noise.js';
import { parseReport } from '../../src/catalog/report.js';
import { DATA_DIR } from '../helpers.js';

const source = readFileSync(path.join(DATA_DIR, 'report/twelfth-coordination-meeting-2014.txt'), 'utf8');

describe('glyph noise', () => {
  it('recognises the PDF operator runs in the report', () => {
    for (const t of ['possmt1.9()10.40.9(e)9.2(a)', 'n-1.6(r)-464.6(he', '91c)9.2(1)ndi)6.20(1)ab(6)nt(6)rk)gh4.6A9(1)9(5)gld.3(sa)oe)2k2(0)hl(1)9)P(1)1e)1,6(ks)2.3)su7(s)1)9(5)1)0(9)EwifHtu[(atn)'])
      expect(isNoiseToken(t), t).toBe(true);
  });

  it('leaves words, numbers and UN document symbols alone', () => {
    for (const t of ['(A/RES/68/4)', '(A/68/190).', 'ESA/P/WP.237', 'ESA/P/WP/237', '(MDGs).', 'UN/DESA,', '2013', '76', 'G20.', 'post-2015', '“stranded', 'migrants”.', "Turkey's", 'H.E.', 'Åkerman-Börje,'])
      expect(isNoiseToken(t), t).toBe(false);
  });

  it('cuts a paragraph at its first noise token', () => {
    const s = splitGlyphNoise('to include migration in the possmt1.9()10.40.9(e)9.2(a) n-1.6(r)-464.6(he');
    expect(s.clean).toBe('to include migration in the');
    expect(s.noise.startsWith('possmt1.9')).toBe(true);
  });

  it('no paragraph the loader produces contains noise, and the noise-only block is dropped', () => {
    const report = parseReport(source);
    const all = report.sections.flatMap((s) => s.paragraphs);
    expect(all.length).toBeGreaterThan(20);
    for (const p of all) expect(containsGlyphNoise(p.text), `${p.section} ¶${p.paragraph}`).toBe(false);
    expect(report.noiseBlocks).toEqual([83]);
  });
});
