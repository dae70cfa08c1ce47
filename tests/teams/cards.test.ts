import { describe, expect, it } from 'vitest';
import { activityFor } from '../../adapters/teams/app.js';
import { MAX_CARD_BYTES, md, replaceItem, toCard, toText } from '../../adapters/teams/cards.js';
import { assertListenable, loadTeamsConfig } from '../../adapters/teams/config.js';
import { fromTeamsText } from '../../adapters/teams/text.js';
import type { Reply, ReplyItem } from '../../src/core/reply.js';
import { expectValidCard } from './validate-card.js';

const item = (i: number, text = 'x'): ReplyItem => ({
  id: `item-${i}`,
  title: `Item ${i}`,
  text,
  fields: [{ label: 'Who', value: 'ILO' }],
  quote: { text: 'The quoted sentence.', highlights: [[4, 10]] },
  citation: { meetingId: 'cm12', meeting: '12th', sectionId: 'VII', section: 'VII', paragraph: 3, label: '12th meeting report · VII, ¶3' },
  actions: [{ id: 'done', label: 'Mark done', command: `done item-${i}` }],
});

describe('Adaptive Cards', () => {
  it('escapes Markdown, links and mention markup from data and users', () => {
    expect(md('[click](http://evil) *bold* <at>everyone</at> _x_')).toBe('\\[click\\](http://evil) \\*bold\\* ‹at›everyone‹/at› \\_x\\_');
    const card = JSON.stringify(toCard({ title: '<at>General</at> [x](http://e)', items: [item(1, '<script>')] }));
    expect(card).not.toContain('<at>');
    expect(card).not.toContain('<script>');
    expect(card).not.toContain('[x](');
  });

  it('stays under the size limit with 60 items of 3,001 characters and says how many more', () => {
    const items = Array.from({ length: 60 }, (_, i) => item(i + 1, 'y'.repeat(3_001)));
    const card = toCard({ title: 'Many', items, more: { count: 5, hint: 'Narrow with `due 2014`.' } }, 60);
    const size = Buffer.byteLength(JSON.stringify(card));
    expect(size).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const shown = (card.body as Array<{ id?: string }>).filter((b) => b.id?.startsWith('item:')).length;
    const more = JSON.stringify(card).match(/…and (\d+) more/);
    expect(Number(more?.[1])).toBe(60 - shown + 5);
    expect(JSON.stringify(card)).toContain('**due 2014**');
    expectValidCard(card);
  });

  it('shows the citation notes of the items on the card once, after them', () => {
    const noted = (i: number, note: string): ReplyItem => ({ ...item(i), citation: { ...item(i).citation!, note } });
    const card = toCard({ title: 'Notes', items: [noted(1, 'Headings lost.'), noted(2, 'Headings lost.'), noted(3, 'Not shown: past the limit.')] }, 2);
    const texts = (card.body as Array<{ text?: string; id?: string }>).map((b) => b.text ?? b.id ?? '');
    expect(texts.filter((t) => t.includes('Headings lost.'))).toEqual(['Note: Headings lost.']);
    expect(texts.indexOf('Note: Headings lost.')).toBeGreaterThan(texts.indexOf('item:2:item-2'));
    expect(JSON.stringify(card)).not.toContain('Not shown');
  });

  it('replaces one item in place and leaves the others', () => {
    const card = toCard({ title: 'Two', items: [item(1), item(2)] });
    const changed = replaceItem(card, { ...item(2), fields: [{ label: 'Status', value: 'Done' }], actions: [] });
    expect(JSON.stringify(changed)).toContain('Done');
    expect(JSON.stringify(changed)).toContain('done item-1');
    expect(JSON.stringify(changed)).not.toContain('done item-2');
    expect(replaceItem(card, item(9))).toBeUndefined();
  });

  it('sends plain Markdown text when there is nothing a card adds', () => {
    const reply: Reply = { title: 'There is no reminder number 9.', text: '`reminders` lists yours.', tone: 'error' };
    const a = activityFor(reply);
    expect(a.attachments).toBeUndefined();
    expect(a.text).toContain('There is no reminder number 9.');
    expect(a.text).toContain('**reminders** lists yours.');
    expect(a.text).not.toContain('`');
  });
});

