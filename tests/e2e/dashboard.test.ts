import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import { launchBrowser } from '../support/browser.js';
import { makeArticle, postArticle } from '../support/client.js';
import { readFeedRows } from '../support/feed-rows.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  }
  server = await startServer({
    withClient: true,
    env: { DEMO_NEWS: 'on', DEMO_INTERVAL_MS: '60000', MOCK_BACKFILL_MINUTES: '60' },
    demoFirstDelayMs: 200,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(path = '/'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}${path}`);
  Object.assign(page, { errors });
  return page;
}

const rows = (page: Page) => page.locator('[data-testid="article-row"]');
const rowWith = (page: Page, text: string) => rows(page).filter({ hasText: text });

describe('desk dashboard', () => {
  it('loads with demo stories, their ticker chips and a live connection', async () => {
    const page = await openPage();
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 10_000 });
    const alibaba = rowWith(page, 'Alibaba lifts AI spending');
    await alibaba.first().waitFor({ timeout: 10_000 });
    const chips = await alibaba
      .first()
      .locator('[data-testid="ticker-chip"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-symbol')));
    expect(chips).toEqual(expect.arrayContaining(['BABA', 'NVDA', 'META']));
    // a chip shows the live price and the move since publication
    const babaChip = alibaba.first().locator('[data-testid="ticker-chip"][data-symbol="BABA"]');
    await expect
      .poll(() => babaChip.innerText(), { timeout: 10_000 })
      .toMatch(/\d+\.\d{2}.*[+-−]\d+\.\d{2}%/s);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('shows a story posted through the API at once, with its ticker chips', async () => {
    const page = await openPage();
    await rows(page).first().waitFor({ timeout: 15_000 });
    const headline = `Palantir (NASDAQ: PLTR) wins $480 million Army data contract ${Date.now()}`;
    const res = await postArticle(
      server.url,
      server.token,
      makeArticle({ headline, summary: 'Microsoft is a partner on the bid.' }),
    );
    expect(res.status).toBe(201);
    const row = rowWith(page, headline);
    await row.waitFor({ timeout: 5_000 });
    const chips = await row
      .locator('[data-testid="ticker-chip"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-symbol')));
    expect(chips).toEqual(['PLTR', 'MSFT']);
    // the newest story is on top
    expect(await rows(page).first().innerText()).toContain(headline);
    await page.close();
  });

  it('shows the chart of a clicked story with a marker at publication', async () => {
    const page = await openPage();
    const headline = `Nvidia (NASDAQ: NVDA) lifts forecast on data-center demand ${Date.now()}`;
    await rows(page).first().waitFor({ timeout: 15_000 });
    await postArticle(
      server.url,
      server.token,
      makeArticle({ headline, publishedAt: Date.now() - 20 * 60_000 }),
    );
    const row = rowWith(page, headline);
    await row.waitFor({ timeout: 5_000 });
    await row.click();
    const panel = page.locator('[data-testid="story-panel"]');
    await expect.poll(() => panel.innerText(), { timeout: 5_000 }).toContain(headline);
    const chart = page.locator('[data-testid="story-chart"]');
    await chart.locator('text=published').first().waitFor({ timeout: 10_000 });
    // the NVDA line is drawn with real points
    await expect
      .poll(
        () =>
          chart
            .locator('path.recharts-curve')
            .evaluateAll((ps) => ps.map((p) => (p.getAttribute('d') ?? '').length)),
        { timeout: 10_000 },
      )
      .toEqual(expect.arrayContaining([expect.any(Number)]));
    const longest = Math.max(
      ...(await chart
        .locator('path.recharts-curve')
        .evaluateAll((ps) => ps.map((p) => (p.getAttribute('d') ?? '').length))),
    );
    expect(longest).toBeGreaterThan(200);
    await page.close();
  });

  it('shows only AAPL stories for ?tickers=AAPL, live ones included', async () => {
    const page = await openPage('/?tickers=AAPL');
    const apple = `Apple (AAPL) lifts buyback by $110 billion ${Date.now()}`;
    const nvda = `Nvidia-only story that must not show ${Date.now()}`;
    await postArticle(server.url, server.token, makeArticle({ headline: nvda, tickers: ['NVDA'] }));
    await postArticle(server.url, server.token, makeArticle({ headline: apple }));
    await rowWith(page, apple).waitFor({ timeout: 10_000 });
    const all = await rows(page).evaluateAll((els) =>
      els.map((e) =>
        [...e.querySelectorAll('[data-testid="ticker-chip"]')].map((c) => c.getAttribute('data-symbol')),
      ),
    );
    expect(all.length).toBeGreaterThanOrEqual(1);
    for (const symbols of all) expect(symbols).toContain('AAPL');
    expect(await rowWith(page, nvda).count()).toBe(0);
    await page.close();
  });

  it('"Primary only" hides stories that merely mention the ticker and is kept in the URL', async () => {
    const stamp = Date.now();
    const about = `Lululemon cuts outlook as US demand slows ${stamp}`;
    const mention = `Nike lifts guidance ${stamp}`;
    await postArticle(server.url, server.token, makeArticle({ headline: about }));
    await postArticle(
      server.url,
      server.token,
      makeArticle({
        headline: mention,
        summary: 'Nike said on Thursday sales rose. Rival Lululemon slipped 1%.',
      }),
    );
    const page = await openPage('/?tickers=LULU');
    await rowWith(page, mention).waitFor({ timeout: 10_000 });
    await rowWith(page, about).waitFor({ timeout: 10_000 });

    await page.locator('[data-testid="ticker-filter-primary"]').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('primary')).toBe('1');
    await expect.poll(() => rowWith(page, mention).count(), { timeout: 10_000 }).toBe(0);
    expect(await rowWith(page, about).count()).toBe(1);

    // Live stories follow the switch too.
    const liveMention = `Adidas raises forecast ${stamp}`;
    const liveAbout = `Lululemon names new chief executive ${stamp}`;
    await postArticle(
      server.url,
      server.token,
      makeArticle({
        headline: liveMention,
        summary: 'Adidas said sales rose. Lululemon and Nike were little changed.',
      }),
    );
    await postArticle(server.url, server.token, makeArticle({ headline: liveAbout }));
    await rowWith(page, liveAbout).waitFor({ timeout: 10_000 });
    expect(await rowWith(page, liveMention).count()).toBe(0);

    // A link with &primary=1 opens the same view.
    const again = await openPage('/?tickers=LULU&primary=1');
    await rowWith(again, liveAbout).waitFor({ timeout: 10_000 });
    expect(await again.locator('[data-testid="ticker-filter-primary"]').isChecked()).toBe(true);
    expect(await rowWith(again, mention).count()).toBe(0);
    await again.close();
    await page.close();
  });

  it('misses no story that is published while the page is loading', async () => {
    const tag = `Load race ${Date.now()}`;
    // Hold the socket back so the REST snapshot lands first, with stories flowing in between.
    let slow = true;
    server.app.io.use((_socket, next) => (slow ? setTimeout(next, 700) : next()));
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const posting = (async () => {
      for (let i = 0; i < 30; i++) {
        await postArticle(
          server.url,
          server.token,
          makeArticle({ headline: `${tag} #${i}`, tickers: ['AMD'] }),
        );
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    await page.goto(`${server.url}/?tickers=AMD`);
    await posting;
    // Every row of the list, not only the rendered ones (the feed renders those near its viewport).
    const tagged = async () =>
      (await readFeedRows(page, (row) => row.locator('.row-headline').textContent())).filter((h) =>
        h?.startsWith(tag),
      ).length;
    await expect.poll(tagged, { timeout: 10_000 }).toBe(30);
    slow = false;
    await page.close();
  });
});
