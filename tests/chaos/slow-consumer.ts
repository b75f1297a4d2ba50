import { FaultProxy } from '../support/fault-proxy.js';
import { FeedClient } from '../support/feed-client.js';
import { ScriptedTickSource } from '../support/scripted-ticks.js';
import { startServer } from '../support/server.js';
import { CHAOS_TOKEN, isWhole, postWithRetry, serverMetrics, sleep } from './common.js';

export interface SlowConsumerOptions {
  seed: number;
  symbols: number;
  /** Length of each phase (without, then with the slow client), ms. */
  phaseMs: number;
  /** A story every storyMs. */
  storyMs: number;
  /** Each symbol ticks this often (ms). */
  tickMs: number;
  /** The slow client's link, bytes a second each way. */
  bytesPerSecond: number;
  others: number;
  maxBacklogKb: number;
}

export interface SlowConsumerResult {
  seed: number;
  symbols: number;
  stories: number;
  ticksPushed: number;
  /** Story latency (post to arrival) at the other clients, ms: without, then with the slow client. */
  othersMs: { without: { p50: number; p95: number }; with: { p50: number; p95: number } };
  othersWhole: number;
  others: number;
  slowWhole: boolean;
  /** Symbols whose latest price the slow client holds, out of `symbols`. */
  slowLatestPrices: number;
  slowDrainMs: number;
  /** Times the slow client found its link dead (heartbeat) and reconnected, resuming from its position. */
  slowReconnects: number;
  batchesSkipped: number;
  shed: number;
  pass: boolean;
}

const symbolName = (i: number) =>
  `Q${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;

function quantiles(xs: number[]): { p50: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? -1;
  return { p50: Math.round(at(0.5)), p95: Math.round(at(0.95)) };
}

/**
 * One client on a throttled link while many symbols tick fast and stories flow: the others'
 * story latency is compared with and without it (figures, not asserted), and it still ends with
 * every story and the latest price of each symbol.
 */
export async function slowConsumer(opts: SlowConsumerOptions): Promise<SlowConsumerResult> {
  const ticks = new ScriptedTickSource();
  const server = await startServer({
    tickSource: ticks,
    env: {
      STORE: 'memory',
      INGEST_TOKEN: CHAOS_TOKEN,
      INGEST_RATE_PER_MINUTE: '1000000',
      SOCKET_MAX_BACKLOG_KB: String(opts.maxBacklogKb),
      SOCKET_PING_INTERVAL_MS: '2000',
      SOCKET_PING_TIMEOUT_MS: '2000',
    },
  });
  const proxy = new FaultProxy(Number(new URL(server.url).port));
  const symbols = Array.from({ length: opts.symbols }, (_, i) => symbolName(i));
  const last = new Map<string, { p: number; t: number }>();
  const others: FeedClient[] = [];
  let slow: FeedClient | null = null;
  let ticking = true;
  let ticksPushed = 0;
  try {
    for (let i = 0; i < opts.others; i++) others.push(new FeedClient(server.url, { tickSymbols: symbols }));
    await Promise.all(others.map((c) => c.connected()));
    let t = Date.now();
    const tickLoop = (async () => {
      let k = 0;
      while (ticking) {
        t = Math.max(t + 1, Date.now());
        for (const s of symbols) {
          const p = Math.round((100 + 10 * Math.sin(k / 7 + s.charCodeAt(2))) * 100) / 100;
          ticks.push(s, p, t);
          last.set(s, { p, t });
          ticksPushed++;
        }
        k++;
        await sleep(opts.tickMs);
      }
    })();

    const posted = new Map<number, number>();
    let n = 0;
    const postFor = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        const at = Date.now();
        const { seq } = await postWithRetry(server.url, {
          headline: `Slow consumer story ${n} of seed ${opts.seed}`,
          source: 'chaos',
          externalId: `slow-${opts.seed}-${n++}`,
          tickers: [symbols[n % symbols.length] as string],
        });
        posted.set(seq, at);
        await sleep(opts.storyMs);
      }
    };
    const latencies = (from: number, to: number) =>
      others.flatMap((c) =>
        [...posted]
          .filter(([seq]) => seq >= from && seq <= to)
          .map(([seq, at]) => (c.arrivedAt.get(seq) ?? Infinity) - at),
      );

    await postFor(opts.phaseMs);
    const phaseA = n;
    const viaProxy = await proxy.listen();
    slow = new FeedClient(viaProxy, { tickSymbols: symbols });
    await slow.connected();
    proxy.set({ kind: 'throttle', bytesPerSecond: opts.bytesPerSecond });
    await postFor(opts.phaseMs);
    ticking = false;
    await tickLoop;
    await sleep(300);
    const stories = n;
    await Promise.all(others.map((c) => waitUntilTrue(() => isWhole(c.seqs(), stories), 10_000)));
    const without = quantiles(latencies(1, phaseA));
    const withSlow = quantiles(latencies(phaseA + 1, stories));

    const drainStart = Date.now();
    const slowClient = slow;
    const latestHeld = () =>
      symbols.filter((s) => {
        const held = slowClient.prices.get(s);
        const want = last.get(s);
        return held && want && held.t === want.t && held.p === want.p;
      }).length;
    await waitUntilTrue(
      () => isWhole(slowClient.seqs(), stories) && latestHeld() === symbols.length,
      120_000,
    );
    const slowDrainMs = Date.now() - drainStart;
    const m = await serverMetrics(server.url);
    const othersWhole = others.filter((c) => isWhole(c.seqs(), stories)).length;
    const slowWhole = isWhole(slowClient.seqs(), stories);
    const slowLatestPrices = latestHeld();
    return {
      seed: opts.seed,
      symbols: opts.symbols,
      stories,
      ticksPushed,
      othersMs: { without, with: withSlow },
      othersWhole,
      others: opts.others,
      slowWhole,
      slowLatestPrices,
      slowDrainMs,
      slowReconnects: slowClient.disconnects.length,
      batchesSkipped: m.tickerwire_tick_batches_skipped_total ?? 0,
      shed: m.tickerwire_sockets_shed_total ?? 0,
      pass: othersWhole === opts.others && slowWhole && slowLatestPrices === symbols.length,
    };
  } finally {
    ticking = false;
    slow?.close();
    for (const c of others) c.close();
    await proxy.close();
    await server.close();
  }
}

async function waitUntilTrue(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(50);
  }
  return check();
}