describe('Teams card text as Teams renders it', () => {
  const texts = (card: unknown): string[] => JSON.stringify(card).match(/"text":"(?:[^"\\]|\\.)*"/g)!.map((t) => JSON.parse(t.slice(7)) as string);

  it('keeps line breaks as paragraph breaks (a TextBlock joins single lines)', () => {
    const card = toCard({ title: 'Source', text: '12th meeting report · VII, ¶3\nCite as: Report of the 12th meeting', items: [item(1, 'first line\nsecond line')] });
    expectValidCard(card);
    expect(texts(card)).toContain('12th meeting report · VII, ¶3\n\nCite as: Report of the 12th meeting');
    expect(texts(card)).toContain('first line\n\nsecond line');
  });

  it('shows commands in bold with their placeholders visible, never as code spans', () => {
    const card = toCard({ title: 'Marked', text: 'Mark progress with `progress <id> <note>` or `done <id>`.', items: [item(1)] });
    expectValidCard(card);
    const text = texts(card)[1]!;
    expect(text).toBe('Mark progress with **progress ‹id› ‹note›** or **done ‹id›**.');
    expect(JSON.stringify(card)).not.toContain('`');
  });

  it('keeps a value that starts with "2." or "-" as text, not a list, without a backslash', () => {
    expect(md('2. Reduce the costs; 7. Strengthen')).toBe('2.\u00a0Reduce the costs; 7. Strengthen');
    expect(md('- one\n+ two\n10) three')).toBe('-\u00a0one\n+\u00a0two\n10)\u00a0three');
    expect(md('costs 2. no')).toBe('costs 2. no');
    const card = toCard({ title: 'Agenda', items: [{ ...item(1), fields: [{ label: 'Eight-point agenda', value: '2. Reduce the costs of labour migration' }] }] });
    expect(JSON.stringify(card)).toContain('"value":"2.\u00a0Reduce');
  });

  it('leaves # ~ | as they are (Teams cards have no headings, strikes or tables) and escapes only what its Markdown reads', () => {
    expect(md('Reminder #5 ~ a|b')).toBe('Reminder #5 ~ a|b');
    expect(md('a_b *c* [d] \\')).toBe('a\\_b \\*c\\* \\[d\\] \\\\');
    expect(toText({ title: '(Reminder #5 — `stop 5` to end it.)' })).not.toContain('\\#');
  });
});

describe('Quiet Teams cards', () => {
  type Action = { title: string; mode?: string; style?: string; data: { command: string } };
  const actionSets = (card: unknown): Action[][] => {
    const out: Action[][] = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        if ((x as { type?: string }).type === 'ActionSet') out.push((x as { actions: Action[] }).actions);
        Object.values(x).forEach(walk);
      }
    };
    walk((card as { body: unknown }).body);
    return out;
  };
  const full: ReplyItem = { ...item(1), actions: [
    { id: 'source', label: 'Show source', command: 'source item-1' },
    { id: 'remind', label: 'Remind me', command: 'remind me about item-1 tomorrow at 9' },
    { id: 'done', label: 'Mark done', command: 'done item-1' },
    { id: 'show', label: 'Details', command: 'show item-1' },
  ] };

  it('shows one button per item (the one that changes it) and puts the others in the overflow', () => {
    const card = toCard({ title: 'One', items: [full] });
    expectValidCard(card);
    const [set] = actionSets(card);
    expect(set!.filter((a) => a.mode !== 'secondary').map((a) => a.title)).toEqual(['Mark done']);
    expect(set!.filter((a) => a.mode === 'secondary').map((a) => a.title)).toEqual(['Show source', 'Remind me', 'Details']);
  });

  it('styles Accept positive (shown) and Reject destructive (in the overflow)', () => {
    const proposed: ReplyItem = { ...item(2), actions: [
      { id: 'accept', label: 'Accept', command: 'accept c1', style: 'primary' },
      { id: 'reject', label: 'Reject', command: 'reject c1', style: 'danger' },
    ] };
    const card = toCard({ title: 'Proposed', items: [proposed] });
    expectValidCard(card);
    expect(actionSets(card)[0]!.map((a) => [a.title, a.style, a.mode ?? 'primary'])).toEqual([['Accept', 'positive', 'primary'], ['Reject', 'destructive', 'secondary']]);
  });

  it('puts a scheduled message’s Snooze and Stop first, on their own band, Stop destructive', () => {
    const reply: Reply = {
      title: 'Reminder: GFMD',
      items: [full, { ...full, id: 'item-2' }],
      controls: [
        { id: 'snooze-1d', label: 'Snooze 1 day', command: 'snooze 3 1d' },
        { id: 'stop', label: 'Stop', command: 'stop 3', style: 'danger' },
      ],
    };
    const card = toCard(reply);
    expectValidCard(card);
    const body = card.body as Array<{ type: string; style?: string; id?: string }>;
    const band = body.findIndex((b) => b.type === 'Container' && b.style === 'emphasis');
    expect(band).toBeGreaterThan(0);
    expect(band).toBeLessThan(body.findIndex((b) => b.id?.startsWith('item:')));
    expect(actionSets(card)[0]!.map((a) => [a.title, a.style ?? '', a.mode ?? ''])).toEqual([['Snooze 1 day', '', ''], ['Stop', 'destructive', '']]);
    expect(activityFor({ title: 'x', controls: reply.controls! }).attachments).toHaveLength(1);
  });

  it('shows a whole overview entire (the eight agenda points), past the chat cap of five', () => {
    const points = Array.from({ length: 8 }, (_, i) => ({ ...item(i + 1), actions: [] }));
    const card = toCard({ title: 'Agenda', items: points, whole: true });
    expect((card.body as Array<{ id?: string }>).filter((b) => b.id?.startsWith('item:'))).toHaveLength(8);
    expect(JSON.stringify(card)).not.toContain('more');
    expect((toCard({ title: 'List', items: points }).body as Array<{ id?: string }>).filter((b) => b.id?.startsWith('item:'))).toHaveLength(5);
  });
});

