import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import { launchBrowser } from '../support/browser.js';
import { makeArticle, postArticle } from '../support/client.js';
import { feedRowAt, feedSize } from '../support/feed-rows.js';
import { saveScreenshot, seriousAxeViolations } from '../support/page-checks.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  }
  server = await startServer({
    withClient: true,
    env: { DEMO_NEWS: 'on', DEMO_INTERVAL_MS: '600000', MOCK_BACKFILL_MINUTES: '60' },
    demoFirstDelayMs: 200,
  });
  // Enough stories for the list to scroll.
  for (let i = 0; i < 25; i++) {
    await postArticle(
      server.url,
      server.token,
      makeArticle({
        headline: `Filler story ${i} about Intel (NASDAQ: INTC)`,
        publishedAt: Date.now() - (40 - i) * 60_000,
      }),
    );
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(context: BrowserContext, path = '/'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await rows(page).nth(5).waitFor({ timeout: 15_000 });
  return page;
}

async function newContext(viewport = { width: 1440, height: 900 }, colorScheme: 'dark' | 'light' = 'dark') {
  return browser.newContext({ viewport, colorScheme });
}

const rows = (page: Page) => page.locator('[data-testid="article-row"]');
const selectedId = (page: Page) =>
  page.locator('[data-testid="article-row"][data-selected="true"]').getAttribute('data-article-id');
const panelHeadline = (page: Page) => page.locator('[data-testid="story-panel"] .story-headline').innerText();

describe('desk: keyboard', () => {
  it('j/k move, Enter opens, / filters, Esc steps back, ? shows the keys', async () => {
    const context = await newContext();
    const page = await open(context);
    const ids = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-article-id')));
    expect(await selectedId(page)).toBe(ids[0]);

    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await selectedId(page)).toBe(ids[2]);
    await page.keyboard.press('k');
    expect(await selectedId(page)).toBe(ids[1]);
    // The focus follows the selection.
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-article-id]')?.getAttribute('data-article-id'),
      ),
    ).toBe(ids[1]);

    await page.keyboard.press('Enter');
    await page.locator('[data-testid="follow-latest"]').waitFor();
    // The focus moves to the story in the next animation frame.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className))
      .toContain('story-headline');
    const row1 = await rows(page).nth(1).locator('.row-headline').innerText();
    expect(await panelHeadline(page)).toBe(row1);

    // Esc: back to following the newest story.
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="follow-latest"]').waitFor({ state: 'detached' });
    expect(await selectedId(page)).toBe(ids[0]);

    // "/" focuses the filter; Enter applies it; Esc leaves the field, Esc again clears the filter.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'ticker-filter-input',
    );
    await page.keyboard.type('INTC');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('tickers')).toBe('INTC');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).searchParams.get('tickers')).toBeNull();

    await page.keyboard.press('?');
    const help = page.locator('[data-testid="keyboard-help"]');
    await help.waitFor();
    expect(await help.innerText()).toContain('Open the selected story');
    await saveScreenshot(page, 'desk-keys-1440x900');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await context.close();
  });
});

describe('desk: reading is not interrupted', () => {
  it('holds new stories behind the "N new" pill while the list is scrolled', async () => {
    const context = await newContext();
    const page = await open(context);
    const scroller = page.locator('.feed-scroll');
    await scroller.evaluate((el) => el.scrollTo({ top: 500 }));
    await page.waitForTimeout(200);
    const firstBefore = await rows(page).first().getAttribute('data-article-id');
    const headline = `Intel (NASDAQ: INTC) story while reading ${Date.now()}`;
    await postArticle(server.url, server.token, makeArticle({ headline }));
    const pill = page.locator('[data-testid="new-stories"]');
    await expect.poll(() => pill.innerText(), { timeout: 5_000 }).toMatch(/1 new story/);
    expect(await rows(page).first().getAttribute('data-article-id')).toBe(firstBefore);
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(400);
    await saveScreenshot(page, 'desk-new-pill-1440x900');
    await pill.click();
    await expect.poll(() => rows(page).first().innerText(), { timeout: 5_000 }).toContain(headline);
    await expect.poll(() => pill.count()).toBe(0);
    await context.close();
  });

  it('holds them too while a picked story is being read, until Esc', async () => {
    const context = await newContext();
    const page = await open(context);
    await rows(page).nth(2).locator('.row-hit').click();
    const headline = `Intel (NASDAQ: INTC) second story while reading ${Date.now()}`;
    await postArticle(server.url, server.token, makeArticle({ headline }));
    await page.locator('[data-testid="new-stories"]').waitFor({ timeout: 5_000 });
    expect(await rows(page).first().innerText()).not.toContain(headline);
    await page.keyboard.press('Escape');
    await expect.poll(() => rows(page).first().innerText(), { timeout: 5_000 }).toContain(headline);
    await context.close();
  });
});

