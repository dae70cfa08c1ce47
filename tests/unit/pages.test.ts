import { describe, expect, it } from 'vitest';
import { Pages } from '../../src/commands/pages.js';
import type { IncomingMessage } from '../../src/core/message.js';
import type { Reply } from '../../src/core/reply.js';
import { ManualClock, ids, testBot } from '../helpers.js';

const msg = (user: string, channel = 'c1', platform: IncomingMessage['platform'] = 'slack'): IncomingMessage => ({ text: 'x', platform, user: { id: user }, channel: { id: channel } });
const list = (n: number, more?: Reply['more']): Reply => ({
  title: 'List',
  items: Array.from({ length: n }, (_, i) => ({ id: `i${i + 1}`, title: `Item ${i + 1}`, fields: [] })),
  ...(more ? { more } : {}),
});

describe('short answers: the best 3, then "more"', () => {
  it('a lookup shows 3 items and "…and N more" with a More button; more continues it', async () => {
    const t = testBot();
    const all = await t.askAll('agenda 7');
    const first = await t.ask('agenda 7');
    expect(first.items).toHaveLength(3);
    expect(first.more!.count).toBe(all.items!.length - 3);
    expect(first.actions).toContainEqual({ id: 'more', label: 'More', command: 'more' });
    const second = await t.ask('more');
    expect(second.title).toBe(`Agenda point 7: Strengthen the migration evidence base (4–6 of ${all.items!.length})`);
    expect(ids(second)).toEqual(ids(all).slice(3, 6));
    expect(new Set(ids(all)).size).toBe(all.items!.length); // every item once across the pages
  });

  it('"more" is per user and per channel', async () => {
    const t = testBot();
    const ask = (text: string, user: string, channel: string) => t.bot.handle({ text, platform: 'slack', user: { id: user }, channel: { id: channel } });
    await ask('agenda 7', 'ana', 'c1');
    await ask('due 2014', 'ben', 'c1');
    expect((await ask('more', 'ana', 'c1')).title).toMatch(/^Agenda point 7/);
    expect((await ask('more', 'ben', 'c1')).title).toMatch(/^Due in 2014/);
    const elsewhere = await ask('more', 'ana', 'c2');
    expect(elsewhere.tone).toBe('error');
    expect(elsewhere.title).toBe('There is nothing more to show here.');
  });

  it('the last page says how to narrow to what was never collected; then there is nothing more', () => {
    const pages = new Pages(() => 0);
    const first = pages.first(msg('a'), list(5, { count: 10, hint: 'Add a word.' }));
    expect(first.more).toEqual({ count: 12, hint: 'Say `more` for the next 2.' });
    const last = pages.next(msg('a'))!;
    expect(last.title).toBe('List (4–5 of 15)');
    expect(last.more).toEqual({ count: 10, hint: 'Add a word.' });
    expect(last.actions).toBeUndefined();
    expect(pages.next(msg('a'))).toBeUndefined();
  });

  it('short and whole replies are not cut, and a new answer replaces what "more" would show', () => {
    const pages = new Pages(() => 0);
    expect(pages.first(msg('a'), list(3)).items).toHaveLength(3);
    expect(pages.first(msg('a'), { ...list(8), whole: true }).items).toHaveLength(8);
    pages.first(msg('a'), list(9));
    pages.first(msg('a'), list(2));
    expect(pages.next(msg('a'))).toBeUndefined();
  });

  it('the state is bounded: the oldest conversation goes first, and a page is forgotten after an hour', () => {
    const clock = new ManualClock('2014-06-15T09:00:00Z');
    const pages = new Pages(() => clock.now().getTime(), 2);
    pages.first(msg('a'), list(6));
    pages.first(msg('b'), list(6));
    pages.first(msg('c'), list(6));
    expect(pages.next(msg('a'))).toBeUndefined();
    expect(pages.next(msg('b'))).toBeDefined();
    clock.advance(61 * 60 * 1000);
    expect(pages.next(msg('c'))).toBeUndefined();
    expect(pages.next(msg('c', 'c1', 'teams'))).toBeUndefined();
  });
});
