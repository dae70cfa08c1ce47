import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Running } from '../../src/cli/serve.js';
import { silentLogger } from '../../src/core/log.js';
import { parseCsv } from '../../src/export/csv.js';
import { engineApp } from '../engine.js';
import { axeViolations, launch, screenshot } from './browser.js';
import { startDashboardServer, type DashboardServer } from './server.js';

let s: DashboardServer;
let browser: { context: BrowserContext; close(): Promise<void> };
let page: Page;

beforeAll(async () => {
  s = await startDashboardServer();
  browser = await launch();
  page = await browser.context.newPage();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** No serious or critical accessibility violation, and a screenshot for a person to look at. */
async function check(name: string, p: Page = page): Promise<void> {
  const bad = (await axeViolations(p)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), name).toEqual([]);
  await screenshot(p, name);
}

function count(text: string | null): number {
  return Number(/^([\d,]+) item/.exec(text ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
}

describe('the dashboard in a real browser (Chromium)', () => {
  it('loads the overview: counts, traffic lights, the timeline chart, no script errors', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const r = await page.goto(`${s.base}/`);
    expect(r!.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Overview');
    expect(await page.locator('svg.timeline rect').count()).toBeGreaterThan(3);
    // The stylesheet loaded under the CSP (the cards are laid out by it).
    expect(await page.evaluate("getComputedStyle(document.querySelector('.card')).borderStyle")).toBe('solid');
    expect(errors).toEqual([]);
    await check('overview');
  });

  it('applies two facets from the keyboard: the URL holds both and the list narrows', async () => {
    await page.goto(`${s.base}/registry`);
    const before = count(await page.locator('#result-count').textContent());
    // Keyboard only: into the search box, Tab to the Kind and Status selects, choose, Enter on Apply.
    await page.locator('#f-q').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('f-kind');
    await page.keyboard.type('proposal');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('f-status');
    await page.keyboard.type('open');
    expect(await page.locator('#f-kind').inputValue()).toBe('proposal');
    expect(await page.locator('#f-status').inputValue()).toBe('open');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Apply');
    await Promise.all([page.waitForURL(/kind=proposal/), page.keyboard.press('Enter')]);
    const url = new URL(page.url());
    expect(url.searchParams.get('kind')).toBe('proposal');
    expect(url.searchParams.get('status')).toBe('open');
    const after = count(await page.locator('#result-count').textContent());
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    const kinds = await page.locator('tbody tr td:first-child .muted').allTextContents();
    expect(kinds.length).toBe(Math.min(after, 50));
    for (const k of kinds) expect(k).toMatch(/^proposal · /);
    await check('registry');
  });

  it('follows an export link of the filtered view and parses what comes back', async () => {
    await page.goto(`${s.base}/registry?actor=ratha`);
    const shown = count(await page.locator('#result-count').textContent());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('followup-registry.csv');
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    const header = rows[0]!;
    const body = rows.slice(1).filter((r) => r.length > 1);
    expect(body.length).toBe(shown);
    const actors = header.indexOf('actors');
    for (const r of body) expect(r[actors]).toMatch(/Ratha/);
  });

  it('opens an item and shows its quote highlighted inside its paragraph', async () => {
    await page.goto(`${s.base}/registry?q=recruitment+costs`);
    await Promise.all([page.waitForURL(/\/items\//), page.locator('tbody a').first().click()]);
    const id = decodeURIComponent(page.url().split('/items/')[1]!);
    const quote = s.app.bot.deps.commitments.get(id)!.quote;
    const mark = page.locator('blockquote.para mark');
    expect(await mark.textContent()).toBe(quote);
    const paragraph = (await page.locator('blockquote.para').textContent())!;
    expect(paragraph.length).toBeGreaterThan(quote.length);
    expect(paragraph).toContain(quote);
    expect(await page.evaluate("getComputedStyle(document.querySelector('blockquote.para mark')).backgroundColor")).not.toBe('rgba(0, 0, 0, 0)');
    await check('item');
  });

  it('actor, report, actors list and a 404 page have no serious accessibility violation', async () => {
    for (const [name, path, status] of [
      ['actor', '/actors/ratha', 200],
      ['report', '/report', 200],
      ['actors', '/actors', 200],
      ['not-found', '/items/no-such-item', 404],
      ['bad-request', '/registry?kind=promise', 400],
    ] as const) {
      const r = await page.goto(`${s.base}${path}`);
      expect(r!.status(), path).toBe(status);
      await check(name);
    }
  });

  it('prints without the navigation and the facet form (print stylesheet)', async () => {
    await page.goto(`${s.base}/registry?kind=proposal`);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('form.facets').isVisible()).toBe(false);
      expect(await page.locator('header.top').isVisible()).toBe(false);
      expect(await page.locator('table').isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});

describe('signing in on a server bound to a non-loopback address (0.0.0.0)', () => {
  const TOKEN = 'browser-token-0123456789abcdef';
  let running: Running;
  let close: () => Promise<void>;
  let own: { context: BrowserContext; close(): Promise<void> };
  beforeAll(async () => {
    own = await launch();
    const app = await engineApp({ FOLLOWUP_DB: ':memory:', PORT: '0', HOST: '0.0.0.0', FOLLOWUP_NOW: '2014-09-15T09:00:00Z', FOLLOWUP_DASHBOARD_TOKEN: TOKEN }, silentLogger);
    running = await serve(app, {}, silentLogger);
    close = () => app.close();
  }, 60_000);
  afterAll(async () => {
    // The browser first: the server's stop waits for the connections it keeps open.
    await own?.close();
    await running?.stop();
    await close?.();
  });

  it('a wrong token is refused; the right one signs in and stays signed in', async () => {
    const signInPage = await own.context.newPage();
    const base = `http://127.0.0.1:${running.address!.port}`;
    const r = await signInPage.goto(`${base}/registry`);
    expect(r!.status()).toBe(401);
    await check('sign-in', signInPage);
    await signInPage.getByLabel('Dashboard token').fill('wrong-token-0123456789');
    await Promise.all([signInPage.waitForLoadState(), signInPage.getByRole('button', { name: 'Sign in' }).click()]);
    await expect(signInPage.getByRole('alert').textContent()).resolves.toContain('That is not the dashboard token');
    await signInPage.getByLabel('Dashboard token').fill(TOKEN);
    await Promise.all([signInPage.waitForURL(`${base}/`), signInPage.getByRole('button', { name: 'Sign in' }).click()]);
    await expect(signInPage.locator('h1').textContent()).resolves.toBe('Overview');
    const cookies = await own.context.cookies(base);
    expect(cookies.find((c) => c.name === 'followup_dashboard')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect((await signInPage.goto(`${base}/registry`))!.status()).toBe(200);
  });
});
