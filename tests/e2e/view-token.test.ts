import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import { launchBrowser } from '../support/browser.js';
import { makeArticle, postArticle } from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

const VIEW = 'viewer-token-for-the-wall-0001';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  }
  server = await startServer({ withClient: true, env: { STORE: 'memory', VIEW_TOKEN: VIEW } });
  browser = await launchBrowser();
  const res = await postArticle(
    server.url,
    server.token,
    makeArticle({ headline: 'Only viewers see this story', tickers: ['NVDA'] }),
  );
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('viewer token in the browser', () => {
  it('the desk opened with ?token= shows stories, drops the token from the address and keeps it across a reload', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/?token=${VIEW}`);
      await page.getByText('Only viewers see this story').first().waitFor({ timeout: 15_000 });
      await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 10_000 });
      expect(page.url()).not.toContain('token');
      expect(await page.locator('[data-testid="view-token-needed"]').count()).toBe(0);
      await page.reload();
      await page.getByText('Only viewers see this story').first().waitFor({ timeout: 15_000 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a wall carries the token in its link', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/wall?tickers=NVDA&token=${VIEW}`);
      await page.locator('[data-testid="wall-story"]').waitFor({ timeout: 15_000 });
      expect(page.url()).toContain('tickers=NVDA');
      expect(page.url()).not.toContain('token');
    } finally {
      await context.close();
    }
  });

  it('without the token the page loads and says it needs one, showing no story', async () => {
    for (const path of ['/', `/?token=wrong-token-wrong-token`, '/wall']) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}${path}`);
        const notice = page.locator('[data-testid="view-token-needed"]');
        await notice.waitFor({ timeout: 15_000 });
        expect(await notice.innerText()).toMatch(/This screen needs a viewer token/);
        expect(await page.getByText('Only viewers see this story').count()).toBe(0);
        // The connection pill and the wall say why, rather than "Connecting…" / "Waiting…" forever.
        await page
          .locator('[data-testid="connection-status"]', { hasText: 'Token needed' })
          .waitFor({ timeout: 15_000 });
        if (path === '/wall') {
          expect(await page.locator('[data-testid="wall-empty"]').innerText()).toMatch(
            /needs a viewer token/,
          );
        }
      } finally {
        await context.close();
      }
    }
  });
});
