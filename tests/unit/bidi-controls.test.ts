import { describe, expect, it } from 'vitest';
import { stripControl } from '../../src/commands/registry.js';
import { testBot } from '../helpers.js';

// "Trojan Source"-style spoofing: direction-changing controls make stored text show reversed.
const RLO = '\u202e';
const LRI = '\u2066';
const PDI = '\u2069';
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];

describe('direction-changing control characters', () => {
  it('are removed by stripControl, every one of U+202A–U+202E and U+2066–U+2069', () => {
    for (const c of BIDI) expect(stripControl(`rec${c}ruitment`), `U+${c.codePointAt(0)!.toString(16)}`).toBe('recruitment');
  });

  it('never reach a stored progress note', async () => {
    const t = testBot();
    const reply = await t.ask(`progress knomad-recruitment-costs invoice ${RLO}fdp.exe${LRI}x${PDI}`);
    expect(reply.tone).not.toBe('error');
    const notes = t.db.prepare("SELECT note FROM audit WHERE commitment_id = 'knomad-recruitment-costs' AND note IS NOT NULL").pluck().all() as string[];
    expect(notes).toEqual(['invoice fdp.exex']);
    expect(JSON.stringify(await t.ask('history knomad-recruitment-costs'))).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('do not change what a search finds', async () => {
    const t = testBot();
    const plain = await t.ask('recruitment costs');
    const spoofed = await t.ask(`recruit${RLO}ment ${LRI}costs${PDI}`);
    expect(plain.items?.length).toBeGreaterThan(0);
    expect(spoofed).toEqual(plain);
  });
});
