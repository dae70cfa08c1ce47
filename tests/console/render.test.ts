import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import type { Reply } from '../../src/core/reply.js';

const reply: Reply = {
  title: '2 matches for “recruitment costs”',
  text: 'Try `find KNOMAD`.',
  items: [
    {
      id: 'knomad-recruitment-costs',
      title: 'KNOMAD is gathering information on recruitment costs.',
      fields: [{ label: 'Who', value: 'KNOMAD' }, { label: 'Status', value: 'In progress' }],
      quote: { text: 'KNOMAD was gathering information on recruitment costs', highlights: [[36, 47], [48, 53]] },
      citation: { meetingId: 'm', meeting: 'M', sectionId: 's', section: 'S', paragraph: 14, label: '12th meeting report · S, ¶14' },
      actions: [{ id: 'source', label: 'Show source', command: 'source knomad-recruitment-costs' }],
    },
  ],
  more: { count: 3, hint: 'Add a word.' },
};

describe('terminal rendering', () => {
  it('shows title, fields, the quote with highlights, the citation, actions and "more"', () => {
    const out = renderText(reply, { color: false, width: 100 });
    expect(out).toContain('2 matches for “recruitment costs”');
    expect(out).toContain('Try find KNOMAD.');
    expect(out).toContain(' 1. KNOMAD is gathering information on recruitment costs.');
    expect(out).toContain('Who: KNOMAD · Status: In progress');
    expect(out).toContain('“KNOMAD was gathering information on *recruitment* *costs*”');
    expect(out).toContain('— 12th meeting report · S, ¶14');
    expect(out).toContain('› source  knomad-recruitment-costs');
    expect(out).toContain('… and 3 more. Add a word.');
    expect(out).not.toMatch(/\u001b/);
  });

  it('shows each distinct citation note once, under the items', () => {
    const cite = reply.items![0]!.citation!;
    const noted = (id: string, note?: string) => ({ ...reply.items![0]!, id, citation: { ...cite, ...(note ? { note } : {}) } });
    const out = renderText({ title: 't', items: [noted('a', 'Headings lost.'), noted('b', 'Headings lost.'), noted('c', 'Section VII counts blocks.'), noted('d')] });
    expect(out.match(/Note: Headings lost\./g)).toHaveLength(1);
    expect(out).toContain('Note: Section VII counts blocks.');
    expect(out.lastIndexOf(' 4. ')).toBeLessThan(out.indexOf('Note: Headings lost.'));
    expect(renderText(reply)).not.toContain('Note:');
  });

  it('prints each item\'s buttons on one short line, the id once; items after the first in two lines', () => {
    const item = (id: string, title: string) => ({
      id,
      title,
      fields: [{ label: 'Who', value: 'UNODC (United Nations Office on Drugs and Crime)' }, { label: 'Due', value: 'in 2014 (inferred)' }],
      quote: { text: 'UNODC produced a global report on trafficking every two years.', highlights: [] },
      citation: { meetingId: 'm', meeting: 'M', sectionId: 's', section: 'S', paragraph: 1, label: '12th meeting report · S, ¶1' },
      actions: ['done', 'source', 'show'].map((v) => ({ id: v, label: v, command: `${v} ${id}` })).concat({ id: 'remind', label: 'Remind me', command: `remind me about ${id} tomorrow at 9` }),
    });
    const long = 'A summary long enough to need more than one line of a hundred characters in the terminal, '.repeat(2);
    const out = renderText({ title: 't', items: [item('first-item', 'First'), item('second-item', long), item('third-item', 'Third')], more: { count: 4, hint: 'Say `more` for the next 3.' }, actions: [{ id: 'more', label: 'More', command: 'more' }] });
    const lines = out.trimEnd().split('\n');
    expect(lines).toContain('    › done · source · show · remind  first-item');
    for (const id of ['first-item', 'second-item', 'third-item']) expect(out.split(id).length - 1, id).toBe(1);
    const second = lines.findIndex((l) => l.startsWith(' 2. '));
    expect(lines[second]!.length).toBeLessThanOrEqual(100);
    expect(lines[second + 1]).toBe('    UNODC · in 2014 (inferred)  › second-item');
    expect(lines[second + 2]).toMatch(/^ 3\. Third$/);
    expect(out.split('UNODC produced').length - 1).toBe(1); // the first item's quote; `source <id>` shows the others'
    expect(lines.at(-1)).toBe('… and 4 more. Say more for the next 3.'); // the More button is the platforms'; the line says it
    expect(lines.length).toBeLessThanOrEqual(12);
  });

  it('uses ANSI styles only on a terminal, and wraps to the width', () => {
    expect(renderText(reply, { color: true, width: 100 })).toMatch(/\u001b\[1;33mrecruitment\u001b\[0m/);
    const narrow = renderText({ title: 'x', text: 'word '.repeat(40) }, { color: false, width: 30 });
    for (const line of narrow.split('\n')) expect(line.length).toBeLessThanOrEqual(30);
  });
});
