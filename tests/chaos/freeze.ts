import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientProcess, spawnClient } from '../support/client-process.js';
import { FeedClient } from '../support/feed-client.js';
import { freePort, type ServerProcess, spawnServer } from '../support/server-process.js';
import {
  CHAOS_TOKEN,
  isWhole,
  mb,
  postWithRetry,
  rng,
  serverMemory,
  serverMetrics,
  sleep,
  storedSeqs,
} from './common.js';

export interface FreezeOptions {
  seed: number;
  stories: number;
  /** Clients that stay awake beside the frozen one (in this process). */
  others: number;
  freezeMs: number;
  /** Size of each story's body: what piles up for a frozen client. */
  bodyBytes: number;
  /** Socket.IO ping interval = timeout (ms) of the server. */
  pingMs: number;
  /** SOCKET_MAX_BACKLOG_KB of the server. */
  maxBacklogKb: number;
}

/** The frozen-client run passes only if the server's heap ends within this of its start (MiB). */
export const MAX_HEAP_GROWTH_MB = 48;

export interface FrozenClientResult {
  seed: number;
  stories: number;
  stored: number;
  /** How the server let go of the frozen client: the backlog bound, its heartbeat, or not at all. */
  shedBy: 'backlog' | 'heartbeat' | 'not shed';
  rssMb: { start: number; peak: number; end: number };
  heapMb: { start: number; peak: number; end: number };
  victimWhole: boolean;
  victimResumes: number;
  /** Copies the victim received twice (a replay overlapping what it had) and dropped by seq. */
  victimDuplicatesDropped: number;
  othersWhole: number;
  others: number;
  pass: boolean;
}

function serverEnv(dataDir: string, opts: FreezeOptions): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    INGEST_TOKEN: CHAOS_TOKEN,
    INGEST_RATE_PER_MINUTE: '1000000',
    MOCK_BACKFILL_MINUTES: '2',
    SOCKET_PING_INTERVAL_MS: String(opts.pingMs),
    SOCKET_PING_TIMEOUT_MS: String(opts.pingMs),
    SOCKET_MAX_BACKLOG_KB: String(opts.maxBacklogKb),
  };
}

function story(seed: number, i: number, bodyBytes: number, random: () => number): Record<string, unknown> {
  const filler = 'Markets moved on the report. '.repeat(Math.ceil(bodyBytes / 29)).slice(0, bodyBytes);
  return {
    headline: `Freeze story ${i} of seed ${seed} (${Math.floor(random() * 1e6)})`,
    source: 'chaos',
    externalId: `freeze-${seed}-${i}`,
    tickers: ['SPY'],
    body: filler,
  };
}

/** Samples the server's memory until stopped; keeps start, peak and last. */
function memorySampler(url: string) {
  const rss = { start: 0, peak: 0, end: 0 };
  const heap = { start: 0, peak: 0, end: 0 };
  let clientsMin = Number.POSITIVE_INFINITY;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const all = await serverMetrics(url);
        clientsMin = Math.min(clientsMin, all.tickerwire_socket_clients ?? clientsMin);
        const m = await serverMemory(url);
        if (!rss.start) {
          rss.start = m.rssMb;
          heap.start = m.heapMb;
        }
        rss.peak = Math.max(rss.peak, m.rssMb);
        heap.peak = Math.max(heap.peak, m.heapMb);
        rss.end = m.rssMb;
        heap.end = m.heapMb;
      } catch {
        // a frozen or restarting server answers later
      }
      await sleep(250);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      const round = (o: typeof rss) => ({ start: mb(o.start), peak: mb(o.peak), end: mb(o.end) });
      return { rssMb: round(rss), heapMb: round(heap), clientsMin };
    },
  };
}

async function waitFor(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return check();
}

/**
 * A client process is frozen (SIGSTOP) while big stories flow: the server must let go of it (its
 * backlog bound or its heartbeat) without its memory growing with the pile; after SIGCONT the
 * client reconnects, resumes from its position and ends with every story once, in order.
 */
