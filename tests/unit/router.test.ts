import { describe, expect, it } from 'vitest';
import { COMMANDS, createRegistry } from '../../src/commands/index.js';
import { normaliseText } from '../../src/commands/registry.js';
import type { Command } from '../../src/commands/types.js';

const registry = createRegistry();
const route = (t: string) => {
  const r = registry.route(t);
  return [r.command.spec.name, r.args];
};

describe('routing', () => {
  it('sends natural questions to the right command', () => {
    // A verb that asks for a kind of item stays in the arguments: it orders the answer (commitments first).
    expect(route('what did KNOMAD commit to?')).toEqual(['actor', 'KNOMAD commit to']);
    expect(route('What has the World Bank promised')).toEqual(['actor', 'the World Bank promised']);
    expect(route('what did KNOMAD say?')).toEqual(['actor', 'KNOMAD']);
    expect(route('what is Turkey doing')).toEqual(['actor', 'Turkey']);
    expect(route('who is gathering data on recruitment costs')).toEqual(['who', 'gathering data on recruitment costs']);
    expect(route('what is due in September 2014?')).toEqual(['due', 'in September 2014']);
    expect(route("what's due next 30 days")).toEqual(['due', 'next 30 days']);
    expect(route('due 2014')).toEqual(['due', '2014']);
    expect(route('overdue')).toEqual(['overdue', '']);
    expect(route('what is overdue?')).toEqual(['overdue', '']);
    expect(route('agenda item 7')).toEqual(['agenda', '7']);
    expect(route('agenda 7')).toEqual(['agenda', '7']);
    expect(route('agenda')).toEqual(['agenda', '']);
    expect(route('gfmd')).toEqual(['gfmd', '']);
    expect(route('GFMD priorities')).toEqual(['gfmd', '']);
    expect(route('tracks')).toEqual(['tracks', '']);
    expect(route('find recruitment costs')).toEqual(['find', 'recruitment costs']);
    expect(route('show knomad-recruitment-costs')).toEqual(['show', 'knomad-recruitment-costs']);
    expect(route('source knomad-recruitment-costs')).toEqual(['source', 'knomad-recruitment-costs']);
    expect(route('help')).toEqual(['help', '']);
    expect(route('')).toEqual(['find', '']);
  });

  it('treats anything else as a search', () => {
    expect(route('ILO')).toEqual(['find', 'ILO']);
    expect(route('Economic Commission for Europe')).toEqual(['find', 'Economic Commission for Europe']);
  });

  it('ignores a leading mention, control characters and trailing punctuation', () => {
    expect(normaliseText('@followup  agenda\u0007 7 ?!')).toBe('agenda 7');
    expect(route('followup: gfmd')).toEqual(['gfmd', '']);
  });

  it('refuses a duplicate command name or alias', () => {
    const clash: Command = { spec: { name: 'extra', aliases: ['due'], summary: 'x', usage: 'x', examples: [] }, handle: async () => ({ title: 'x' }) };
    expect(() => createRegistry([...COMMANDS, clash])).toThrow(/"due".*already used by "due"/);
    const dup: Command = { ...COMMANDS[0]!, spec: { ...COMMANDS[0]!.spec, aliases: [] } };
    expect(() => createRegistry([...COMMANDS, dup])).toThrow(/already used/);
  });

  it('every command has usage and at least one example', () => {
    for (const c of COMMANDS) {
      expect(c.spec.usage.length, c.spec.name).toBeGreaterThan(2);
      expect(c.spec.examples.length, c.spec.name).toBeGreaterThan(0);
    }
  });
});
