/** Where prices come from (TICK_SOURCE). */
export const TICK_SOURCES = ['mock', 'replay', 'finnhub', 'alpaca'] as const;
export type TickSourceKind = (typeof TICK_SOURCES)[number];

/** Why some prices are not live, as a closed set a client can act on. */
export const MARKET_PROBLEMS = [
  /** The provider stream is down (connecting, or reconnecting after a drop or a silence). */
  'DISCONNECTED',
  /** The provider refused the keys or the plan does not include the feed; retried slowly. */
  'AUTH_FAILED',
  /** Another connection already uses these keys; retried slowly. */
  'CONNECTION_LIMIT',
  /** More symbols are wanted than the provider streams at once: the least wanted are not live. */
  'SYMBOL_LIMIT',
  /** The replay file has no prices for some wanted symbols. */
  'NOT_RECORDED',
  /** The provider answered with an error that stops the subscription (see `reason`). */
  'PROVIDER_ERROR',
] as const;
export type MarketProblem = (typeof MARKET_PROBLEMS)[number];

/**
 * Which prices are live. Pushed as `market:status` when a client connects and whenever it
 * changes; the same object is in GET /api/health under `market`.
 */
export interface MarketStatus {
  source: TickSourceKind;
  /** The source delivers prices: connected and authenticated (always true for mock and replay). */
  connected: boolean;
  /** Symbols streamed now, most wanted first; absent when the source prices any symbol asked (mock). */
  liveSymbols?: string[];
  /**
   * Symbols wanted (watched by a client, or tagged on a recent story) that get no live price now,
   * most wanted first. While the source is disconnected, every wanted symbol.
   */
  notLive: string[];
  /** Most symbols streamed at once (configured, or lowered after the provider refused more); null: no limit. */
  symbolLimit: number | null;
  /** What is wrong, if anything; null when every wanted symbol is live. */
  problem: MarketProblem | null;
  /** The problem in plain words, for a tooltip or a log; null when all is well. */
  reason: string | null;
  /** Epoch ms of the last message from the provider (null before the first, and for mock and replay). */
  lastMessageAt: number | null;
}
