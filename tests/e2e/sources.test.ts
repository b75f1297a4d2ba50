import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import { launchBrowser } from '../support/browser.js';
import { postArticle } from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  }
  server = await startServer({ withClient: true, env: { STORE: 'memory' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a story from several sources', () => {
  it('is one row with its first source, “+1 source” once another carries it, and its delay on hover', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 10_000 });
    const headline = 'Synthetic Widgets (NASDAQ: WDGT) raises its outlook after record orders';
    const publishedAt = Date.now() - 90_000;
    const first = await postArticle(server.url, server.token, {
      headline,
      source: 'Wire A',
      externalId: 'a-1',
      publishedAt,
    });
    expect(first.status).toBe(201);
    const row = page.locator('[data-testid="article-row"]').filter({ hasText: 'Synthetic Widgets' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('[data-testid="row-also"]').count()).toBe(0);
    const clock = row.locator('[data-testid="row-clock"]');
    expect(await clock.getAttribute('title')).toMatch(
      /Published .* ET \(by Wire A\) · received 1 min 3\d s later · pushed/,
    );

    const second = await postArticle(server.url, server.token, {
      headline: `${headline}.`,
      source: 'Wire B',
      externalId: 'b-1',
      publishedAt: publishedAt + 20_000,
    });
    expect(second.status).toBe(200);
    const also = row.locator('[data-testid="row-also"]');
    await also.waitFor({ timeout: 10_000 });
    expect(await also.innerText()).toBe('+1 source');
    expect(await also.getAttribute('title')).toMatch(/First from Wire A; also from: Wire B/);
    expect(await page.locator('[data-testid="article-row"]').count()).toBe(1);
    // The story panel lists the other source with how much later it arrived.
    await row.locator('.row-hit').click();
    const panelAlso = page.locator('[data-testid="story-also"]');
    await panelAlso.waitFor({ timeout: 10_000 });
    expect(await panelAlso.innerText()).toMatch(/^Also from Wire B \+\d+(\.\d)? s$/);
    await page.reload();
    await also.waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
