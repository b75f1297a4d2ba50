// Runs the wall at a compressed pace and prints its JS heap: a story every STORY_MS (200 ms) about
// one of many tickers, the mock market ticking every subscribed symbol, for SOAK_SECONDS (180).
// Usage: npm run build && npm run soak:wall   (env: SOAK_SECONDS, STORY_MS, SOAK_PATH)
// Prints heap before (after a warm-up), peak and end, after a forced GC at each sample. Buffers fill
// during the first minutes (stories, price windows, chart histories); after that the heap must stay
// flat: it fails (exit 1) when the second half of the run grows it by more than SOAK_MAX_LATE_GROWTH_MB.
import { launchBrowser } from '../tests/support/browser.js';
import { makeArticle, postArticle } from '../tests/support/client.js';
import { startServer } from '../tests/support/server.js';

const seconds = Number(process.env.SOAK_SECONDS ?? 480);
const storyMs = Number(process.env.STORY_MS ?? 200);
const path = process.env.SOAK_PATH ?? '/wall?rotate=3';
const maxLateGrowthMb = Number(process.env.SOAK_MAX_LATE_GROWTH_MB ?? 3);
const SYMBOLS = (
  'AAPL MSFT NVDA AMZN META GOOGL TSLA AVGO AMD INTC ORCL CRM ADBE NFLX QCOM TXN MU AMAT LRCX KLAC ' +
  'BABA JD PDD BIDU NIO TSM ASML SAP SONY TM JPM BAC WFC GS MS C V MA PYPL SQ ' +
  'XOM CVX COP SLB OXY PFE MRK LLY JNJ ABBV UNH CVS WMT COST TGT HD LOW NKE SBUX MCD'
).split(' ');

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const server = await startServer({
  withClient: true,
  env: { STORE: 'memory', DEMO_NEWS: 'off', MOCK_BACKFILL_MINUTES: '30', INGEST_RATE_PER_MINUTE: '100000' },
});
const browser = await launchBrowser();
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { heap: get('JSHeapUsedSize'), nodes: get('Nodes'), listeners: get('JSEventListeners') };
  };

  let n = 0;
  let posting = true;
  const poster = (async () => {
    while (posting) {
      const symbol = SYMBOLS[n % SYMBOLS.length] as string;
      n += 1;
      await postArticle(
        server.url,
        server.token,
        makeArticle({ headline: `${symbol} soak story ${n}: shares move on the news`, tickers: [symbol] }),
      ).catch(() => {});
      await new Promise((r) => setTimeout(r, storyMs));
    }
  })();

  await page.goto(`${server.url}${path}`);
  await page.locator('[data-testid="wall-story"]').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(10_000);
  const before = await sample();
  let peak = before;
  let mid: typeof before | null = null;
  console.log(
    `soak ${path}: a story every ${storyMs} ms for ${seconds} s; before: heap ${mb(before.heap)} MB, ${before.nodes} DOM nodes`,
  );
  const started = Date.now();
  while (Date.now() - started < seconds * 1_000) {
    await page.waitForTimeout(Math.min(15_000, seconds * 1_000 - (Date.now() - started)));
    const s = await sample();
    if (s.heap > peak.heap) peak = s;
    if (!mid && Date.now() - started >= (seconds * 1_000) / 2) mid = s;
    console.log(
      `  t=${Math.round((Date.now() - started) / 1_000)}s stories=${n} heap=${mb(s.heap)} MB nodes=${s.nodes} listeners=${s.listeners}`,
    );
  }
  posting = false;
  await poster;
  // The median of three samples, so a chart caught mid-render does not count as growth.
  const ends = [];
  for (let i = 0; i < 3; i++) {
    ends.push(await sample());
    await page.waitForTimeout(2_000);
  }
  ends.sort((x, y) => x.heap - y.heap);
  const end = ends[1] ?? ends[0] ?? before;
  const rows = await page.locator('[data-testid="wall-headline-row"]').count();
  console.log(
    `heap before ${mb(before.heap)} MB, peak ${mb(peak.heap)} MB, end ${mb(end.heap)} MB; DOM nodes ${before.nodes} → ${end.nodes}; ${n} stories posted, ${rows} headlines shown`,
  );
  const late = end.heap - (mid ?? before).heap;
  console.log(`growth over the second half: ${mb(late)} MB (limit ${maxLateGrowthMb} MB)`);
  if (late > maxLateGrowthMb * 1024 * 1024) {
    console.error('the heap kept growing');
    failed = true;
  }
  await page.close();
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
