import { describe, expect, it } from 'vitest';
import { partReference, sectionId } from '../../src/commands/section.js';
import { testBot } from '../helpers.js';

const t = testBot('2014-03-07T09:00:00Z');

describe('numbered parts of the report', () => {
  it('reads section numbers in either numeral', () => {
    expect(sectionId('7')).toBe('VII');
    expect(sectionId('vii')).toBe('VII');
    expect(sectionId('VIII')).toBe('VIII');
    expect(sectionId('4')).toBe('IV');
    expect(sectionId('iiii')).toBeUndefined();
    expect(sectionId('0')).toBeUndefined();
  });

  it('finds a part named inside a question, and the words left', () => {
    expect(partReference('improving the evidence base (agenda point 7)')).toEqual({ part: { kind: 'agenda', number: 7 }, rest: 'improving the evidence base' });
    expect(partReference('trafficking data in section VII')).toEqual({ part: { kind: 'section', id: 'VII' }, rest: 'trafficking data in' });
    expect(partReference('part 8')).toEqual({ part: { kind: 'section', id: 'VIII' }, rest: '' });
    expect(partReference('the point of the panel')).toBeUndefined();
    // A point of the eight-point agenda named by its topic; the agenda itself is no such reference.
    expect(partReference("the SG's point about reducing the costs of labour migration")).toEqual({ part: { kind: 'agenda' }, rest: 'reducing the costs of labour migration' });
    expect(partReference("Where does the SG's 8 point agenda come from?")).toBeUndefined();
  });

  it.each(['section 7 - what is in it?', 'section VII', "what's in part VII?", 'chapter 7'])('“%s” lists section VII in the report’s order', async (q) => {
    const r = await t.ask(q);
    expect(r.title).toMatch(/^Section VII — Selected Presentations on Data and Indicators on Migration/i);
    const first = t.bot.deps.commitments.get(r.items![0]!.id)!;
    expect(first.sectionId).toBe('VII');
    expect(first.paragraph).toBe(1);
  });

  it('a section with no items says so', async () => {
    const r = await t.ask('section 12');
    expect(r.tone).toBe('error');
    expect(r.title).toMatch(/section XII/);
  });

  it('"(agenda point 7)" in a question narrows the search to that point: the item that says the rest comes first', async () => {
    const r = await t.ask('improving the evidence base (agenda point 7)');
    expect(r.items?.[0]?.id).toBe('world-bank-evidence-base');
    const inPoint = new Set(t.bot.deps.commitments.byAgenda(7).map((c) => c.id));
    expect(r.items!.every((i) => inPoint.has(i.id))).toBe(true);
  });

  it('a topic inside a section: only that section’s items', async () => {
    const r = await t.ask('section VII trafficking legislation');
    expect(r.items?.length).toBeGreaterThan(0);
    expect(r.items!.every((i) => t.bot.deps.commitments.get(i.id)!.sectionId === 'VII')).toBe(true);
  });

  it('"the SG\'s point about …" searches the items that serve the eight-point agenda, without the words of the reference', async () => {
    const r = await t.ask("What came up on the SG's point about reducing the costs of labour migration?");
    expect(r.title).toMatch(/in the eight-point agenda/);
    // An item on those costs, not the item that only says "the Secretary-General's eight-point agenda".
    expect(r.items?.[0]?.id).toMatch(/^(?:ratha-recruitment-cost-burden|informal-group-migration-indicators)$/);
  });
});