export async function frozenClient(opts: FreezeOptions): Promise<FrozenClientResult> {
  const random = rng(opts.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-freeze-'));
  const port = await freePort();
  let server: ServerProcess | null = null;
  let victim: ClientProcess | null = null;
  const others: FeedClient[] = [];
  try {
    server = await spawnServer(serverEnv(dataDir, opts), port);
    const url = server.url;
    victim = await spawnClient(url, { tickSymbols: ['SPY', 'AAPL', 'MSFT'] });
    for (let i = 0; i < opts.others; i++) others.push(new FeedClient(url));
    await Promise.all(others.map((c) => c.connected()));
    const memory = memorySampler(url);
    await sleep(500);

    const third = Math.floor(opts.stories / 3);
    let i = 0;
    for (; i < third; i++) await postWithRetry(url, story(opts.seed, i, opts.bodyBytes, random));
    victim.child.kill('SIGSTOP');
    const frozenAt = Date.now();
    const during = opts.stories - 2 * third;
    const pace = opts.freezeMs / 2 / Math.max(1, during);
    for (let k = 0; k < during; k++, i++) {
      await postWithRetry(url, story(opts.seed, i, opts.bodyBytes, random));
      if (pace >= 1) await sleep(pace);
    }
    await sleep(Math.max(0, opts.freezeMs - (Date.now() - frozenAt)));
    victim.child.kill('SIGCONT');
    for (; i < opts.stories; i++) await postWithRetry(url, story(opts.seed, i, opts.bodyBytes, random));

    const n = opts.stories;
    await waitFor(async () => isWhole((await (victim as ClientProcess).report()).seqs, n), 30_000);
    await waitFor(() => others.every((c) => isWhole(c.seqs(), n)), 10_000);
    const report = await victim.report();
    const metrics = await serverMetrics(url);
    const shed = metrics.tickerwire_sockets_shed_total ?? 0;
    const { clientsMin, ...mem } = await memory.stop();
    const stored = (await storedSeqs(url)).length;
    const othersWhole = others.filter((c) => isWhole(c.seqs(), n)).length;
    const victimWhole = isWhole(report.seqs, n);
    // The server counted fewer clients while the victim was frozen: it let go of it.
    const shedBy = shed > 0 ? 'backlog' : clientsMin < opts.others + 1 ? 'heartbeat' : 'not shed';
    return {
      seed: opts.seed,
      stories: n,
      stored,
      shedBy,
      ...mem,
      victimWhole,
      victimResumes: report.resumes,
      victimDuplicatesDropped: report.arrivals - report.seqs.length,
      othersWhole,
      others: opts.others,
      // Memory: once the sleeper is let go and caught up, the server's heap is back near its start.
      pass:
        stored === n &&
        victimWhole &&
        othersWhole === opts.others &&
        shedBy !== 'not shed' &&
        mem.heapMb.end - mem.heapMb.start <= MAX_HEAP_GROWTH_MB,
    };
  } finally {
    for (const c of others) c.close();
    await victim?.stop();
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface FrozenServerResult {
  seed: number;
  stories: number;
  stored: number;
  clients: number;
  /** Clients that saw the frozen server by a missed heartbeat ('ping timeout'). */
  noticed: number;
  /** Time from the freeze to each client's "ping timeout" (ms), min and max. */
  noticedMs: { min: number; max: number };
  /** The heartbeat bound: ping interval + timeout (ms). */
  boundMs: number;
  producerRetries: number;
  clientsWhole: number;
  pass: boolean;
}

/**
 * The server process is frozen (SIGSTOP) while a producer keeps posting (retrying) and clients
 * listen: every client notices within the heartbeat bound; after SIGCONT everyone catches up and
 * every acknowledged story is stored once and held once, in order, by every client.
 */
export async function frozenServer(opts: FreezeOptions & { clients: number }): Promise<FrozenServerResult> {
  const random = rng(opts.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-freeze-'));
  const port = await freePort();
  let server: ServerProcess | null = null;
  const clients: FeedClient[] = [];
  try {
    server = await spawnServer(serverEnv(dataDir, opts), port);
    const url = server.url;
    for (let c = 0; c < opts.clients; c++) clients.push(new FeedClient(url, { reconnectionDelay: 200 }));
    await Promise.all(clients.map((c) => c.connected()));

    const freezeAt = Math.floor(opts.stories * (0.3 + random() * 0.3));
    let retries = 0;
    let frozenAt = 0;
    let thaw: Promise<void> | null = null;
    for (let i = 0; i < opts.stories; i++) {
      if (i === freezeAt) {
        const proc = server;
        proc.child.kill('SIGSTOP');
        frozenAt = Date.now();
        thaw = sleep(opts.freezeMs).then(() => {
          proc.child.kill('SIGCONT');
        });
      }
      const r = await postWithRetry(url, story(opts.seed, i, opts.bodyBytes, random));
      retries += r.retries;
      await sleep(10);
    }
    await thaw;
    const n = opts.stories;
    await waitFor(() => clients.every((c) => isWhole(c.seqs(), n)), 30_000);
    const notice = clients.map((c) =>
      c.disconnects.find((d) => d.at >= frozenAt && d.reason === 'ping timeout'),
    );
    const times = notice.flatMap((d) => (d ? [d.at - frozenAt] : []));
    const stored = (await storedSeqs(url)).length;
    const clientsWhole = clients.filter((c) => isWhole(c.seqs(), n)).length;
    return {
      seed: opts.seed,
      stories: n,
      stored,
      clients: opts.clients,
      noticed: times.length,
      noticedMs: { min: times.length ? Math.min(...times) : -1, max: times.length ? Math.max(...times) : -1 },
      boundMs: 2 * opts.pingMs,
      producerRetries: retries,
      clientsWhole,
      pass: stored === n && clientsWhole === opts.clients && times.length === opts.clients,
    };
  } finally {
    for (const c of clients) c.close();
    if (server) {
      server.child.kill('SIGCONT');
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
