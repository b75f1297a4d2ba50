import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import { launchBrowser } from '../support/browser.js';
import { makeArticle, postArticle } from '../support/client.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { saveScreenshot } from '../support/page-checks.js';
import { type StartOptions, startServer, type TestServer } from '../support/server.js';

let browser: Browser;
const servers: TestServer[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  }
  browser = await launchBrowser();
});

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

afterAll(async () => {
  await browser?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A server on its own data folder, which a restart on the same port reuses. */
async function start(opts: StartOptions = {}): Promise<TestServer> {
  const server = await startServer({ withClient: true, ...opts });
  servers.push(server);
  return server;
}

async function stop(server: TestServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.close();
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tw-wall-'));
  dirs.push(dir);
  return dir;
}

const portOf = (s: TestServer) => Number(new URL(s.url).port);
const banner = (page: Page) => page.locator('[data-testid="wall-banner"]');

async function openWall(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' });
  await page.goto(`${url}/wall?tickers=NVDA&rotate=10&stale=6`);
  await page.locator('[data-testid="wall-story"]').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 10_000 });
  return page;
}

describe('wall that heals itself', () => {
  it('says the connection is lost while the server is down, and recovers on its own when it is back', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir });
    await postArticle(
      first.url,
      first.token,
      makeArticle({ headline: 'Nvidia (NASDAQ: NVDA) story before the outage' }),
    );
    const page = await openWall(first.url);
    expect(await banner(page).count()).toBe(0);

    await stop(first);
    await banner(page).waitFor({ timeout: 10_000 });
    expect(await banner(page).getAttribute('data-state')).toBe('lost');
    await expect.poll(() => banner(page).innerText(), { timeout: 10_000 }).toMatch(/Last update \d+ s ago/);
    await saveScreenshot(page, 'wall-connection-lost-1920x1080');

    const second = await start({ dataDir: dir, port: portOf(first) });
    await banner(page).waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 5_000 });
    // The feed resumed: a story published after the restart shows up as breaking news.
    const headline = `Nvidia (NASDAQ: NVDA) story after the outage ${Date.now()}`;
    await postArticle(second.url, second.token, makeArticle({ headline }));
    await expect
      .poll(() => page.locator('[data-testid="wall-headline"]').innerText(), { timeout: 10_000 })
      .toBe(headline);
    await page.close();
  });

  it('says the data is stale when nothing arrives on a link that looks open, and recovers', async () => {
    const server = await start();
    await postArticle(
      server.url,
      server.token,
      makeArticle({ headline: 'Nvidia (NASDAQ: NVDA) quiet story' }),
    );
    const proxy = new FaultProxy(portOf(server));
    const url = await proxy.listen();
    try {
      const page = await openWall(url);
      // A dead link: the connection stays open, nothing gets through (no tick, no heartbeat).
      proxy.set({ kind: 'blackhole' });
      await banner(page).waitFor({ timeout: 12_000 });
      expect(await banner(page).getAttribute('data-state')).toBe('stale');
      // The header agrees with the banner, on the wall's own threshold (?stale=6).
      expect(await page.locator('[data-testid="connection-status"]').getAttribute('data-state')).toBe(
        'stale',
      );
      expect(await banner(page).innerText()).toMatch(/Data is stale[\s\S]*Last update \d+ s ago/);
      await saveScreenshot(page, 'wall-stale-1920x1080');
      proxy.set({ kind: 'pass' });
      proxy.resetAll();
      await banner(page).waitFor({ state: 'detached', timeout: 30_000 });
      await page.close();
    } finally {
      await proxy.close();
    }
  });

  it('reloads itself when the server comes back as a new version', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir, serverVersion: '1.0.0' });
    await postArticle(
      first.url,
      first.token,
      makeArticle({ headline: 'Nvidia (NASDAQ: NVDA) story before the upgrade' }),
    );
    const page = await openWall(first.url);
    await page.evaluate(() => {
      (window as unknown as Record<string, unknown>).loadedBeforeUpgrade = true;
    });
    await stop(first);
    await start({ dataDir: dir, port: portOf(first), serverVersion: '1.1.0' });
    await page.locator('[data-testid="upgrade-notice"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="upgrade-notice"]').innerText()).toContain('1.0.0 → 1.1.0');
    await expect
      .poll(
        () =>
          page
            .evaluate(() => (window as unknown as Record<string, unknown>).loadedBeforeUpgrade === true)
            .catch(() => true),
        { timeout: 15_000 },
      )
      .toBe(false);
    // The reloaded page runs against the new server, without another notice.
    await page.locator('[data-testid="wall-story"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="upgrade-notice"]').count()).toBe(0);
    await page.close();
  });
});
