import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import { launchBrowser } from '../support/browser.js';
import { makeArticle, postArticle } from '../support/client.js';
import { saveScreenshot, seriousAxeViolations } from '../support/page-checks.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;

const WALL = '/wall?tickers=BABA,NVDA,META&rotate=20';
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
  { width: 1080, height: 1920 },
  { width: 1440, height: 900 },
];

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  }
  server = await startServer({
    withClient: true,
    env: { DEMO_NEWS: 'on', DEMO_INTERVAL_MS: '600000', MOCK_BACKFILL_MINUTES: '60' },
    demoFirstDelayMs: 200,
  });
  // A few stories about the wall's tickers, so rotation has something to go through.
  for (const headline of [
    'Nvidia (NASDAQ: NVDA) lifts its data-center outlook as hyperscalers keep spending',
    'Meta Platforms (NASDAQ: META) raises its capital spending plan for next year',
    'Alibaba (NYSE: BABA) cloud revenue beats estimates on AI demand',
  ]) {
    await postArticle(
      server.url,
      server.token,
      makeArticle({ headline, publishedAt: Date.now() - 5 * 60_000 }),
    );
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openWall(
  path: string,
  size = SIZES[0] as { width: number; height: number },
  url = server.url,
) {
  const page = await browser.newPage({ viewport: size, colorScheme: 'dark' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}${path}`);
  await page.locator('[data-testid="wall-story"]').waitFor({ timeout: 15_000 });
  return { page, errors };
}

const currentId = (page: Page) =>
  page.locator('[data-testid="wall-story"]').getAttribute('data-article-id', { timeout: 2_000 });

interface Layout {
  overflowX: number;
  overflowY: number;
  clipped: string[];
  headline: number[];
  prices: number[];
  moves: number[];
  smallest: { size: number; text: string };
}

/** Overflow of the page and of the wall's regions, and the computed font sizes of its text. */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const px = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize);
    const sizes = (sel: string) => [...document.querySelectorAll(sel)].map(px);
    const root = document.querySelector('[data-testid="wall"]') as Element;
    let smallest = { size: Number.POSITIVE_INFINITY, text: '' };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!el || !text) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const size = px(el);
      if (size < smallest.size) smallest = { size, text: text.slice(0, 40) };
    }
    const regions = '.wall-header, .wall-story, .wall-chart, .wall-headlines, .wall-tape, .wall-tape-cell';
    const clipped = [...document.querySelectorAll(regions)]
      .filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.className} ${e.scrollWidth}x${e.scrollHeight} > ${e.clientWidth}x${e.clientHeight}`);
    const doc = document.documentElement;
    return {
      overflowX: doc.scrollWidth - window.innerWidth,
      overflowY: doc.scrollHeight - window.innerHeight,
      clipped,
      headline: sizes('[data-testid="wall-headline"]'),
      prices: sizes('[data-testid="wall-price"], [data-testid="tape-price"]'),
      moves: sizes('.wall-ticker-move, .wall-tape-move'),
      smallest,
    };
  });
}

