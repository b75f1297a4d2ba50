import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import { launchBrowser } from '../support/browser.js';
import { makeArticle, postArticle } from '../support/client.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { startServer, type TestServer } from '../support/server.js';

// The page is served through a proxy that can lose one WebSocket frame while the link stays up.
let server: TestServer;
let proxy: FaultProxy;
let browser: Browser;
let url: string;

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  }
  server = await startServer({ withClient: true, env: { STORE: 'memory', MOCK_BACKFILL_MINUTES: '5' } });
  proxy = new FaultProxy(Number(new URL(server.url).port));
  url = await proxy.listen();
  proxy.dropFrames({ match: () => false, count: 0 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.close();
});

const rows = (page: Page) => page.locator('[data-testid="article-row"]');

describe('a story lost on a live link', () => {
  for (const path of ['/', '/?tickers=NVDA']) {
    it(`shows up anyway, once, in its place (${path})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      try {
        await page.goto(`${url}${path}`);
        await page
          .locator('[data-testid="connection-status"][data-state="live"]')
          .waitFor({ timeout: 15_000 });
        const tag = `${Date.now()}`;
        const post = async (headline: string) =>
          expect(
            (await postArticle(server.url, server.token, makeArticle({ headline, tickers: ['NVDA'] })))
              .status,
          ).toBe(201);
        await post(`First NVDA story ${tag}`);
        await expect.poll(() => rows(page).filter({ hasText: tag }).count(), { timeout: 10_000 }).toBe(1);
        proxy.dropFrames({
          match: (t) => t.includes('"article:published"') && t.includes(`Lost NVDA story ${tag}`),
          count: 1,
        });
        const droppedBefore = proxy.dropped;
        await post(`Lost NVDA story ${tag}`);
        await post(`Third NVDA story ${tag}`);
        // Every-story feed: the third story's seq shows the hole; filtered: the next heartbeat (5 s).
        await expect.poll(() => rows(page).filter({ hasText: tag }).count(), { timeout: 20_000 }).toBe(3);
        expect(proxy.dropped).toBe(droppedBefore + 1);
        const texts = await rows(page).filter({ hasText: tag }).allInnerTexts();
        expect(texts[0]).toContain('Third');
        expect(texts[1]).toContain('Lost');
        expect(texts[2]).toContain('First');
      } finally {
        await page.close();
      }
    });
  }
});

describe('after a reconnect', () => {
  it('reloads the open chart window from the history route', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      const history: number[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/history')) history.push(Date.now());
      });
      await page.goto(url);
      await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 15_000 });
      const headline = `Nvidia chart refill ${Date.now()}`;
      await postArticle(server.url, server.token, makeArticle({ headline, tickers: ['NVDA'] }));
      const row = rows(page).filter({ hasText: headline });
      await row.waitFor({ timeout: 10_000 });
      await row.click();
      await page.locator('[data-testid="story-chart"]').waitFor({ timeout: 10_000 });
      await expect.poll(() => history.length, { timeout: 10_000 }).toBeGreaterThan(0);
      const before = history.length;
      proxy.resetAll();
      await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 20_000 });
      await expect.poll(() => history.length, { timeout: 15_000 }).toBeGreaterThan(before);
    } finally {
      await page.close();
    }
  });
});
