import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCard } from '../../adapters/teams/cards.js';
import { MockConnector, personalMessage, postActivity } from './mock-connector.js';
import { startTeamsServer } from './server.js';
import { expectValidCard } from './validate-card.js';

/**
 * Cards the bot really sends, rendered by the official Adaptive Cards renderer in Debian's headless
 * Chromium, with Markdown limited to what Teams' cards render (bold, italic, lists, links: no code
 * spans, headings, quotes, tables or raw HTML). Assertions are on what a person sees.
 */
const require = createRequire(import.meta.url);
/** The little of the page's DOM the test touches. */
type Node$ = { innerText: string; querySelectorAll(s: string): Iterable<Node$>; replaceChildren(...n: unknown[]): void };
type Page$ = { document: { getElementById(id: string): Node$ | null; querySelectorAll(s: string): Iterable<Node$> } };
const CHROMIUM = '/usr/bin/chromium';

let connector: MockConnector;
let server: Awaited<ReturnType<typeof startTeamsServer>>;
let context: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
  connector = await new MockConnector().start();
  server = await startTeamsServer();
  profile = mkdtempSync(path.join(tmpdir(), 'followup-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  page = await context.newPage();
  await page.setViewportSize({ width: 760, height: 1200 });
  await page.setContent('<!doctype html><html><body style="font-family: sans-serif"><div id="card"></div></body></html>');
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  await page.addScriptTag({ path: require.resolve('markdown-it/dist/markdown-it.min.js') });
}, 60_000);
afterAll(async () => {
  await context?.close();
  await server?.stop();
  await connector?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Renders a card into the page (replacing the previous one). */
async function render(card: unknown): Promise<void> {
  expectValidCard(card);
  await page.evaluate((json) => {
    // Runs in the page (the test's own program has no DOM types).
    const w = globalThis as unknown as Page$ & { AdaptiveCards: typeof import('adaptivecards'); markdownit: (o: object) => { disable(r: string[]): { render(t: string): string } } };
    const md = w.markdownit({ html: false, linkify: false, breaks: false }).disable(['code', 'fence', 'heading', 'lheading', 'blockquote', 'table', 'hr', 'backticks', 'strikethrough', 'html_block', 'html_inline', 'image', 'autolink']);
    w.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = md.render(text);
      result.didProcess = true;
    };
    const card = new w.AdaptiveCards.AdaptiveCard();
    card.hostConfig = new w.AdaptiveCards.HostConfig({ supportsInteractivity: true, actions: { maxActions: 6 } });
    card.parse(json as never);
    w.document.getElementById('card')!.replaceChildren(card.render()!);
  }, card as object);
}

async function cardFor(text: string): Promise<Record<string, unknown>> {
  const before = connector.calls.length;
  expect((await postActivity(server.url, personalMessage(connector.url, text))).status).toBe(200);
  const call = connector.calls.slice(before).at(-1)!;
  return (call.body.attachments as Array<{ content: Record<string, unknown> }>)[0]!.content;
}

const visibleButtons = async (): Promise<string[]> => (await page.locator('#card button:visible').allInnerTexts()).map((t) => t.trim());
/** The rendered paragraphs of the element whose text contains `words`. */
const paragraphsAround = (words: string): Promise<string[]> =>
  page.evaluate((w) => {
    const { document } = globalThis as unknown as Page$;
    const blocks = [...document.querySelectorAll('#card .ac-textBlock')].filter((b) => b.innerText.includes(w));
    return [...blocks.at(-1)!.querySelectorAll('p')].map((p) => p.innerText);
  }, words);

describe('Teams cards in the official renderer (headless Chromium)', () => {
  it('an item shows one button, the others behind the overflow; no backticks anywhere', async () => {
    await render(await cardFor('ces-plenary-migration-statistics'));
    const buttons = await visibleButtons();
    expect(buttons).toContain('Mark done');
    expect(buttons).not.toContain('Show source');
    expect(buttons).not.toContain('Details');
    expect(buttons.length).toBe(2); // Mark done and the overflow ("…")
    expect(await page.locator('#card').innerText()).not.toContain('`');
  });

  it('source keeps its lines: the citation and "Cite as" are separate paragraphs', async () => {
    await render(await cardFor('source knomad-recruitment-costs'));
    const paragraphs = await paragraphsAround('Cite as');
    expect(paragraphs.length).toBeGreaterThanOrEqual(2);
    expect(paragraphs.at(-1)).toMatch(/^Cite as: /);
    expect(paragraphs[0]).not.toMatch(/Cite as/);
  });

  it('commands read in bold with their placeholders visible; a value starting "2." is not a list', async () => {
    const card = toCard({
      title: 'Deadline reminder: 2 items',
      text: 'Mark progress with `progress <id> <note>` or `done <id>`.',
      items: [{ id: 'x', title: 'Agenda point', fields: [{ label: 'Eight-point agenda', value: '2. Reduce the costs of labour migration; 7. Strengthen the evidence base' }] }],
      controls: [
        { id: 'snooze-1d', label: 'Snooze 1 day', command: 'snooze 3 1d' },
        { id: 'stop', label: 'Stop', command: 'stop 3', style: 'danger' },
      ],
    });
    await render(card);
    const text = await page.locator('#card').innerText();
    expect(text).toContain('progress ‹id› ‹note›');
    expect(await page.locator('#card strong', { hasText: 'done ‹id›' }).count()).toBe(1);
    expect(await page.locator('#card ol, #card ul').count()).toBe(0);
    expect(text).toContain('2.\u00a0Reduce the costs');
    // Snooze and Stop are the first buttons on the card.
    expect((await visibleButtons()).slice(0, 2)).toEqual(['Snooze 1 day', 'Stop']);
  });
});
