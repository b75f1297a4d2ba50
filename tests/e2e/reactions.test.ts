import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import type { Article } from '../../shared/index.js';
import { launchBrowser } from '../support/browser.js';
import { makeArticle, postArticle } from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

const MIN = 60_000;
const tag = Date.now();
const first = `Nvidia (NASDAQ: NVDA) lifts forecast as data-center orders double ${tag}`;
const second = `Nvidia (NASDAQ: NVDA) wins Saudi data-center supply deal ${tag}`;
let firstStory: Article;
let secondStory: Article;

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  }
  // An hour of prices, so a story stamped 20 minutes ago has its reference and its horizons.
  server = await startServer({ withClient: true, env: { DEMO_NEWS: 'off', MOCK_BACKFILL_MINUTES: '60' } });
  browser = await launchBrowser();
  const now = Date.now();
  const a = await postArticle(
    server.url,
    server.token,
    makeArticle({ headline: first, publishedAt: now - 20 * MIN }),
  );
  const b = await postArticle(
    server.url,
    server.token,
    makeArticle({ headline: second, publishedAt: now - 10 * MIN }),
  );
  expect([a.status, b.status]).toEqual([201, 201]);
  firstStory = a.body as Article;
  secondStory = b.body as Article;

  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const rowOf = (id: string) => page.locator(`[data-testid="article-row"][data-article-id="${id}"]`);
const panel = () => page.locator('[data-testid="story-panel"]');
const chart = () => page.locator('[data-testid="story-chart"]');

describe('story reactions on the desk', () => {
  it('shows the frozen 1m, 5m and 15m moves of a story in its row, 1h still pending', async () => {
    const strip = rowOf(firstStory.id).locator('[data-testid="reaction-strip"]');
    await strip.waitFor({ timeout: 15_000 });
    expect(await strip.getAttribute('data-symbol')).toBe('NVDA');
    for (const h of ['1m', '5m', '15m']) {
      const cell = strip.locator(`[data-testid="horizon-${h}"]`);
      await expect.poll(() => cell.getAttribute('data-state'), { timeout: 15_000 }).toBe('frozen');
      expect((await cell.innerText()).trim()).toMatch(new RegExp(`^${h}\\s*(?:[+-]\\d+\\.\\d{2}%|0\\.00%)$`));
    }
    expect(await strip.locator('[data-testid="horizon-1h"]').getAttribute('data-state')).toBe('pending');
    await expect
      .poll(() => strip.locator('[data-testid="abnormal-move"]').innerText(), { timeout: 10_000 })
      .toMatch(/abn\s*(?:[+-]\d+\.\d{2}|0\.00)/);
  });

  it('charts the selected story with its publication, reference line and labelled move', async () => {
    // The row's button, at its top-left corner (the age column): chips elsewhere in it filter instead.
    await rowOf(firstStory.id)
      .locator('.row-hit')
      .click({ position: { x: 8, y: 8 } });
    await expect.poll(() => panel().innerText(), { timeout: 5_000 }).toContain(first);
    await chart().locator('text=published').first().waitFor({ timeout: 10_000 });
    // The reference: the 0 % line, labelled "ref" (a flat line has no height: check it is drawn).
    const refLabel = chart().locator('text.chart-ref-label');
    await expect.poll(() => refLabel.textContent(), { timeout: 10_000 }).toBe('ref');
    expect(await chart().locator('.chart-ref-line line').count()).toBe(1);
    // The NVDA line ends in a label with its move since publication and its abnormal move.
    const label = chart().locator('[data-testid="chart-move-label"][data-symbol="NVDA"]');
    await expect
      .poll(() => label.textContent(), { timeout: 10_000 })
      .toMatch(/NVDA\s*(?:[+-]\d+\.\d{2}%|0\.00%)\s*abn (?:[+-]\d+\.\d{2}|0\.00)/);
    // Hovering the lines names each one by its symbol, with its move at that time.
    const plot = await chart().locator('.recharts-surface').boundingBox();
    expect(plot).not.toBeNull();
    if (plot) await page.mouse.move(plot.x + plot.width * 0.3, plot.y + plot.height / 2);
    const tooltip = chart().locator('.chart-tooltip');
    await expect
      .poll(() => tooltip.locator('.chart-tooltip-symbol').allInnerTexts(), { timeout: 5_000 })
      .toEqual(['NVDA', 'SPY']);
    expect(await tooltip.innerText()).toMatch(/NVDA\s*(?:[+-]\d+\.\d{2}%|0\.00%)/);
    await page.mouse.move(0, 0);
    // In price mode the reference is a line at the price at publication.
    await chart().locator('.chart-toolbar button', { hasText: 'NVDA $' }).click();
    await expect.poll(() => refLabel.textContent(), { timeout: 5_000 }).toMatch(/^ref \$\d[\d,]*\.\d{2}$/);
    await chart().locator('.chart-toolbar button', { hasText: '% since published' }).click();
    // The story panel's table has the same horizons, frozen.
    const row = panel().locator('[data-testid="story-ticker"][data-symbol="NVDA"]');
    await expect
      .poll(() => row.locator('[data-testid="horizon-15m"]').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('frozen');
  });

  it('marks another story about the same ticker on the chart, and opens it on click', async () => {
    const marker = chart().locator(`[data-testid="chart-story-marker"][data-article-id="${secondStory.id}"]`);
    await marker.waitFor({ timeout: 10_000 });
    expect(await chart().locator(`[data-article-id="${firstStory.id}"]`).count()).toBe(0);
    await marker.hover();
    await expect
      .poll(() => chart().locator('[data-testid="chart-marker-card"]').innerText(), { timeout: 5_000 })
      .toContain(second);
    await marker.click();
    await expect.poll(() => panel().innerText(), { timeout: 5_000 }).toContain(second);
    await expect
      .poll(() => rowOf(secondStory.id).getAttribute('data-selected'), { timeout: 5_000 })
      .toBe('true');
  });

  it('lists the stories by abnormal move in the Movers tab, kept in the URL', async () => {
    await page.locator('[data-testid="tab-movers"]').click();
    const view = page.locator('[data-testid="movers-view"]');
    await view.waitFor({ timeout: 5_000 });
    expect(new URL(page.url()).searchParams.get('view')).toBe('movers');
    const rows = view.locator('[data-testid="mover-row"]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-article-id')));
    expect(ids).toEqual(expect.arrayContaining([firstStory.id, secondStory.id]));
    expect(await rows.first().innerText()).toMatch(/NVDA/);
    // Clicking a mover opens its story.
    await rows
      .filter({ hasText: first })
      .locator('.row-hit')
      .click({ position: { x: 8, y: 8 } });
    await expect.poll(() => panel().innerText(), { timeout: 5_000 }).toContain(first);
    // The view survives a reload from its link.
    await page.reload();
    await page
      .locator('[data-testid="movers-view"] [data-testid="mover-row"]')
      .first()
      .waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});
