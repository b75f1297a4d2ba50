import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import {
  type ArticlePage,
  articleInputSchema,
  articleQuerySchema,
  type ClusterHealth,
  type HealthResponse,
  type MarketStatus,
  MOVER_WINDOWS,
  type MoversPage,
  moversQuerySchema,
  type NewsSourceStatus,
  PROTOCOL_VERSION,
  type PriceHistory,
  parseSymbolList,
  type QuotesResponse,
  type SymbolInfo,
  toIssues,
} from '../../shared/index.js';
import type { Clock } from '../clock.js';
import type { ReactionEngine } from '../impact/reaction-engine.js';
import type { Logger } from '../logger.js';
import type { MarketData } from '../market/market-data.js';
import type { Metrics } from '../metrics.js';
import type { NewsService } from '../news/news-service.js';
import { type Store, StoreUnavailableError } from '../store/types.js';
import type { SymbolDirectory } from '../tagging/directory.js';
import { requireBearer } from './auth.js';

export interface AppDeps {
  store: Store;
  news: NewsService;
  market: MarketData;
  directory: SymbolDirectory;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  ingestToken: string;
  reactions: ReactionEngine;
  ingestRatePerMinute: number;
  serverVersion: string;
  tickSource: string;
  /** Which prices are live (the tick source's status). */
  marketStatus: () => MarketStatus;
  /** How the news feeds and streams are doing. */
  newsStatus?: () => NewsSourceStatus[];
  clientDir: string | null;
  /** Several nodes: this node's status (absent on a single node). */
  clusterStatus?: () => ClusterHealth;
  clients: () => number;
  isReady: () => boolean;
}

const badRequest = (res: Response, message: string, issues: { path: string; message: string }[]) =>
  res.status(400).json({ error: { code: 'BAD_REQUEST', message, issues } });

const MAX_HISTORY_SPAN = 7 * 24 * 3_600_000;
/** How long GET /api/health waits for the store's answer. */
const STORE_PING_TIMEOUT_MS = 2_000;

