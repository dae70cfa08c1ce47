import { describe, expect, it } from 'vitest';
import { NameDirectory, type NameRef, type NameSource } from '../../src/core/directory.js';
import type { Reply } from '../../src/core/reply.js';

function source(names: Record<string, string>, calls: string[], gate?: Promise<void>): NameSource {
  return {
    isId: (_kind, id) => /^[CU]\d+$/.test(id),
    lookup: async (ref: NameRef) => {
      calls.push(ref.id);
      await gate;
      return names[ref.id];
    },
  };
}
const where = { platform: 'slack' as const, team: 'T1' };
const reply = (title: string): Reply => ({ title, items: [{ id: 'x', title: 'x', fields: [{ label: 'Owner', value: '@U1' }] }] });

describe('NameDirectory', () => {
  it('names ids in titles and fields, leaves names and numbers alone, and never changes the reply it was given', async () => {
    const d = new NameDirectory();
    d.use('slack', source({ C1: 'migration', U1: 'Ana' }, []));
    const r = reply('Reminders for #C1 (#5, @dora)');
    const out = await d.named(r, where);
    expect(out.title).toBe('Reminders for #migration (#5, @dora)');
    expect(out.items![0]!.fields[0]!.value).toBe('@Ana');
    expect(r.title).toBe('Reminders for #C1 (#5, @dora)');
  });

  it('asks the platform once per id while the name is fresh (one call for concurrent replies), again after it expires', async () => {
    let now = 0;
    const calls: string[] = [];
    const d = new NameDirectory(() => now);
    d.use('slack', source({ C1: 'migration' }, calls));
    await Promise.all([d.named(reply('#C1'), where), d.named(reply('to #C1'), where), d.label({ ...where, kind: 'channel', id: 'C1' })]);
    expect(calls.filter((c) => c === 'C1')).toEqual(['C1']);
    now += 61 * 60_000;
    expect(await d.label({ ...where, kind: 'channel', id: 'C1' })).toBe('#migration');
    expect(calls.filter((c) => c === 'C1')).toEqual(['C1', 'C1']);
  });

  it('a learned name costs no call; a name not found stays an id; a slow platform does not hold the reply', async () => {
    const calls: string[] = [];
    let open!: () => void;
    const d = new NameDirectory(Date.now, () => {}, 5);
    d.use('slack', source({ U1: 'Ana' }, calls, new Promise<void>((r) => (open = r))));
    d.learn({ ...where, kind: 'channel', id: 'C1' }, 'migration');
    const out = await d.named(reply('#C1 and #C2'), where);
    expect(out.title).toBe('#migration and #C2');
    expect(out.items![0]!.fields[0]!.value).toBe('@U1'); // not answered yet: the reply went out with the id
    open();
    expect(calls.sort()).toEqual(['C2', 'U1']);
    expect((await d.named(reply('#C2'), where)).items![0]!.fields[0]!.value).toBe('@Ana');
  });

  it('a platform without a source (the console) is left as it is', async () => {
    const r = reply('#C1');
    expect(await new NameDirectory().named(r, { platform: 'console' })).toBe(r);
  });
});
