import type { MarketStatus } from './market.js';

/** Answer of GET /api/health (200 when serving, 503 while starting or stopping). */
export interface HealthResponse {
  status: 'ok' | 'starting';
  version: string;
  protocolVersion: number;
  uptimeSeconds: number;
  store: string;
  tickSource: string;
  latestSeq: number;
  /** Symbols with a known price. */
  symbols: number;
  /** Connected Socket.IO clients. */
  clients: number;
  /** Which prices are live (the same object as the market:status event). */
  market: MarketStatus;
}

/** An entry of GET /api/symbols. */
export interface SymbolInfo {
  symbol: string;
  name: string;
  exchange: string | null;
}