/** The HTTP side: ingest, reads, health, metrics and the built client. */
export function createApp(deps: AppDeps): express.Express {
  const { store, news, market, directory, metrics, reactions } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );

  const api = express.Router();
  api.use(express.json({ limit: '512kb' }));

  api.post(
    '/articles',
    requireBearer(deps.ingestToken, () =>
      metrics.articlesIngested.inc({ result: 'unauthorized', source_kind: 'api' }),
    ),
    rateLimit({
      windowMs: 60_000,
      limit: deps.ingestRatePerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) =>
        res
          .status(429)
          .json({ error: { code: 'RATE_LIMITED', message: 'too many stories; retry after the window' } }),
    }),
    async (req: Request, res: Response) => {
      const parsed = articleInputSchema.safeParse(req.body);
      if (!parsed.success) {
        metrics.articlesIngested.inc({ result: 'rejected', source_kind: 'api' });
        return badRequest(res, 'invalid article', toIssues(parsed.error));
      }
      const { article, created } = await news.ingest(parsed.data);
      res
        .status(created ? 201 : 200)
        .location(`/api/articles/${article.id}`)
        .json(article);
    },
  );

  api.get('/articles', async (req, res) => {
    const q = articleQuerySchema.safeParse(req.query);
    if (!q.success) return badRequest(res, 'invalid query', toIssues(q.error));
    const { symbols, invalid } = parseSymbolList(q.data.tickers);
    if (invalid.length) {
      return badRequest(
        res,
        'invalid query',
        invalid.map((s) => ({ path: 'tickers', message: `"${s}" is not a valid ticker symbol` })),
      );
    }
    const articles = await store.listArticles({
      tickers: symbols,
      limit: q.data.limit,
      beforeSeq: q.data.beforeSeq,
      primaryOnly: q.data.primaryOnly,
    });
    const last = articles[articles.length - 1];
    const page: ArticlePage = {
      articles: articles.map((a) => reactions.decorate(a)),
      nextBeforeSeq: articles.length === q.data.limit && last ? last.seq : null,
      latestSeq: await store.latestSeq(),
    };
    res.json(page);
  });

  api.get('/articles/:id', async (req, res) => {
    const article = await store.getArticle(req.params.id);
    if (!article) return res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such article' } });
    res.json(reactions.decorate(article));
  });

  api.get('/movers', async (req, res) => {
    const q = moversQuerySchema.safeParse(req.query);
    if (!q.success) return badRequest(res, 'invalid query', toIssues(q.error));
    const body: MoversPage = {
      window: q.data.window,
      movers: await reactions.moverArticles(MOVER_WINDOWS[q.data.window], q.data.limit),
    };
    res.json(body);
  });

  api.get('/tickers/:symbol/history', async (req, res) => {
    const { symbols, invalid } = parseSymbolList(req.params.symbol);
    const symbol = symbols[0];
    if (!symbol || invalid.length)
      return badRequest(res, 'invalid symbol', [{ path: 'symbol', message: 'not a valid ticker symbol' }]);
    const now = deps.clock.now();
    const to = req.query.to === undefined ? now : Number(req.query.to);
    const from = req.query.from === undefined ? to - 3_600_000 : Number(req.query.from);
    const issues = [];
    if (!Number.isFinite(from) || from < 0)
      issues.push({ path: 'from', message: 'must be epoch milliseconds' });
    if (!Number.isFinite(to) || to < 0) issues.push({ path: 'to', message: 'must be epoch milliseconds' });
    if (issues.length === 0 && (to <= from || to - from > MAX_HISTORY_SPAN)) {
      issues.push({ path: 'from', message: 'window must be positive and at most 7 days' });
    }
    if (issues.length) return badRequest(res, 'invalid window', issues);
    const { resolutionMs, points } = await market.history(symbol, from, to);
    const body: PriceHistory = { symbol, from, to, resolutionMs, points };
    res.json(body);
  });

  api.get('/quotes', (req, res) => {
    const raw = typeof req.query.symbols === 'string' ? req.query.symbols : undefined;
    const { symbols, invalid } = parseSymbolList(raw);
    if (invalid.length)
      return badRequest(
        res,
        'invalid symbols',
        invalid.map((s) => ({ path: 'symbols', message: `"${s}" is not a valid ticker symbol` })),
      );
    const body: QuotesResponse = { quotes: market.quotes(raw === undefined ? undefined : symbols) };
    res.json(body);
  });

  api.get('/symbols', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 40) : '';
    const symbols: SymbolInfo[] = directory.search(q, 10).map((l) => ({
      symbol: l.symbol,
      name: directory.displayName(l.symbol) ?? l.name,
      exchange: l.exchange,
    }));
    res.json({ symbols });
  });

  api.get('/health', async (_req, res) => {
    const ready = deps.isReady();
    // A store that does not answer makes the node unready (a load balancer sends clients elsewhere).
    const latestSeq = await store
      .ping(STORE_PING_TIMEOUT_MS)
      .then(() => store.latestSeq())
      .catch(() => null);
    const storeReady = latestSeq !== null;
    const body: HealthResponse = {
      status: !ready ? 'starting' : storeReady ? 'ok' : 'unavailable',
      version: deps.serverVersion,
      protocolVersion: PROTOCOL_VERSION,
      uptimeSeconds: Math.round(process.uptime()),
      store: store.kind,
      storeReady,
      tickSource: deps.tickSource,
      latestSeq,
      symbols: market.symbols.length,
      clients: deps.clients(),
      market: deps.marketStatus(),
      news: deps.newsStatus?.() ?? [],
      ...(deps.clusterStatus ? { cluster: deps.clusterStatus() } : {}),
    };
    res.status(ready && storeReady ? 200 : 503).json(body);
  });

  api.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such route' } });
  });

  app.use('/api', api);

  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  if (deps.clientDir && existsSync(join(deps.clientDir, 'index.html'))) {
    const dir = deps.clientDir;
    app.use(express.static(dir, { index: false, maxAge: '1h', immutable: false }));
    // The client routes itself (/, /wall, ...): every other GET gets the page.
    app.get(/^\/(?!api\/|metrics|socket\.io\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(join(dir, 'index.html'));
    });
  }

  const onError: ErrorRequestHandler = (
    err: { type?: string; status?: number; message?: string },
    _req,
    res,
    _next,
  ) => {
    if (err.type === 'entity.parse.failed') {
      return badRequest(res, 'body is not valid JSON', [
        { path: '(body)', message: err.message ?? 'invalid JSON' },
      ]);
    }
    if (err.type === 'entity.too.large') {
      return res.status(413).json({ error: { code: 'BAD_REQUEST', message: 'body too large (max 512 kB)' } });
    }
    if (err instanceof StoreUnavailableError) {
      deps.logger.warn({ err: { message: err.message } }, 'store unavailable');
      return res
        .status(503)
        .set('Retry-After', '5')
        .json({ error: { code: 'UNAVAILABLE', message: 'the store is unavailable; retry shortly' } });
    }
    deps.logger.error({ err }, 'request failed');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
  };
  app.use(onError);
  return app;
}
