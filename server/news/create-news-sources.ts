import type { NewsSourceStatus } from '../../shared/index.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { SymbolDirectory } from '../tagging/directory.js';
import { SERVER_VERSION } from '../version.js';
import { AlpacaNewsSource } from './alpaca-news.js';
import type { Resolver } from './feeds/address-guard.js';
import { FeedPoller } from './feeds/feed-poller.js';
import { HostLimiter } from './feeds/host-limiter.js';
import { feedSourceName } from './feeds/source-names.js';
import type { NewsService } from './news-service.js';

export interface NewsSourcesDeps {
  news: NewsService;
  directory: SymbolDirectory;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** DNS for feed connections (tests answer from a table). */
  resolver?: Resolver;
}

/** The configured news feeds and streams, started and stopped together. */
export interface NewsSources {
  readonly feeds: readonly FeedPoller[];
  readonly alpaca: AlpacaNewsSource | null;
  /** Starts polling and streaming; the first polls after `firstDelayMs`. */
  start(firstDelayMs?: number): void;
  stop(): Promise<void>;
  status(): NewsSourceStatus[];
}

/** A feed's label in metrics and health: its name, or its source with the symbol it follows (Yahoo's ?s=AAPL). */
function labels(specs: { url: string; source: string; name: string | null }[]): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    const params = new URL(spec.url).searchParams;
    const symbol = spec.name ? null : (params.get('s') ?? params.get('symbol') ?? params.get('CIK'));
    const base = symbol ? `${spec.source} ${symbol.toUpperCase()}` : spec.source;
    let label = base;
    for (let n = 2; out.includes(label); n++) label = `${base} #${n}`;
    out.push(label);
  }
  return out;
}

/** Builds the news sources of NEWS_FEEDS and NEWS_ALPACA (none by default). */
export function createNewsSources(config: Config, deps: NewsSourcesDeps): NewsSources {
  const { news, directory, clock, logger, metrics } = deps;
  const limiter = new HostLimiter(() => clock.now());
  const specs = config.NEWS_FEEDS.map((f) => ({ ...f, source: feedSourceName(f.url, f.name) }));
  const names = labels(specs);
  const userAgent = config.NEWS_USER_AGENT ?? `Tickerwire/${SERVER_VERSION}`;
  const feeds = specs.map(
    (spec, i) =>
      new FeedPoller(
        {
          url: spec.url,
          source: spec.source,
          label: names[i] as string,
          intervalMs: (spec.intervalSeconds ?? config.NEWS_POLL_SECONDS) * 1000,
          timeoutMs: config.NEWS_FEED_TIMEOUT_MS,
          userAgent,
          allowPrivate: config.NEWS_ALLOW_PRIVATE,
          maxAgeMs: config.NEWS_MAX_AGE_HOURS * 3_600_000,
          resolver: deps.resolver,
        },
        {
          ingest: (input, opts) => news.ingest(input, opts),
          symbolsOfCik: (cik) => directory.symbolsOfCik(cik),
          limiter,
          clock,
          logger,
          metrics,
        },
      ),
  );
  const maxDelayMs = Math.max(config.TICK_RECONNECT_MIN_MS, config.TICK_RECONNECT_MAX_MS);
  const alpaca =
    config.NEWS_ALPACA && config.ALPACA_API_KEY_ID && config.ALPACA_API_SECRET_KEY
      ? new AlpacaNewsSource(
          {
            keyId: config.ALPACA_API_KEY_ID,
            secretKey: config.ALPACA_API_SECRET_KEY,
            url: config.ALPACA_NEWS_WS_URL,
            silenceMs: config.TICK_SILENCE_MS,
            backoff: { minDelayMs: config.TICK_RECONNECT_MIN_MS, maxDelayMs },
            authRetryMs: Math.max(maxDelayMs, 5 * 60_000),
          },
          { news, clock, logger, metrics },
        )
      : null;

  return {
    feeds,
    alpaca,
    start(firstDelayMs = 0) {
      if (feeds.length) logger.info({ feeds: names }, `polling ${feeds.length} news feed(s)`);
      // The first polls are spread over a moment, not fired at once.
      for (const [i, f] of feeds.entries()) f.start(firstDelayMs + Math.min(2_000, i * 100));
      alpaca?.start();
    },
    async stop() {
      await Promise.all([...feeds.map((f) => f.stop()), alpaca?.stop()]);
    },
    status: () => [...feeds.map((f) => f.status()), ...(alpaca ? [alpaca.status()] : [])],
  };
}
