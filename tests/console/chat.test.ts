import { PassThrough } from 'node:stream';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../adapters/console/chat.js';
import { tempDir, testBot } from '../helpers.js';

async function chat(lines: string[], historyFile?: string): Promise<string> {
  const { bot } = testBot('2014-06-15T09:00:00Z');
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (c) => (out += String(c)));
  const done = runChat(bot, { input, output, user: 'ana', channel: 'console', banner: 'followup test', ...(historyFile ? { historyFile } : {}) });
  for (const l of lines) input.write(`${l}\n`);
  input.end();
  await done;
  return out;
}

describe('console chat (the whole bot through the console adapter)', () => {
  it('answers each line in order', async () => {
    const out = await chat(['what did KNOMAD commit to?', 'agenda 7', 'due in September 2014', 'show nothing-here']);
    expect(out.startsWith('followup test')).toBe(true);
    const a = out.indexOf('What KNOMAD');
    const b = out.indexOf('Agenda point 7: Strengthen the migration evidence base');
    const c = out.indexOf('Due in September 2014');
    const d = out.indexOf('There is no item with the id “nothing-here”.');
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    expect(d).toBeGreaterThan(c);
  });

  it('stops at exit, and keeps the typed history in a file', async () => {
    const file = path.join(tempDir(), 'history');
    const out = await chat(['gfmd', 'exit', 'agenda'], file);
    expect(out).toContain('GFMD chairmanship 2014–2015 (Turkey): priorities');
    expect(out).not.toContain("The Secretary-General's eight-point agenda");
    expect(readFileSync(file, 'utf8')).toBe('gfmd\n');
  });

  it('skips blank lines and survives odd input', async () => {
    const out = await chat(['', '   ', '\u0000\u0007', '((("', 'x'.repeat(3000)]);
    expect(out).toContain('What should I look for?');
    expect(out).toContain('3,000 characters');
    expect(out).not.toMatch(/Error|at .*\.js/);
  });
});