describe('Teams text', () => {
  it('removes the bot’s mention, keeps others as ids, decodes entities and drops tags', () => {
    const text = fromTeamsText({
      text: '<at>followup</at> remind <at>Carla Díaz</at> tomorrow &amp; <b>now</b>&nbsp;please',
      entities: [
        { type: 'mention', text: '<at>followup</at>', mentioned: { id: '28:bot' } },
        { type: 'mention', text: '<at>Carla Díaz</at>', mentioned: { id: '29:carla' } },
      ],
      recipientId: '28:bot',
    });
    expect(text).toBe('remind @29:carla tomorrow & now please');
  });
});

describe('Teams config', () => {
  it('is off without settings, anonymous with TEAMS_EMULATOR=1, and names the variable on mistakes', () => {
    expect(loadTeamsConfig({})).toBeUndefined();
    expect(loadTeamsConfig({ TEAMS_EMULATOR: '1' })).toMatchObject({ appId: '', emulator: true });
    expect(() => loadTeamsConfig({ MICROSOFT_APP_PASSWORD: 'x' })).toThrow(/^MICROSOFT_APP_ID: required/);
    expect(() => loadTeamsConfig({ MICROSOFT_APP_ID: 'my-bot' })).toThrow(/^MICROSOFT_APP_ID: expected a GUID/);
    const id = '11111111-2222-3333-4444-555555555555';
    expect(() => loadTeamsConfig({ MICROSOFT_APP_ID: id })).toThrow(/^MICROSOFT_APP_PASSWORD: required/);
    expect(() => loadTeamsConfig({ MICROSOFT_APP_ID: id, MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'Multi' })).toThrow(/^MICROSOFT_APP_TYPE: expected one of MultiTenant, SingleTenant, UserAssignedMSI/);
    expect(() => loadTeamsConfig({ MICROSOFT_APP_ID: id, MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'SingleTenant' })).toThrow(/^MICROSOFT_APP_TENANT_ID: required/);
    expect(() => loadTeamsConfig({ TEAMS_EMULATOR: 'yes' })).toThrow(/^TEAMS_EMULATOR: expected 1/);
    expect(loadTeamsConfig({ MICROSOFT_APP_ID: id, MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: id })).toMatchObject({ appId: id, appType: 'SingleTenant', tenantId: id });
  });

  it('refuses anonymous mode on a non-loopback address', () => {
    const anon = loadTeamsConfig({ TEAMS_EMULATOR: '1' })!;
    expect(() => assertListenable(anon, '0.0.0.0')).toThrow(/^HOST: Teams is in anonymous Emulator mode/);
    expect(() => assertListenable(anon, '127.0.0.1')).not.toThrow();
    expect(() => assertListenable(anon, '::1')).not.toThrow();
    const withId = loadTeamsConfig({ MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555', MICROSOFT_APP_PASSWORD: 'p' })!;
    expect(() => assertListenable(withId, '0.0.0.0')).not.toThrow();
  });

  it('takes only real loopback addresses, never a name that starts with "127."', () => {
    const anon = loadTeamsConfig({ TEAMS_EMULATOR: '1' })!;
    for (const host of ['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1', 'localhost']) expect(() => assertListenable(anon, host), host).not.toThrow();
    for (const host of ['127.evil.example', '127.0.0.1.nip.io', '127.1', '127.0.0.256', '127.0.0.1:80', 'localhost.example', '::', '128.0.0.1', '']) {
      expect(() => assertListenable(anon, host), host).toThrow(/^HOST: Teams is in anonymous Emulator mode/);
    }
  });
});
