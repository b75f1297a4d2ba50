import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import { launchBrowser } from '../support/browser.js';
import { makeArticle, postArticle } from '../support/client.js';
import { FakeFinnhub } from '../support/fakes/finnhub.js';
import { startServer, type TestServer } from '../support/server.js';

let fake: FakeFinnhub;
let server: TestServer;
let browser: Browser;
let trading: NodeJS.Timeout;

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  }
  fake = await FakeFinnhub.start({ token: 'e2e-finnhub-key' });
  server = await startServer({
    withClient: true,
    env: {
      STORE: 'memory',
      TICK_SOURCE: 'finnhub',
      FINNHUB_API_KEY: 'e2e-finnhub-key',
      FINNHUB_WS_URL: fake.url,
      FINNHUB_SYMBOL_LIMIT: '3',
    },
  });
  // The provider trades every subscribed symbol a few times a second.
  let n = 0;
  trading = setInterval(() => fake.tradeSubscribed(100 + (n++ % 7) / 100), 250);
  browser = await launchBrowser();
});

afterAll(async () => {
  clearInterval(trading);
  await browser?.close();
  await server?.close();
  await fake?.close();
});

describe('live prices from a provider with a symbol limit', () => {
  it('marks the chips of symbols over the limit as not live, and says so in the header', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const headline = `Big tech earnings week ${Date.now()}`;
    const res = await postArticle(
      server.url,
      server.token,
      makeArticle({ headline, tickers: ['AAPL', 'MSFT', 'AMZN', 'GOOGL'] }),
    );
    expect(res.status).toBe(201);
    await page.goto(server.url);
    const row = page.locator('[data-testid="article-row"]').filter({ hasText: headline });
    await row.waitFor({ timeout: 10_000 });
    const chip = (s: string) => row.locator(`[data-testid="ticker-chip"][data-symbol="${s}"]`);

    // SPY and two of the four fit in three symbols; the other two are marked.
    await expect
      .poll(() => row.locator('[data-testid="not-live-mark"]').count(), { timeout: 10_000 })
      .toBe(2);
    expect(await chip('GOOGL').getAttribute('data-live')).toBe('no');
    expect(await chip('MSFT').getAttribute('data-live')).toBe('no');
    expect(await chip('GOOGL').getAttribute('title')).toMatch(/not live: Finnhub: .*3 streamed at most/);
    // The live ones show the provider's price.
    await expect.poll(() => chip('AAPL').innerText(), { timeout: 10_000 }).toMatch(/\$10\d\.\d{2}/);
    expect(await chip('AAPL').getAttribute('data-live')).toBeNull();

    const badge = page.locator('[data-testid="price-source"]');
    await expect.poll(() => badge.textContent(), { timeout: 5_000 }).toBe('2 not live');
    expect(await badge.getAttribute('title')).toContain('Not live: GOOGL, MSFT');
    expect(errors).toEqual([]);
    await page.close();
  });
});
