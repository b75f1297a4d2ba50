/**
 * What the page benchmark's JS heap is made of: the desk of `npm run bench -- --only page` (same
 * server, 50 symbols ticking 10 times a second, a story a second), the JS heap after a forced GC
 * every 20 s, and with `--snapshots` a heap snapshot at the start and at the end, split into
 * compiled code, JS objects and DOM/native objects, with the constructors that grew most.
 *
 *   npx tsx scripts/page-heap.ts [--seconds 60] [--jitless] [--snapshots [--native] [--top 15]]
 *
 * `--jitless` runs V8 without its compilers (interpreter only), so what remains of the growth is
 * the page's own data. Needs `npm run build` (dist/client) first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CDPSession, chromium } from 'playwright-core';
import { sleep } from '../bench/clock.js';
import { heapSplit } from '../bench/heap-split.js';
import { keepAliveAgent } from '../bench/http.js';
import { PAGE_SYMBOLS, poster, startPageServer } from '../bench/page.js';
import { CHROMIUM_ARGS } from '../tests/support/browser.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    jitless: { type: 'boolean', default: false },
    snapshots: { type: 'boolean', default: false },
    native: { type: 'boolean', default: false },
    top: { type: 'string', default: '15' },
  },
});
const seconds = Number(args.seconds);
const MiB = 1024 * 1024;

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / MiB;
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'page-heap-'));
  const server = await startPageServer(tmp);
  const agent = keepAliveAgent(1);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(args.jitless ? ['--js-flags=--jitless'] : [])],
  });
  const post = poster(server, agent, `heap-${Date.now().toString(36)}`);
  try {
    await server.child.ask({ type: 'start-ticks' });
    for (let i = 0; i < PAGE_SYMBOLS.length; i++) await post();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="article-row"]', { timeout: 30_000 });
    await sleep(5_000); // the bench's warm-up
    const before = args.snapshots ? await heapSplit(cdp, { nativeNames: args.native }) : null;
    console.log(
      `0 s: JS heap after GC ${(await heapAfterGc(cdp)).toFixed(2)} MiB${args.jitless ? ' (jitless)' : ''}`,
    );
    const t0 = Date.now();
    for (let posted = 0; Date.now() - t0 < seconds * 1000; ) {
      await sleep(Math.max(0, t0 + posted * 1000 - Date.now()));
      await post();
      posted++;
      if (posted % 20 === 0) console.log(`${posted} s: ${(await heapAfterGc(cdp)).toFixed(2)} MiB`);
    }
    if (!before) return;
    const after = await heapSplit(cdp, { nativeNames: args.native });
    const parts = (['code', 'js', 'native'] as const)
      .map((k) => `${k} ${(before.parts[k] / MiB).toFixed(2)} → ${(after.parts[k] / MiB).toFixed(2)}`)
      .join(', ');
    console.log(`snapshot self sizes, MiB: ${parts}`);
    const grew = [...after.byName]
      .map(([k, [size, count]]) => {
        const [s0, c0] = before.byName.get(k) ?? [0, 0];
        return { k, size: size - s0, count: count - c0 };
      })
      .sort((a, b) => b.size - a.size)
      .slice(0, Number(args.top));
    for (const g of grew)
      console.log(`  ${(g.size / 1024).toFixed(1).padStart(8)} KB ${String(g.count).padStart(7)}  ${g.k}`);
  } finally {
    await browser.close();
    agent.destroy();
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
