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
import { requireIngestToken, requireViewer } from './auth.js';
import type { IngestCredential, IngestTokens } from './ingest-tokens.js';

export interface AppDeps {
  store: Store;
  news: NewsService;
  market: MarketData;
  directory: SymbolDirectory;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  /** The ingest tokens accepted (the default one and the per-source ones), kept hashed. */
  ingestTokens: IngestTokens;
  /** Largest JSON body of POST /api/articles, in bytes. */
  ingestBodyLimit: number;
  /** When set, REST reads and /metrics need it. */
  viewToken?: string;
  /** When set, /metrics needs it instead of viewToken. */
  metricsToken?: string;
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

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

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
  // Health stays open for load balancers and probes; it tells nothing about the stories.
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

  api.post(
    '/articles',
    requireIngestToken(deps.ingestTokens, () =>
      metrics.articlesIngested.inc({ result: 'unauthorized', source_kind: 'api' }),
    ),
    rateLimit({
      windowMs: 60_000,
      limit: deps.ingestRatePerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // Per token: one noisy producer cannot use up another's budget.
      keyGenerator: (_req, res) => (res.locals.credential as IngestCredential).id,
      handler: (_req, res) =>
        res
          .status(429)
          .json({ error: { code: 'RATE_LIMITED', message: 'too many stories; retry after the window' } }),
    }),
    // Parsed after the token check and the rate limit: nobody unauthenticated gets a body read.
    express.json({ limit: deps.ingestBodyLimit }),
    async (req: Request, res: Response) => {
      const credential = res.locals.credential as IngestCredential;
      const body: unknown = req.body;
      // A per-source token posts as its source: "source" may be left out, and must match if given.
      if (credential.source !== null && isPlainObject(body) && !Object.hasOwn(body, 'source')) {
        body.source = credential.source;
      }
      const parsed = articleInputSchema.safeParse(body);
      if (!parsed.success) {
        metrics.articlesIngested.inc({ result: 'rejected', source_kind: 'api' });
        return badRequest(res, 'invalid article', toIssues(parsed.error));
      }
      if (credential.source !== null && parsed.data.source !== credential.source) {
        metrics.articlesIngested.inc({ result: 'rejected', source_kind: 'api' });
        return res.status(403).json({
          error: {
            code: 'FORBIDDEN',
            message: `this token may only post stories of source "${credential.source}"`,
            issues: [{ path: 'source', message: `must be "${credential.source}" for this token` }],
          },
        });
      }
      const { article, created } = await news.ingest(parsed.data);
      res
        .status(created ? 201 : 200)
        .location(`/api/articles/${article.id}`)
        .json(article);
    },
  );

  // Everything below reads stories or prices: with VIEW_TOKEN set, only viewers see it.
  api.use(requireViewer(deps.viewToken));

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

  api.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such route' } });
  });

  app.use('/api', api);

  app.get(
    '/metrics',
    requireViewer(deps.metricsToken ?? deps.viewToken, 'tickerwire-metrics'),
    async (_req, res) => {
      res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );

  if (deps.clientDir && existsSync(join(deps.clientDir, 'index.html'))) {
    const dir = deps.clientDir;
    app.use(express.static(dir, { index: false, maxAge: '1h', immutable: false }));
    // The client routes itself (/, /wall, ...): every other GET gets the page.
    app.get(/^\/(?!api\/|metrics|socket\.io\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(join(dir, 'index.html'));
    });
  }

  const onError: ErrorRequestHandler = (
    err: { type?: string; status?: number; message?: string; expose?: boolean },
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
      return res.status(413).json({
        error: {
          code: 'BAD_REQUEST',
          message: `body too large (max ${Math.floor(deps.ingestBodyLimit / 1_024)} kB)`,
        },
      });
    }
    // Other client faults found while reading the body (an unsupported charset or encoding, a
    // length that does not match): the client's to fix, never a 500.
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      return res.status(err.status).json({
        error: { code: 'BAD_REQUEST', message: err.expose && err.message ? err.message : 'bad request' },
      });
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
