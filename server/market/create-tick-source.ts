import {
  BENCHMARK_SYMBOL,
  type MarketStatus,
  TICK_SOURCES,
  type Tick,
  type TickSourceKind,
} from '../../shared/index.js';
import type { Clock } from '../clock.js';
import { alpacaDataUrl, type Config, replayFile } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/types.js';
import { AlpacaSource } from './alpaca-source.js';
import { DemandTracker } from './demand.js';
import { FinnhubSource } from './finnhub-source.js';
import type { MarketData } from './market-data.js';
import type { MockMarket } from './mock-market.js';
import type { ProviderSourceDeps } from './provider-source.js';
import { ReplaySource } from './replay-source.js';
import { TickRecorder } from './tick-recorder.js';
import type { StatusReporter, TickSource } from './types.js';

export interface TickSourceDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** The mock market, used as is when TICK_SOURCE=mock. */
  mock: MockMarket;
  market: MarketData;
  store: Store;
  /** How many connected clients watch each symbol (the realtime gateway's tick groups). */
  watchers: () => ReadonlyMap<string, number>;
  /** A source given by the caller (tests drive prices by hand); used as is, reported as always live. */
  override?: TickSource;
}

/** The tick source chosen by TICK_SOURCE, with what the rest of the server needs around it. */
export interface TickFeed extends StatusReporter {
  readonly source: TickSource;
  /** Clients asked for prices of these symbols (ticks:subscribe). */
  clientsWatch(symbols: string[]): void;
  /** Starts the source; every tick also goes to TICK_RECORD_FILE when set. */
  start(onTick: (tick: Tick) => void): void;
  /** Stops the source and closes the recording. */
  stop(): Promise<void>;
}

/** At most this many stored stories are read back at start to rank demand. */
const RECENT_STORIES = 500;

function providerDeps(deps: TickSourceDeps, demand: DemandTracker, symbolLimit: number): ProviderSourceDeps {
  const { config } = deps;
  const maxDelayMs = Math.max(config.TICK_RECONNECT_MIN_MS, config.TICK_RECONNECT_MAX_MS);
  return {
    clock: deps.clock,
    logger: deps.logger,
    metrics: deps.metrics,
    demand,
    symbolLimit,
    silenceMs: config.TICK_SILENCE_MS,
    backoff: { minDelayMs: config.TICK_RECONNECT_MIN_MS, maxDelayMs },
    // A refused key will not fix itself in seconds: ask again every few minutes, not in a loop.
    authRetryMs: Math.max(maxDelayMs, 5 * 60_000),
  };
}

/** Builds the tick source of TICK_SOURCE: the mock market, a replay file, Finnhub or Alpaca. */
export function createTickSource(deps: TickSourceDeps): TickFeed {
  const { config, logger, mock } = deps;
  const recorder = config.TICK_RECORD_FILE ? new TickRecorder(config.TICK_RECORD_FILE, logger) : null;
  const recording = (onTick: (tick: Tick) => void) =>
    recorder
      ? (tick: Tick) => {
          recorder.record(tick);
          onTick(tick);
        }
      : onTick;
  const stopRecording = () => recorder?.close() ?? Promise.resolve();

  if (config.TICK_SOURCE === 'mock' || deps.override) {
    const source = deps.override ?? mock;
    const status: MarketStatus = {
      source: (TICK_SOURCES as readonly string[]).includes(source.kind)
        ? (source.kind as TickSourceKind)
        : 'mock',
      connected: true,
      notLive: [],
      symbolLimit: null,
      problem: null,
      reason: null,
      lastMessageAt: null,
    };
    return {
      source,
      clientsWatch: (symbols) => source.watch(symbols),
      demandChanged: () => {},
      status: () => status,
      onStatus: () => () => {},
      start: (onTick) => source.start(recording(onTick)),
      stop: () => {
        source.stop();
        return stopRecording();
      },
    };
  }

  const demand = new DemandTracker({
    clock: deps.clock,
    storyWindowMs: config.TICK_DEMAND_HOURS * 3_600_000,
    watchers: deps.watchers,
    pinned: [BENCHMARK_SYMBOL],
  });
  const source =
    config.TICK_SOURCE === 'replay'
      ? new ReplaySource({
          file: replayFile(config),
          speed: config.REPLAY_SPEED,
          clock: deps.clock,
          logger,
          metrics: deps.metrics,
          demand,
        })
      : config.TICK_SOURCE === 'finnhub'
        ? new FinnhubSource(providerDeps(deps, demand, config.FINNHUB_SYMBOL_LIMIT), {
            apiKey: config.FINNHUB_API_KEY ?? '',
            url: config.FINNHUB_WS_URL,
          })
        : new AlpacaSource(providerDeps(deps, demand, config.ALPACA_SYMBOL_LIMIT), {
            keyId: config.ALPACA_API_KEY_ID ?? '',
            secretKey: config.ALPACA_API_SECRET_KEY ?? '',
            url: alpacaDataUrl(config),
          });

  let seeding: Promise<void> = Promise.resolve();
  return {
    source,
    clientsWatch: () => source.demandChanged(),
    demandChanged: () => source.demandChanged(),
    status: () => source.status(),
    onStatus: (listener) => source.onStatus(listener),
    start: (onTick) => {
      source.start(recording(onTick));
      // No history is made up for a live source: the last stored prices (seeded by the server)
      // stand until ticks come, and the tickers of recent stories are wanted again.
      seeding = (async () => {
        const since = deps.clock.now() - config.TICK_DEMAND_HOURS * 3_600_000;
        for (const a of await deps.store.listArticles({ limit: RECENT_STORIES })) {
          if (a.publishedAt >= since)
            demand.noteStory(
              a.tickers.map((t) => t.symbol),
              a.publishedAt,
            );
        }
        source.demandChanged();
      })().catch((err: unknown) => logger.error({ err }, 'reading recent prices and stories failed'));
    },
    stop: async () => {
      source.stop();
      await seeding;
      await stopRecording();
    },
  };
}