describe('desk: the windowed feed', () => {
  it('keeps only the rows near the viewport, and j/k and Esc reach rows that were not rendered', async () => {
    const context = await newContext();
    const page = await open(context);
    const size = await feedSize(page);
    expect(size).toBeGreaterThanOrEqual(25);
    expect(await rows(page).count()).toBeLessThan(size);
    // Pick the oldest loaded story: the newest row leaves the DOM.
    const last = await feedRowAt(page, size - 1);
    const lastId = await last.getAttribute('data-article-id');
    await last.locator('.row-hit').click();
    await expect.poll(() => selectedId(page)).toBe(lastId);
    expect(await page.locator('[data-testid="feed"] [aria-posinset="1"]').count()).toBe(0);
    // k moves to the story above and keeps it in view, with the focus on it.
    await page.keyboard.press('k');
    const above = page.locator(`[data-testid="feed"] [aria-posinset="${size - 1}"]`);
    await expect.poll(() => above.getAttribute('data-selected')).toBe('true');
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.activeElement?.closest('[aria-posinset]')?.getAttribute('aria-posinset'),
        ),
      )
      .toBe(String(size - 1));
    // Esc follows the newest story again and scrolls back to it, though its row was not rendered.
    await page.keyboard.press('Escape');
    const newest = page.locator('[data-testid="feed"] [aria-posinset="1"]');
    await expect.poll(() => newest.getAttribute('data-selected'), { timeout: 5_000 }).toBe('true');
    await expect.poll(() => newest.isVisible()).toBe(true);
    expect(
      await page
        .locator('.feed-scroll')
        .first()
        .evaluate((el) => el.scrollTop),
    ).toBeLessThan(60);
    await context.close();
  });
});

describe('desk: watchlist alerts', () => {
  it('sounds and notifies for a story about a watched ticker, then for its move, and remembers the settings', async () => {
    const context = await newContext();
    await context.grantPermissions(['notifications'], { origin: server.url });
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const calls: { title: string; body: string }[] = [];
      w.__notifications = calls;
      w.__beeps = 0;
      class FakeNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, opts: { body?: string } = {}) {
          calls.push({ title, body: opts.body ?? '' });
        }
        close() {}
      }
      w.Notification = FakeNotification;
      const create = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        w.__beeps = (w.__beeps as number) + 1;
        return create.call(this);
      };
    });
    // Filtered on another ticker: the watchlist's stories still alert.
    const page = await open(context, '/?tickers=INTC');
    await page.locator('[data-testid="alerts-button"]').click();
    await page.locator('[data-testid="alerts-enabled"]').check();
    await page.locator('[data-testid="alerts-watchlist"]').fill('NVDA, AMD');
    await page.locator('[data-testid="alerts-watchlist"]').press('Enter');
    await page.locator('[data-testid="alerts-move-pct"]').fill('0.01');
    await page.locator('[data-testid="alerts-move-minutes"]').fill('5');
    await page.locator('[data-testid="alerts-desktop"]').check();
    await saveScreenshot(page, 'desk-alerts-1440x900');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="alerts-panel"]').waitFor({ state: 'detached' });
    await page.waitForTimeout(500);

    const headline = `Nvidia (NASDAQ: NVDA) wins a record order ${Date.now()}`;
    await postArticle(server.url, server.token, makeArticle({ headline }));
    const newsToast = page.locator('[data-testid="alert-toast"][data-kind="news"]');
    await newsToast.waitFor({ timeout: 5_000 });
    expect(await newsToast.innerText()).toContain(headline);
    const notes = () =>
      page.evaluate(
        () => (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications,
      );
    await expect.poll(notes).toContainEqual({ title: 'NVDA: news', body: headline });
    expect(
      await page.evaluate(() => (window as unknown as { __beeps: number }).__beeps),
    ).toBeGreaterThanOrEqual(1);
    // Not a story of the filter: the list stays as it was.
    expect(await rows(page).filter({ hasText: headline }).count()).toBe(0);

    // The compound alert: NVDA moves 0.01 % within 5 minutes of the story.
    const moveToast = page.locator('[data-testid="alert-toast"][data-kind="move"]');
    await moveToast.waitFor({ timeout: 30_000 });
    expect(await moveToast.innerText()).toMatch(/NVDA [+−]\d+\.\d{2}% within 5 min of a story/);
    await expect
      .poll(async () => (await notes()).some((n) => /^NVDA [+−]\d+\.\d{2}% within 5 min/.test(n.title)))
      .toBe(true);
    await saveScreenshot(page, 'desk-alert-toasts-1440x900');

    // Clicking the toast opens its story.
    await moveToast.locator('.alert-toast-open').click();
    await expect.poll(() => panelHeadline(page)).toBe(headline);

    // Remembered across a reload.
    await page.reload();
    await page.locator('[data-testid="alerts-button"]').click();
    expect(await page.locator('[data-testid="alerts-enabled"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="alerts-watchlist"]').inputValue()).toBe('NVDA, AMD');
    await context.close();
  });
});

