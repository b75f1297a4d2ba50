import type { MarketStatus } from './market.js';

/** How a news source is doing (GET /api/health → news). */
export interface NewsSourceStatus {
  /** The source's name (as its stories carry it) or the feed's label. */
  name: string;
  kind: 'feed' | 'stream';
  /** The feed's URL without its query values, or the stream's endpoint. */
  url: string;
  /** The last poll succeeded (feed), or connected and authenticated (stream). */
  ok: boolean;
  lastSuccessAt: number | null;
  /** Why the last attempt failed, for people; null when it did not. */
  lastError: string | null;
  /** When the next poll or connection attempt is due (feeds and reconnecting streams). */
  nextAttemptAt: number | null;
  /** Stories taken in since start (new and merged into another source's). */
  stories: number;
}

/** This node among several (GET /api/health → cluster, present when REDIS_URL is set). */
export interface ClusterHealth {
  /** NODE_ID, or the host name and port. */
  node: string;
  /** Connected to Redis. Stories still reach every node while it is down (read from the store), ticks do not. */
  redis: 'up' | 'down';
  /** This node owns the tick source (holds the lease) and sends its ticks to the others. */
  tickOwner: boolean;
  /** The last story sent to this node's clients (every earlier one too). */
  deliveredSeq: number;
}

/**
 * Answer of GET /api/health: 200 when serving; 503 while starting or stopping ("starting") and
 * while the store does not answer ("unavailable").
 */
export interface HealthResponse {
  status: 'ok' | 'starting' | 'unavailable';
  version: string;
  protocolVersion: number;
  uptimeSeconds: number;
  store: string;
  /** The store answered a round trip (a database ping) within a short timeout. */
  storeReady: boolean;
  tickSource: string;
  /** Null while the store does not answer. */
  latestSeq: number | null;
  /** Symbols with a known price. */
  symbols: number;
  /** Connected Socket.IO clients. */
  clients: number;
  /** Which prices are live (the same object as the market:status event). */
  market: MarketStatus;
  /** The configured news feeds and streams (the demo feed and the ingest API are not listed). */
  news: NewsSourceStatus[];
  /** Several nodes (REDIS_URL set): this node and its link to Redis. */
  cluster?: ClusterHealth;
}

/** An entry of GET /api/symbols. */
export interface SymbolInfo {
  symbol: string;
  name: string;
  exchange: string | null;
}
