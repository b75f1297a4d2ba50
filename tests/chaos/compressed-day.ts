import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { freePort, type ServerProcess, spawnServer } from '../support/server-process.js';
import { CHAOS_TOKEN, mb, postWithRetry, rng, serverMemory, sleep } from './common.js';

export interface CompressedDayOptions {
  seed: number;
  /** How much faster than the wall clock the day runs (ticks replayed at this speed, stories paced to it). */
  speed: number;
  /** Market hours to run (6.5 is a whole session). */
  hours: number;
  /** Stories in a (real) hour of market news. */
  storiesPerHour: number;
  /** The wall's URL path. */
  path: string;
  /** Pass when each measure's end is at most this many MiB above its start. */
  maxGrowthMb: { serverHeap: number; serverRss: number; browserHeap: number };
}

interface Sample {
  serverRss: number;
  serverHeap: number;
  browserHeap: number;
  domNodes: number;
}

export interface CompressedDayResult {
  seed: number;
  speed: number;
  hours: number;
  wallSeconds: number;
  stories: number;
  start: Sample;
  peak: Sample;
  end: Sample;
  headlinesShown: number;
  pass: boolean;
}

/** The symbols of the replayed recording (server/market/data/sample-ticks.jsonl). */
const SYMBOLS = [
  'AAPL',
  'AMD',
  'AMZN',
  'BABA',
  'GOOGL',
  'JPM',
  'META',
  'MSFT',
  'NFLX',
  'NVDA',
  'TSLA',
  'TSM',
];

async function browserMemory(cdp: CDPSession): Promise<{ heap: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const nodes = metrics.find((m) => m.name === 'Nodes')?.value ?? 0;
  return { heap: usedSize / 2 ** 20, nodes };
}

/**
 * Hours of market news and ticks at speed (ticks replayed `speed` times faster, stories paced to
 * the same clock) into a server process, with the wall open in Chromium. Reports the server's RSS
 * and heap and the page's JS heap (after a forced GC) at start, peak and end.
 */
export async function compressedDay(opts: CompressedDayOptions): Promise<CompressedDayResult> {
  const random = rng(opts.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-day-'));
  const port = await freePort();
  let server: ServerProcess | null = null;
  const browser = await launchBrowser();
  try {
    server = await spawnServer(
      {
        DATA_DIR: dataDir,
        INGEST_TOKEN: CHAOS_TOKEN,
        INGEST_RATE_PER_MINUTE: '1000000',
        TICK_SOURCE: 'replay',
        REPLAY_SPEED: String(opts.speed),
      },
      port,
    );
    const url = server.url;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const sample = async (): Promise<Sample> => {
      const s = await serverMemory(url);
      const b = await browserMemory(cdp);
      return { serverRss: mb(s.rssMb), serverHeap: mb(s.heapMb), browserHeap: mb(b.heap), domNodes: b.nodes };
    };

    let n = 0;
    const post = () => {
      const symbol = SYMBOLS[Math.floor(random() * SYMBOLS.length)] as string;
      const other = SYMBOLS[Math.floor(random() * SYMBOLS.length)] as string;
      n += 1;
      return postWithRetry(url, {
        headline: `${symbol} shares move after update ${n}; ${other} also in focus`,
        source: 'chaos-day',
        externalId: `day-${opts.seed}-${n}`,
        tickers: [symbol, other],
        summary: 'Compressed-day story: the price move since it broke is shown beside it.',
      });
    };
    // The first stories, so the wall has something to show before it is measured.
    for (let i = 0; i < 20; i++) await post();
    await page.goto(`${url}${opts.path}`);
    await page.locator('[data-testid="wall-story"]').waitFor({ timeout: 30_000 });
    await sleep(3_000);

    const wallMs = (opts.hours * 3_600_000) / opts.speed;
    const storyEveryMs = 3_600_000 / opts.storiesPerHour / opts.speed;
    const start = await sample();
    const peak = { ...start };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        await sleep(Math.max(2_000, wallMs / 20));
        if (!sampling) break;
        const s = await sample();
        for (const k of Object.keys(peak) as (keyof Sample)[]) peak[k] = Math.max(peak[k], s[k]);
      }
    })();
    const began = Date.now();
    let next = began;
    while (Date.now() - began < wallMs) {
      await post();
      next += storyEveryMs;
      await sleep(Math.max(0, next - Date.now()));
    }
    sampling = false;
    await sampler;
    await sleep(2_000);
    const end = await sample();
    for (const k of Object.keys(peak) as (keyof Sample)[]) peak[k] = Math.max(peak[k], end[k]);
    const headlinesShown = await page.locator('[data-testid="wall-headline-row"]').count();
    const g = opts.maxGrowthMb;
    return {
      seed: opts.seed,
      speed: opts.speed,
      hours: opts.hours,
      wallSeconds: Math.round((Date.now() - began) / 1_000),
      stories: n,
      start,
      peak,
      end,
      headlinesShown,
      pass:
        end.serverHeap - start.serverHeap <= g.serverHeap &&
        end.serverRss - start.serverRss <= g.serverRss &&
        end.browserHeap - start.browserHeap <= g.browserHeap,
    };
  } finally {
    await browser.close();
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