describe('desk: linked windows', () => {
  it('a story or a filter picked in one window drives the other when linked', async () => {
    const context = await newContext();
    const a = await open(context);
    const b = await open(context);
    await a.locator('[data-testid="link-windows"]').click();
    // The switch is remembered for the browser, so the other window follows it.
    await expect
      .poll(() => b.locator('[data-testid="link-windows"]').getAttribute('aria-pressed'))
      .toBe('true');

    const row = rows(a).nth(3);
    const headline = await row.locator('.row-headline').innerText();
    await row.locator('.row-hit').click();
    await expect.poll(() => panelHeadline(b), { timeout: 5_000 }).toBe(headline);
    await b.locator('[data-testid="follow-latest"]').waitFor();
    await b.locator('[data-testid="story-chart"]').waitFor({ timeout: 10_000 });

    await a.locator('[data-testid="ticker-filter-input"]').fill('INTC');
    await a.locator('[data-testid="ticker-filter-input"]').press('Enter');
    await expect.poll(() => new URL(b.url()).searchParams.get('tickers'), { timeout: 5_000 }).toBe('INTC');

    // Unlinked, they go their own ways. (What b's panel shows once its filtered feed has loaded is
    // b's own business; it must not follow a's picks any more.)
    await b.locator('[data-testid="link-windows"]').click();
    await expect
      .poll(() => a.locator('[data-testid="link-windows"]').getAttribute('aria-pressed'))
      .toBe('false');
    await b.waitForTimeout(1_500);
    const shownInB = await panelHeadline(b);
    const other = rows(a).nth(1);
    const otherHeadline = await other.locator('.row-headline').innerText();
    await other.locator('.row-hit').click();
    await expect.poll(() => panelHeadline(a)).toBe(otherHeadline);
    await b.waitForTimeout(500);
    expect(await panelHeadline(b)).toBe(shownInB);
    expect(shownInB).not.toBe(otherHeadline);
    await context.close();
  });
});

describe('desk: themes and accessibility', () => {
  for (const theme of ['dark', 'light'] as const) {
    it(`has no serious accessibility violations in the ${theme} theme`, async () => {
      const context = await newContext({ width: 1440, height: 900 }, theme);
      const page = await open(context);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await page
        .locator('[data-testid="story-chart"] path.recharts-curve')
        .first()
        .waitFor({ timeout: 10_000 });
      await page.waitForTimeout(1_000);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await saveScreenshot(page, `desk-${theme}-1440x900`);
      // The alert settings and the keys dialog too.
      await page.locator('[data-testid="alerts-button"]').click();
      await page.locator('[data-testid="alerts-panel"]').waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="keys-button"]').click();
      await page.locator('[data-testid="keyboard-help"]').waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('remembers a theme picked with the toggle', async () => {
    const context = await newContext({ width: 1440, height: 900 }, 'dark');
    const page = await open(context);
    await page.locator('[data-testid="theme-toggle"]').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.reload();
    await rows(page).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await page.locator('[data-testid="theme-toggle"]').getAttribute('data-theme-choice')).toBe(
      'light',
    );
    await context.close();
  });

  for (const size of [
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
    { width: 1080, height: 1920 },
  ]) {
    it(`lays the desk out at ${size.width}x${size.height}`, async () => {
      const context = await newContext(size);
      const page = await open(context);
      await page
        .locator('[data-testid="story-chart"] path.recharts-curve')
        .first()
        .waitFor({ timeout: 10_000 });
      const overflow = await page.evaluate(() => ({
        x: document.documentElement.scrollWidth - window.innerWidth,
        y: document.documentElement.scrollHeight - window.innerHeight,
      }));
      expect(overflow).toEqual({ x: 0, y: 0 });
      await saveScreenshot(page, `desk-${size.width}x${size.height}`);
      await context.close();
    });
  }
});
