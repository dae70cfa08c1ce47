import { describe, expect, it } from 'vitest';
import { escape, LIMITS, replaceItem, toBlocks } from '../../adapters/slack/blocks.js';
import type { Reply, ReplyItem } from '../../src/core/reply.js';
import { testBot } from '../helpers.js';

const item = (i: number, text = `Item ${i}`): ReplyItem => ({
  id: `item-${i}`,
  title: text,
  fields: [{ label: 'Who', value: 'KNOMAD' }],
  quote: { text: 'a quote', highlights: [[2, 7]] },
  citation: { meetingId: 'm', meeting: 'M', sectionId: 's', section: 'S', paragraph: 1, label: '12th meeting report · S, ¶1' },
  actions: [{ id: 'done', label: 'Mark done', command: `done item-${i}` }],
});

function textsOf(blocks: unknown[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
  };
  walk(blocks);
  return out;
}

describe('Block Kit rendering', () => {
  it('escapes &, < and > in everything from data or users', () => {
    expect(escape('<!channel> & <@U1> <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt;');
    const { text, blocks } = toBlocks({ title: 'Hi <!here>', text: '<!everyone> & co', items: [item(1, '<@U123> wins <http://evil|click>')] });
    const all = JSON.stringify({ text, blocks });
    expect(all).not.toMatch(/<!here>|<!everyone>|<@U123>|<http:/);
    expect(textsOf(blocks)).toContain('&lt;!everyone&gt; &amp; co');
  });

  it('stays within 50 blocks for 51+ items and says how many more', () => {
    const reply: Reply = { title: 'Many', items: Array.from({ length: 60 }, (_, i) => item(i)), more: { count: 5, hint: 'Narrow it.' } };
    const { blocks } = toBlocks(reply);
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    const more = textsOf(blocks).find((t) => t.startsWith('…and'))!;
    const shown = blocks.filter((b) => b.type === 'actions').length;
    expect(more).toBe(`…and ${60 - shown + 5} more. Narrow it.`);
  });

  it('clips long texts to the limits: 3,000 a section, 150 a header, 75 a button, 2,000 a value', () => {
    const long = 'x'.repeat(3_001);
    const { blocks } = toBlocks({ title: long, text: long, items: [{ ...item(1, long), actions: [{ id: 'a', label: long, command: long }] }] });
    expect((blocks[0] as { text: { text: string } }).text.text.length).toBe(150);
    for (const b of blocks) {
      if (b.type === 'section') expect(((b as { text: { text: string } }).text.text).length).toBeLessThanOrEqual(3_000);
      if (b.type === 'actions') for (const e of (b as { elements: Array<{ text: { text: string }; value: string }> }).elements) {
        expect(e.text.text.length).toBeLessThanOrEqual(75);
        expect(e.value.length).toBeLessThanOrEqual(2_000);
      }
    }
    expect(JSON.stringify(blocks).length).toBeLessThan(40_000);
  });

  it('renders a real answer: header, sections with fields, the quote with highlights, the citation, buttons', async () => {
    const reply = await testBot().ask('find recruitment costs');
    const { blocks } = toBlocks(reply);
    expect(blocks[0]!.type).toBe('header');
    const quote = textsOf(blocks).find((t) => t.startsWith('>') && t.includes('KNOMAD was'))!;
    expect(quote).toMatch(/\*recruitment costs\*/);
    expect(textsOf(blocks)).toContain('12th meeting report · Report of the Twelfth Meeting, ¶14 “In the second presentation…” · `knomad-recruitment-costs`');
    // The section's note, once, under the items.
    const notes = textsOf(blocks).filter((t) => t.startsWith('Note: Sections I–VI lost their headings'));
    expect(notes).toHaveLength(1);
  });
});

describe('citation notes', () => {
  it('come once, after the items shown, and not for items left out', () => {
    const noted = (i: number, note: string) => ({ ...item(i), citation: { ...item(i).citation!, note } });
    const { blocks } = toBlocks({ title: 'Notes', items: [noted(1, 'Headings lost.'), noted(2, 'Headings lost.'), noted(3, 'Not shown.')] }, 2);
    const texts = textsOf(blocks);
    expect(texts.filter((t) => t.includes('Headings lost.'))).toEqual(['Note: Headings lost.']);
    expect(texts.indexOf('Note: Headings lost.')).toBeGreaterThan(texts.findIndex((t) => t.startsWith('*2. ')));
    expect(texts.join('\n')).not.toContain('Not shown');
  });
});

describe('updating a message in place', () => {
  it('re-renders one item and leaves the rest', async () => {
    const t = testBot();
    const first = await t.ask('agenda 7');
    const other = first.items!.find((i) => i.id !== 'ces-plenary-migration-statistics' && i.actions?.some((a) => a.id === 'done'))!;
    const { blocks } = toBlocks(first);
    const done = await t.ask('done ces-plenary-migration-statistics');
    const updated = replaceItem(blocks, done.items![0]!)!;
    expect(updated).toHaveLength(blocks.length); // same blocks; its actions block lost the Mark done button
    const json = JSON.stringify(updated);
    expect(json).toContain(`done ${other.id}`); // other items keep their Mark done
    expect(json).not.toContain('done ces-plenary-migration-statistics'); // this one's button went
    const section = updated.find((b) => b.type === 'section' && JSON.stringify(b).includes('Conference of European Statisticians selected migration statistics'))!;
    expect(JSON.stringify(section)).toContain('*Status*\\nDone');
    expect(JSON.stringify(section)).toMatch(/"text":"\*\d+\. /);
    expect(replaceItem(blocks, { ...done.items![0]!, id: 'not-in-this-message' })).toBeUndefined();
  });
});

describe('citations of items captured from chat', () => {
  it('link to the message when the link is a plain http(s) URL, and never let a URL break out of the markup', () => {
    const cited = (url: string) => toBlocks({ title: 't', items: [{ ...item(1), citation: { ...item(1).citation!, label: 'message by Ana in #migration, 3 Mar 2014', url } }] });
    expect(JSON.stringify(cited('https://un.slack.com/archives/C1/p1').blocks)).toContain('<https://un.slack.com/archives/C1/p1|message by Ana in #migration, 3 Mar 2014>');
    for (const bad of ['javascript:alert(1)', 'https://x.example/a|<!channel>', 'https://x.example/>']) {
      const s = JSON.stringify(cited(bad).blocks);
      expect(s).not.toContain('<http');
      expect(s).toContain('message by Ana in #migration, 3 Mar 2014');
    }
  });
});

describe('quiet messages', () => {
  const act = (id: string, command = `${id} x`) => ({ id, label: id, command });
  const controls = (actions: ReturnType<typeof act>[]) => (toBlocks({ title: 't', items: [{ ...item(1), actions }] }).blocks.find((b) => b.type === 'actions') as { elements: Array<{ type: string; style?: string; value?: string; options?: Array<{ value: string }> }> }).elements;

  it('an item shows one primary button at most (Mark done, Accept), a danger one for Reject or Stop, the rest in an overflow menu', () => {
    expect(controls([act('done'), act('source'), act('remind'), act('show')]).map((e) => [e.type, e.style])).toEqual([['button', 'primary'], ['overflow', undefined]]);
    expect(controls([act('accept'), act('reject'), act('show')]).map((e) => [e.type, e.style, e.value])).toEqual([['button', 'primary', 'accept x'], ['button', 'danger', 'reject x'], ['overflow', undefined, undefined]]);
    expect(controls([act('pause'), act('stop')]).map((e) => [e.type, e.style])).toEqual([['button', undefined], ['button', 'danger']]);
    expect(controls([act('source'), act('show')]).map((e) => [e.type, e.style])).toEqual([['button', undefined], ['overflow', undefined]]);
    // An overflow option holds 150 characters: a longer command stays a button.
    expect(controls([act('done'), act('remind', `remind me about ${'x'.repeat(200)}`)]).map((e) => e.type)).toEqual(['button', 'button']);
  });

  it('a scheduled message puts Snooze and Stop first, Stop in danger, apart from the items; it shows 5 items and says how to see the rest', () => {
    const reply = {
      title: 'Reminder: gfmd',
      items: Array.from({ length: 9 }, (_, i) => item(i)),
      more: { count: 0, hint: 'Ask `gfmd` to see them all.' },
      actions: [act('snooze-1d'), act('snooze-1w'), act('stop'), act('more')],
    };
    const { blocks } = toBlocks(reply, 5, { controlsFirst: true });
    expect(blocks[1]).toMatchObject({ type: 'actions', block_id: 'controls' });
    expect((blocks[1] as { elements: Array<{ value: string; style?: string }> }).elements.map((e) => [e.value, e.style])).toEqual([['snooze-1d x', undefined], ['snooze-1w x', undefined], ['stop x', 'danger']]);
    expect(blocks.filter((b) => String((b as { block_id?: string }).block_id).startsWith('item:'))).toHaveLength(5);
    expect(textsOf(blocks)).toContain('…and 4 more. Ask `gfmd` to see them all.');
  });
});
