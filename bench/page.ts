import { existsSync, readFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { projectRoot } from '../server/version.js';
import { launchBrowser } from '../tests/support/browser.js';
import { nowMs, sleep } from './clock.js';
import { type BenchContext, recordStartup } from './context.js';
import { type HeapParts, heapSplit } from './heap-split.js';
import { httpRequest, keepAliveAgent } from './http.js';
import type { PageRun } from './results.js';
import { type RunningServer, startTickerwire } from './servers.js';
import { median } from './stats.js';

/** 50 symbols the desk lists stories about (each ticks 10 times a second), plus the benchmark. */
export const PAGE_SYMBOLS = (
  'AAPL MSFT NVDA AMZN META GOOGL TSLA AVGO AMD INTC ORCL CRM ADBE NFLX QCOM TXN MU AMAT LRCX KLAC ' +
  'BABA JD PDD BIDU NIO TSM ASML SAP SONY TM JPM BAC WFC GS MS C V MA PYPL XOM ' +
  'CVX COP SLB OXY PFE MRK LLY JNJ ABBV UNH'
).split(' ');
const TICKS_PER_SYMBOL_PER_SECOND = 10;
const WARMUP_MS = 5_000;
const VIEWPORT = { width: 1440, height: 900 };

/** Counters the page keeps from its first script on: frames per second, long tasks, first story. */
const INIT_SCRIPT = `(() => {
  const b = { perSecond: [], long: [], longAt: [], loadLong: [], firstStory: null, measuring: false, since: 0 };
  window.__bench = b;
  let from = performance.now();
  let frames = 0;
  const onFrame = (t) => {
    frames++;
    if (t - from >= 1000) {
      if (b.measuring) b.perSecond.push((frames * 1000) / (t - from));
      from = t;
      frames = 0;
    }
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!b.measuring) b.loadLong.push(e.duration);
      else {
        b.long.push(e.duration);
        b.longAt.push(e.startTime - b.since);
      }
    }
  }).observe({ type: 'longtask', buffered: true });
  const seen = new MutationObserver(() => {
    if (b.firstStory !== null || !document.querySelector('[data-testid="article-row"]')) return;
    seen.disconnect();
    b.firstStory = -1;
    // The frame that paints it.
    requestAnimationFrame(() => { b.firstStory = performance.now(); });
  });
  seen.observe(document, { childList: true, subtree: true });
})();`;

interface PageCounters {
  perSecond: number[];
  long: number[];
  /** When each long task started, ms after measuring began (negative: before it, reported late). */
  longAt: number[];
  since: number;
  loadLong: number[];
  firstStory: number | null;
}

/** Gzipped size (KiB) of the JavaScript index.html loads before anything else (entry + modulepreloads). */
function initialJsGzKiB(clientDir: string): { kib: number; files: string[] } {
  const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(clientDir, f))).length, 0);
  return { kib: bytes / 1024, files };
}

