// Takes screenshots of the real page (demo feed, mock market): the desk, and the wall in landscape,
// 4K and portrait.
// Usage: npx tsx scripts/screenshots.ts [outDir] [deskPath] [wallPath]   (builds nothing: run `npm run build` first)
// Env: SHOT_WAIT_MS (wait before the shot), SHOT_SELECT (text of a story to click first on the desk),
// SHOT_THEME (dark, the default, or light).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../tests/support/browser.js';
import { startServer } from '../tests/support/server.js';

const outDir = process.argv[2] ?? 'docs/screenshots';
const deskPath = process.argv[3] ?? '/';
const wallPath = process.argv[4] ?? '/wall?tickers=BABA,NVDA,META,AAPL,MSFT,AMZN&rotate=20';
const sizes = [
  { name: 'desk-1440x900', width: 1440, height: 900, path: deskPath },
  { name: 'wall-1920x1080', width: 1920, height: 1080, path: wallPath },
  { name: 'wall-3840x2160', width: 3840, height: 2160, path: wallPath },
  { name: 'wall-1080x1920', width: 1080, height: 1920, path: wallPath },
];

mkdirSync(outDir, { recursive: true });
const server = await startServer({
  withClient: true,
  env: { DEMO_NEWS: 'on', DEMO_INTERVAL_MS: '4000', MOCK_BACKFILL_MINUTES: '120' },
  demoFirstDelayMs: 500,
});
const browser = await launchBrowser();
try {
  for (const size of sizes) {
    const page = await browser.newPage({
      viewport: { width: size.width, height: size.height },
      colorScheme: process.env.SHOT_THEME === 'light' ? 'light' : 'dark',
    });
    await page.goto(`${server.url}${size.path}`);
    const wall = size.path.startsWith('/wall');
    await page
      .locator(wall ? '[data-testid="wall-story"]' : '[data-testid="article-row"]')
      .first()
      .waitFor({ timeout: 15_000 });
    await page.waitForTimeout(Number(process.env.SHOT_WAIT_MS ?? 6_000));
    // SHOT_SELECT="Alibaba lifts": select the story whose row contains this text
    if (process.env.SHOT_SELECT && !wall) {
      await page.locator('[data-testid="article-row"]', { hasText: process.env.SHOT_SELECT }).first().click();
      await page.waitForTimeout(1_500);
    }
    const file = join(outDir, `${size.name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