describe('wall display', () => {
  for (const size of SIZES) {
    it(`fits ${size.width}x${size.height} without scrolling, in type that reads from across a room`, async () => {
      const { page, errors } = await openWall(WALL, size);
      await page.locator('[data-testid="tape-cell"]').first().waitFor({ timeout: 10_000 });
      await page
        .locator('[data-testid="wall-chart"] path.recharts-curve')
        .first()
        .waitFor({ timeout: 10_000 });
      await expect
        .poll(() => page.locator('[data-testid="tape-price"]').first().innerText(), { timeout: 10_000 })
        .toMatch(/\d+\.\d{2}/);
      // Each cell shows the move over the last hour.
      await expect
        .poll(() => page.locator('[data-testid="tape-cell"] .wall-tape-move').first().innerText(), {
          timeout: 10_000,
        })
        .toMatch(/[+-]\d+\.\d{2}%|0\.00%/);
      await page.waitForTimeout(800);
      const layout = await measure(page);
      await saveScreenshot(page, `wall-${size.width}x${size.height}`);
      console.info(
        `wall ${size.width}x${size.height}: headline ${Math.min(...layout.headline)}px, prices ${Math.min(...layout.prices)}px, moves ${Math.min(...layout.moves)}px, smallest text ${layout.smallest.size}px ("${layout.smallest.text}")`,
      );
      // Sizes are set for a 1080-line screen and scale with the shorter side.
      const scale = Math.min(size.width, size.height) / 1080;
      expect(layout.overflowX).toBeLessThanOrEqual(0);
      expect(layout.overflowY).toBeLessThanOrEqual(0);
      expect(layout.clipped).toEqual([]);
      expect(Math.min(...layout.headline)).toBeGreaterThanOrEqual(48 * scale);
      expect(layout.prices.length).toBeGreaterThanOrEqual(2);
      expect(Math.min(...layout.prices)).toBeGreaterThanOrEqual(32 * scale);
      expect(layout.moves.length).toBeGreaterThanOrEqual(2);
      expect(Math.min(...layout.moves)).toBeGreaterThanOrEqual(32 * scale);
      expect(layout.smallest.size, `smallest text: "${layout.smallest.text}"`).toBeGreaterThanOrEqual(
        20 * scale,
      );
      // The clock says New York time and whether the market is open.
      expect(await page.locator('[data-testid="wall-clock"]').innerText()).toMatch(/\d{2}:\d{2}:\d{2}\s*ET/);
      expect(await page.locator('[data-testid="wall-session"]').getAttribute('data-session')).toMatch(
        /^(open|pre|post|closed)$/,
      );
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('shows the stories of its tickers only, and the tape holds exactly the URL tickers', async () => {
    const { page } = await openWall(WALL);
    await page.locator('[data-testid="tape-cell"]').first().waitFor({ timeout: 10_000 });
    const tape = await page
      .locator('[data-testid="tape-cell"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-symbol')));
    expect(tape).toEqual(['BABA', 'NVDA', 'META']);
    expect(await page.locator('[data-testid="wall-scope"]').innerText()).toContain('BABA');
    await page.close();
  });

  it('rotates through its stories at the rate the URL sets', async () => {
    const { page } = await openWall('/wall?tickers=BABA,NVDA,META&rotate=3');
    const seen = new Set<string>();
    const first = await currentId(page);
    if (first) seen.add(first);
    await expect
      .poll(
        async () => {
          const id = await currentId(page);
          if (id) seen.add(id);
          return seen.size;
        },
        { timeout: 12_000, interval: 250 },
      )
      .toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-testid="wall"]').getAttribute('data-rotation')).toBe('rotate');
    await page.close();
  });

  it('jumps to a story that breaks, marked NEW, then returns to rotation', async () => {
    const { page } = await openWall('/wall?tickers=BABA,NVDA,META&rotate=3');
    await page.waitForTimeout(1_000);
    const headline = `Nvidia (NASDAQ: NVDA) unveils a new AI chip ${Date.now()}`;
    const res = await postArticle(server.url, server.token, makeArticle({ headline }));
    expect(res.status).toBe(201);
    const story = page.locator('[data-testid="wall-story"]');
    await expect.poll(() => story.getAttribute('data-article-id'), { timeout: 5_000 }).toBe(res.body.id);
    expect(await story.getAttribute('data-mode')).toBe('breaking');
    expect(await page.locator('[data-testid="wall-new"]').innerText()).toBe('NEW');
    expect(await page.locator('[data-testid="wall-headline"]').innerText()).toBe(headline);
    await saveScreenshot(page, 'wall-breaking-1920x1080');
    // A story about none of the wall's tickers does not take over.
    await postArticle(
      server.url,
      server.token,
      makeArticle({ headline: `Ford (NYSE: F) recalls trucks ${Date.now()}` }),
    );
    await page.waitForTimeout(1_500);
    expect(await story.getAttribute('data-article-id')).toBe(res.body.id);
    // Breaking holds for max(30 s, 2 rotations), then rotation resumes.
    await expect
      .poll(() => page.locator('[data-testid="wall"]').getAttribute('data-rotation'), { timeout: 40_000 })
      .toBe('rotate');
    expect(await page.locator('[data-testid="wall-new"]').count()).toBe(0);
    await page.close();
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`has no serious accessibility violations in the ${theme} theme`, async () => {
      const { page } = await openWall(`${WALL}&theme=${theme}`);
      await page.locator('[data-testid="tape-cell"]').first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(3_000);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await saveScreenshot(page, `wall-${theme}-1920x1080`);
      await page.close();
    });
  }
});
