import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MarketStatus } from '../../../shared/index.js';
import { fetchHealth } from './api.js';
import { useNow } from './clock.js';
import { marketSession } from './format.js';
import { type LivePrice, useLivePrice } from './prices.js';

/**
 * Which prices are live: from GET /api/health at first, then kept current by the server's
 * market:status events (written into this query by startRealtime).
 */
export const marketStatusQuery = queryOptions({
  queryKey: ['market-status'] as const,
  queryFn: async ({ signal }) => (await fetchHealth(signal)).market,
  staleTime: Number.POSITIVE_INFINITY,
});

/** The market status, once known. */
export function useMarketStatus(): MarketStatus | undefined {
  return useQuery(marketStatusQuery).data;
}

/** Why a symbol gets no live price, or null when it does (or nothing is known yet). */
export function notLiveReason(status: MarketStatus | undefined, symbol: string): string | null {
  if (!status?.notLive.includes(symbol)) return null;
  return (
    status.reason ?? (status.connected ? 'Subscribing to its prices…' : 'The price source is disconnected')
  );
}

/** A price that has not moved for this long while the US market is open is shown as stale. */
export const STALE_PRICE_MS = 60_000;

/** True when the last price (tick time `t`) is older than STALE_PRICE_MS during regular hours. */
export function isPriceStale(t: number | undefined, now: number): boolean {
  return t !== undefined && now - t > STALE_PRICE_MS && marketSession(now) === 'open';
}

export interface PriceView {
  live: LivePrice | undefined;
  /** Not updated for a while during market hours. */
  stale: boolean;
  /** Why the symbol is not streamed live, or null. */
  notLive: string | null;
}

/** The live price of a symbol with what a reader must know about it: stale, or not live at all. */
export function usePriceView(symbol: string): PriceView {
  const live = useLivePrice(symbol);
  const now = useNow(5_000);
  const notLive = useQuery({ ...marketStatusQuery, select: (s) => notLiveReason(s, symbol) }).data ?? null;
  return { live, stale: isPriceStale(live?.t, now), notLive };
}

/** "stale: no update for 2m" style note for a tooltip. */
export function priceNote(view: PriceView, now = Date.now()): string | null {
  const notes = [];
  if (view.notLive) notes.push(`not live: ${view.notLive}`);
  if (view.stale && view.live) {
    const min = Math.floor((now - view.live.t) / 60_000);
    notes.push(`stale: no update for ${min < 1 ? 'a minute' : `${min}m`}`);
  }
  return notes.length ? notes.join(' · ') : null;
}