async function metrics(cdp: CDPSession, gc: boolean): Promise<Record<string, number>> {
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** The page's server: the 50 symbols and the benchmark ticking 10 times a second, the built client served. */
export function startPageServer(tmpRoot: string): Promise<RunningServer> {
  const symbols = [...PAGE_SYMBOLS, 'SPY'];
  return startTickerwire(
    tmpRoot,
    'page',
    { MOCK_BACKFILL_MINUTES: '0' },
    {
      withClient: true,
      ticksPerSecond: symbols.length * TICKS_PER_SYMBOL_PER_SECOND,
      tickSymbols: symbols,
    },
  );
}

/** Posts the next story of the page's round robin over its symbols (one ticker each). */
export function poster(server: RunningServer, agent: Agent, runId: string) {
  let n = 0;
  return async () => {
    const symbol = PAGE_SYMBOLS[n % PAGE_SYMBOLS.length] as string;
    n++;
    const res = await httpRequest(`${server.url}/api/articles`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${server.token}` },
      body: JSON.stringify({
        headline: `${symbol} shares move after the company updates its outlook (${n})`,
        summary: 'The company gave new figures for the quarter.',
        source: 'bench-wire',
        externalId: `bench-page-${runId}-${n}`,
        tickers: [symbol],
      }),
    });
    if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${res.body.slice(0, 200)}`);
  };
}

const MiB = 1024 * 1024;
const inMiB = (p: HeapParts): HeapParts => ({ code: p.code / MiB, js: p.js / MiB, native: p.native / MiB });

/** Time the page gets after the bench's own heap snapshot and GC, before the run starts counting. */
const SETTLE_MS = 5_000;

async function measurePage(page: Page, cdp: CDPSession, seconds: number, post: () => Promise<void>) {
  // Before the run (a snapshot pauses the page): what the heap is made of at the start, and the
  // heap after a full GC. Both are long tasks of the bench's own: the page settles, and their
  // entries are reported, before the run starts counting.
  const partsStart = inMiB((await heapSplit(cdp)).parts);
  const startGc = await metrics(cdp, true);
  await sleep(SETTLE_MS);
  await page.evaluate(() => {
    const b = (window as unknown as { __bench: PageCounters & { measuring: boolean } }).__bench;
    b.perSecond.length = 0;
    b.long.length = 0;
    b.longAt.length = 0;
    b.since = performance.now();
    b.measuring = true;
  });
  const start = await metrics(cdp, false);
  const t0 = nowMs();
  let posted = 0;
  while (nowMs() - t0 < seconds * 1000) {
    const due = t0 + posted * 1000;
    await sleep(Math.max(0, due - nowMs()));
    await post();
    posted++;
  }
  await sleep(Math.max(0, t0 + seconds * 1000 - nowMs()));
  const endRaw = await metrics(cdp, false);
  const elapsed = (nowMs() - t0) / 1000;
  const counters = await page.evaluate(() => {
    const b = (window as unknown as { __bench: PageCounters & { measuring: boolean } }).__bench;
    b.measuring = false;
    return { perSecond: [...b.perSecond], long: [...b.long], longAt: [...b.longAt] };
  });
  const end = await metrics(cdp, true);
  const partsEnd = inMiB((await heapSplit(cdp)).parts);
  return {
    heapParts: { start: partsStart, end: partsEnd },
    counters,
    posted,
    elapsed,
    mainThreadMsPerSecond: (((endRaw.TaskDuration ?? 0) - (start.TaskDuration ?? 0)) * 1000) / elapsed,
    scriptMsPerSecond: (((endRaw.ScriptDuration ?? 0) - (start.ScriptDuration ?? 0)) * 1000) / elapsed,
    heapStart: startGc.JSHeapUsedSize ?? Number.NaN,
    heapEnd: end.JSHeapUsedSize ?? Number.NaN,
    nodesStart: startGc.Nodes ?? Number.NaN,
    nodesEnd: end.Nodes ?? Number.NaN,
  };
}

/**
 * 6. The page: the desk in Chromium with 50 symbols ticking 10 times a second and a story a second:
 * frames per second, long tasks, main-thread time, JS heap, initial JS size, first story on screen.
 */
export async function pageSection(ctx: BenchContext): Promise<void> {
  const { quick } = ctx;
  const clientDir = join(projectRoot(), 'dist', 'client');
  if (!existsSync(join(clientDir, 'index.html'))) {
    ctx.results.notes.push('page: not measured: dist/client is missing (run `npm run build` first)');
    return;
  }
  const seconds = quick ? 15 : 60;
  const js = initialJsGzKiB(clientDir);
  ctx.progress('page: starting the server');
  const server = await startPageServer(ctx.tmpRoot);
  recordStartup(ctx, 'tickerwire (page)', 0, server);
  const agent = keepAliveAgent(1);
  const browser = await launchBrowser();
  try {
    await server.child.ask({ type: 'start-ticks' });
    const post = poster(server, agent, ctx.runId);
    // One story per symbol already stored, so the desk lists (and ticks) all 50.
    for (let i = 0; i < PAGE_SYMBOLS.length; i++) await post();
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const loadedJs: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) loadedJs.push(new URL(r.url()).pathname);
    });
    await page.addInitScript(INIT_SCRIPT);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    ctx.progress('page: loading the desk');
    await page.goto(server.url);
    await page.waitForFunction(
      () => ((window as unknown as { __bench: PageCounters }).__bench.firstStory ?? -1) > 0,
      undefined,
      { timeout: 30_000 },
    );
    const firstStoryMs = await page.evaluate(
      () => (window as unknown as { __bench: PageCounters }).__bench.firstStory ?? Number.NaN,
    );
    await sleep(WARMUP_MS);
    const loadLong = await page.evaluate(() => [
      ...(window as unknown as { __bench: PageCounters }).__bench.loadLong,
    ]);
    ctx.progress(`page: measuring for ${seconds} s`);
    const m = await measurePage(page, cdp, seconds, post);
    const loadedJsGz = [...new Set(loadedJs)].reduce((n, path) => {
      const file = join(clientDir, path);
      return n + (existsSync(file) ? gzipSync(readFileSync(file)).length : 0);
    }, 0);
    const rows = await page.locator('[data-testid="article-row"]').count();
    const run: PageRun = {
      seconds: m.elapsed,
      symbols: PAGE_SYMBOLS.length,
      ticksPerSymbolPerSecond: TICKS_PER_SYMBOL_PER_SECOND,
      storiesPosted: m.posted,
      viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
      fpsPerSecond: m.counters.perSecond,
      fpsMedian: median(m.counters.perSecond),
      fpsMin: Math.min(...m.counters.perSecond),
      longTasks: m.counters.long.length,
      longTaskMaxMs: m.counters.long.length ? Math.max(...m.counters.long) : 0,
      longTaskAtS: m.counters.longAt.map((ms) => Math.round(ms) / 1000),
      loadLongTaskMaxMs: loadLong.length ? Math.max(...loadLong) : 0,
      mainThreadMsPerSecond: m.mainThreadMsPerSecond,
      scriptMsPerSecond: m.scriptMsPerSecond,
      heapStartMiB: m.heapStart / 1024 / 1024,
      heapEndMiB: m.heapEnd / 1024 / 1024,
      heapParts: m.heapParts,
      domNodesStart: m.nodesStart,
      domNodesEnd: m.nodesEnd,
      initialJsGzKiB: js.kib,
      initialJsFiles: js.files,
      loadedJsGzKiB: loadedJsGz / 1024,
      firstStoryMs,
      rowsShown: rows,
      pageErrors: errors.length,
    };
    ctx.results.page.push(run);
    if (errors.length) ctx.results.notes.push(`page: ${errors.length} page errors, first: ${errors[0]}`);
  } finally {
    await browser.close();
    agent.destroy();
    await server.stop();
  }
}
