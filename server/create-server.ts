import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { BENCHMARK_SYMBOL, type Tick } from '../shared/index.js';
import { type Clock, systemClock } from './clock.js';
import { ClusterLink, defaultNodeId } from './cluster/cluster.js';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { originAllowed, resolveIngestToken } from './http/auth.js';
import { IngestTokens, tokensFilePath } from './http/ingest-tokens.js';
import { ReactionEngine } from './impact/reaction-engine.js';
import { createLogger, type Logger } from './logger.js';
import { createTickSource } from './market/create-tick-source.js';
import { MarketData } from './market/market-data.js';
import { MockMarket } from './market/mock-market.js';
import type { TickSource } from './market/types.js';
import { createMetrics } from './metrics.js';
import { createNewsSources } from './news/create-news-sources.js';
import { DemoFeed, type PlannedStory } from './news/demo-feed.js';
import { NewsService } from './news/news-service.js';
import { type IoServer, RealtimeGateway } from './realtime/gateway.js';
import { SerialQueue } from './realtime/serial-queue.js';
import { viewerHandshake } from './realtime/viewer-auth.js';
import { MemoryStore } from './store/memory-store.js';
import { openPostgresStore } from './store/open-postgres.js';
import { SqliteStore } from './store/sqlite-store.js';
import type { Store } from './store/types.js';
import { SymbolDirectory } from './tagging/directory.js';
import { Tagger } from './tagging/tagger.js';
import { projectRoot, SERVER_VERSION } from './version.js';

export interface ServerDeps {
  config: Config;
  logger?: Logger;
  store?: Store;
  clock?: Clock;
  directory?: SymbolDirectory;
  /** Folder of the built client; null serves no page. Default: dist/client of the project. */
  clientDir?: string | null;
  /** Where prices come from; default: the mock market. */
  tickSource?: TickSource;
  /** Delay before the first live demo story (ms). */
  demoFirstDelayMs?: number;
  /** The version announced in server:hello and /api/health; default: package.json's. */
  serverVersion?: string;
  /** Delay before the first poll of the news feeds (ms): the server is listening by then. */
  newsFirstDelayMs?: number;
}

export interface AppServer {
  httpServer: HttpServer;
  io: IoServer;
  ingestToken: string;
  /** Where the generated ingest token is kept, when it was not configured. */
  ingestTokenFile: string | null;
  /** The file of per-source ingest tokens (it may not exist) and how many it holds. */
  ingestTokensFile: string;
  perSourceTokens: number;
  news: NewsService;
  market: MarketData;
  mock: MockMarket;
  reactions: ReactionEngine;
  store: Store;
  /** Stops sources, finishes in-flight commits, closes sockets, HTTP and the store. */
  close(): Promise<void>;
}

/** Directories already loaded, by their files: tests start many servers, each would load the same list. */
const directories = new Map<string, SymbolDirectory>();

function loadDirectory(files: readonly string[] | undefined): SymbolDirectory {
  const key = (files ?? []).join(',');
  let directory = directories.get(key);
  if (!directory) {
    directory = SymbolDirectory.fromFiles(files?.length ? files : undefined);
    directories.set(key, directory);
  }
  return directory;
}

/** Builds the whole server (HTTP, Socket.IO, market, news) without listening. */
export async function createServer(deps: ServerDeps): Promise<AppServer> {
  const { config } = deps;
  const logger = deps.logger ?? createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  const clock = deps.clock ?? systemClock;
  const store =
    deps.store ??
    (config.DATABASE_URL
      ? await openPostgresStore(config, logger)
      : config.STORE === 'memory'
        ? new MemoryStore()
        : new SqliteStore(join(config.DATA_DIR, 'tickerwire.db')));
  const directory = deps.directory ?? loadDirectory(config.SYMBOL_FILES);
  const metrics = createMetrics();
  const queue = new SerialQueue();
  const token = resolveIngestToken(config.INGEST_TOKEN, config.DATA_DIR);
  const ingestTokensFile = tokensFilePath(config.INGEST_TOKENS_FILE, config.DATA_DIR);
  const ingestTokens = IngestTokens.load(config.INGEST_DEFAULT_TOKEN ? token.token : null, ingestTokensFile);
  const serverVersion = deps.serverVersion ?? SERVER_VERSION;
  // Several nodes (REDIS_URL): the link to the others; null on a single node.
  const nodeId = config.NODE_ID ?? defaultNodeId(config.PORT);
  const cluster = config.REDIS_URL ? await ClusterLink.open(config.REDIS_URL, nodeId, logger, metrics) : null;
  if (cluster) metrics.registry.setDefaultLabels({ node: nodeId });

  const market = new MarketData(store, clock);
  const mock = new MockMarket({
    seed: config.MARKET_SEED,
    clock,
    historyMs: config.MOCK_BACKFILL_MINUTES * 60_000,
  });
  const ticks = createTickSource({
    config,
    clock,
    logger,
    metrics,
    mock,
    market,
    store,
    // Several nodes: the owner's source follows what clients of every node watch.
    watchers: () => (cluster ? cluster.watchers(gateway.watchers()) : gateway.watchers()),
    override: deps.tickSource,
  });
  const httpServer = createHttpServer();
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const ok = originAllowed(req.headers.origin, req.headers.host, config.ALLOWED_ORIGINS);
      if (!ok) metrics.rejectedMessages.inc({ kind: 'origin' });
      callback(ok ? null : 'origin not allowed', ok);
    },
    pingInterval: config.SOCKET_PING_INTERVAL_MS,
    pingTimeout: config.SOCKET_PING_TIMEOUT_MS,
    maxHttpBufferSize: 64 * 1024,
    ...(cluster ? { adapter: cluster.adapter } : {}),
  });
  // Registered before the gateway's own handshake check: a viewer without the token learns nothing.
  io.use(viewerHandshake(config.VIEW_TOKEN, () => metrics.rejectedMessages.inc({ kind: 'viewer-token' })));
  const gateway = new RealtimeGateway({
    io,
    store,
    queue,
    logger,
    metrics,
    serverVersion,
    onWatch: (symbols) => {
      ticks.clientsWatch(symbols);
      cluster?.forwardWatch(symbols);
    },
    onWatchersChange: () => ticks.demandChanged(),
    marketStatus: () => (cluster ? cluster.marketStatus(ticks.status()) : ticks.status()),
    maxBacklogBytes: config.SOCKET_MAX_BACKLOG_KB * 1024,
    tickBatchMaxPerSymbol: config.TICK_BATCH_MAX_PER_SYMBOL,
    reactionLiveStories: config.REACTION_LIVE_STORIES,
  });
  ticks.onStatus((status) => {
    // Several nodes: only the owner's source runs; followers pass on the status it sends.
    if (cluster && !cluster.lease.owner) return;
    gateway.publishMarketStatus(status);
    cluster?.publishStatus(status);
  });
  const benchmarkFor = (symbol: string) => config.REACTION_BENCHMARKS[symbol] ?? BENCHMARK_SYMBOL;
  const engine = new ReactionEngine({
    store,
    market,
    clock,
    logger,
    benchmarkFor,
    trackMs: config.REACTION_TRACK_HOURS * 3_600_000,
    publish: (sweep) => gateway.publishReactions(sweep),
    ...(cluster ? { writes: () => cluster.lease.owner } : {}),
  });
  market.onTick((tick) => {
    gateway.offerTick(tick);
    engine.onTick(tick);
  });
  const news = new NewsService({
    store,
    tagger: new Tagger(directory),
    tickSource: ticks.source,
    reactions: { engine, benchmarkFor },
    faultKillAfterCommit: config.FAULT_KILL_AFTER_COMMIT,
    gateway,
    queue,
    clock,
    logger,
    metrics,
    sameStory: { windowMs: config.NEWS_MERGE_MINUTES * 60_000, threshold: 0.9 },
    ...(cluster
      ? {
          committed: (article: { seq: number }, moves: Record<string, number>) =>
            io.serverSideEmit('story:committed', { seq: article.seq, moves }),
          merged: (seq: number, source: string, url: string | null) =>
            io.serverSideEmit('story:merged', { seq, source, url }),
        }
      : {}),
  });
  const sources = createNewsSources(config, { news, directory, clock, logger, metrics });
  const demo = config.DEMO_NEWS ? new DemoFeed(news, clock, config.DEMO_INTERVAL_MS, logger) : null;

  // Prices continue from the stored bars; only the mock market can make up a past: it fills in
  // the history it missed (and, on a first start, the demo's past stories) before serving.
  const now = clock.now();
  const backfillMs = (ticks.source === mock ? config.MOCK_BACKFILL_MINUTES : 0) * 60_000;
  const recent = await store.listArticles({ limit: 200 });
  const storedLast = await store.lastBars();
  // Every source starts from the last stored prices (live ones until their first trade arrives).
  for (const bar of storedLast) market.seed(bar.symbol, { t: bar.t, p: bar.c });
  const lastBars = storedLast.filter((bar) => bar.t >= now - backfillMs);
  let plan: PlannedStory[] = [];
  // Several nodes: only the owner of the tick source makes prices up and writes bars.
  const ownsTicks = cluster ? await cluster.lease.tryAcquire() : true;
  if (cluster) market.writesBars = () => cluster.lease.owner;
  if (ticks.source === mock) {
    const universe = new Set([
      BENCHMARK_SYMBOL,
      ...Object.values(config.REACTION_BENCHMARKS),
      ...(demo?.symbols ?? []),
      ...recent.flatMap((a) => a.tickers.flatMap((t) => [t.symbol, t.reaction.benchmark])),
    ]);
    for (const bar of lastBars) {
      mock.add(bar.symbol, { t: bar.t, price: bar.c });
      universe.delete(bar.symbol);
    }
    for (const s of universe) mock.add(s, { t: now - backfillMs });
  }
  // A follower knows the symbols (for a takeover) but makes no history up: the owner does.
  if (ticks.source === mock && ownsTicks) {
    plan = demo && recent.length === 0 ? demo.planBackfill(now, backfillMs) : [];
    if (demo) demo.shockPlanned(plan, mock);
    const started = performance.now();
    mock.advanceTo(now, (tick) => market.ingest(tick, false));
    await market.flush(true);
    logger.info(
      { symbols: mock.symbols.length, ms: Math.round(performance.now() - started) },
      'price history filled in',
    );
  }
  await engine.load();
  await news.load();
  if (demo) await demo.ingestPlanned(plan);

  const onTick = (tick: Tick) => {
    metrics.ticksIn.inc();
    market.ingest(tick);
    cluster?.offerTick(tick);
  };
  let ticking = false;
  const startTicks = () => {
    if (ticking) return;
    ticking = true;
    ticks.start(onTick);
  };
  if (ownsTicks) startTicks();
  if (cluster) {
    await cluster.wire(
      {
        store,
        queue: (task) => queue.run(task),
        emit: (article) => gateway.emitArticle(article),
        learned: (article, moves) => news.learn(article, moves),
        merged: (m) => news.learnSource(m.seq, m.source, m.url),
        applyTicks: (list) => {
          for (const tick of list) market.ingest(tick);
        },
        watch: (symbols) => ticks.clientsWatch(symbols),
        demandChanged: () => ticks.demandChanged(),
        watchers: () => gateway.watchers(),
        status: () => ticks.status(),
        statusChanged: (status) => gateway.publishMarketStatus(status),
        startTicks: () => {
          // A takeover: the mock continues from the last prices the old owner sent, not from its own past.
          if (ticks.source === mock) mock.rebase(market.quotes(), clock.now());
          startTicks();
        },
        stopTicks: () => {
          ticking = false;
          ticks.source.stop();
        },
      },
      io,
    );
    if (cluster.relay) gateway.setRelay(cluster.relay);
  }
  const timers = [
    setInterval(
      () => void market.flush().catch((err: unknown) => logger.error({ err }, 'bar flush failed')),
      1_000,
    ),
    setInterval(
      () =>
        void store
          .pruneBars(clock.now() - config.TICK_RETENTION_HOURS * 3_600_000)
          .catch((err: unknown) => logger.error({ err }, 'prune failed')),
      10 * 60_000,
    ),
  ];
  for (const t of timers) t.unref();
  engine.start();
  demo?.start(deps.demoFirstDelayMs);
  sources.start(deps.newsFirstDelayMs ?? 1_000);

  let ready = true;
  const app = createApp({
    store,
    news,
    market,
    directory,
    metrics,
    logger,
    clock,
    ingestTokens: ingestTokens.tokens,
    ingestBodyLimit: config.INGEST_BODY_LIMIT,
    viewToken: config.VIEW_TOKEN,
    metricsToken: config.METRICS_TOKEN,
    reactions: engine,
    ingestRatePerMinute: config.INGEST_RATE_PER_MINUTE,
    serverVersion,
    tickSource: ticks.source.kind,
    marketStatus: () => (cluster ? cluster.marketStatus(ticks.status()) : ticks.status()),
    newsStatus: () => sources.status(),
    clientDir: deps.clientDir === undefined ? join(projectRoot(), 'dist', 'client') : deps.clientDir,
    clients: () => io.engine.clientsCount,
    ...(cluster ? { clusterStatus: () => cluster.status() } : {}),
    isReady: () => ready,
  });
  // Socket.IO (engine.io) answers every request under its path itself: the app, added after it,
  // must not answer them too (a long-polling client made both write one response: the process died).
  httpServer.on('request', (req, res) => {
    if (req.url?.startsWith('/socket.io/')) return;
    app(req, res);
  });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      ready = false;
      demo?.stop();
      await sources.stop();
      await ticks.stop();
      for (const t of timers) clearInterval(t);
      gateway.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await queue.idle();
      await engine.stop();
      await market.flush(true);
      // Several nodes: the lease goes last, once this owner's bars and reactions are written.
      await cluster?.close();
      await store.close();
    })();
    return closing;
  };

  return {
    httpServer,
    io,
    ingestToken: token.token,
    ingestTokenFile: token.file,
    ingestTokensFile,
    perSourceTokens: ingestTokens.perSource,
    news,
    market,
    mock,
    reactions: engine,
    store,
    close,
  };
}
