import { queryOptions } from '@tanstack/react-query';
import type { Article } from '../../../../shared/index.js';
import { fetchArticles, fetchPriceHistory } from '../../lib/api.js';

/**
 * Resolves in a task of its own. A chart subscribes to its queries while React commits it (a new
 * story a second while following the newest); starting the requests there added the cost of
 * `fetch` to that task, which made it a long one.
 */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Query keys of the chart: one history window per symbol and story window, related stories per symbol set. */
export const chartKeys = {
  all: ['chart'] as const,
  histories: () => [...chartKeys.all, 'history'] as const,
  history: (symbol: string, from: number, to: number) =>
    [...chartKeys.histories(), symbol, from, to] as const,
  related: (symbols: readonly string[]) =>
    [...chartKeys.all, 'related', [...symbols].sort().join(',')] as const,
};

/**
 * Price history of one symbol over a chart window, fetched up to now. While the window is still
 * open it is refetched every few minutes; live ticks fill the tail in between. Kept `gcTime` after
 * its last chart closed (a wall, which moves on every few seconds, keeps it briefly).
 */
export function historyQueryOptions(symbol: string, from: number, to: number, gcTime = 10 * 60_000) {
  return queryOptions({
    queryKey: chartKeys.history(symbol, from, to),
    queryFn: async ({ signal }) => {
      await nextTask();
      const end = Math.min(to, Date.now());
      if (end <= from) return { symbol, from, to: end, resolutionMs: 1_000, points: [] };
      return fetchPriceHistory(symbol, from, end, signal);
    },
    staleTime: 60_000,
    gcTime,
    refetchInterval: (query) => {
      const fetchedTo = query.state.data?.to ?? 0;
      return fetchedTo >= to ? false : 3 * 60_000;
    },
  });
}

/** How many earlier stories about the same tickers are fetched for the chart's markers. */
const RELATED_LIMIT = 50;

/** Recent stories tagged with any of the symbols (newest first); live ones come from the feed. */
export function relatedQueryOptions(symbols: readonly string[]) {
  return queryOptions({
    queryKey: chartKeys.related(symbols),
    queryFn: async ({ signal }): Promise<Article[]> => {
      await nextTask();
      return (await fetchArticles({ tickers: symbols, limit: RELATED_LIMIT }, signal)).articles;
    },
    staleTime: 60_000,
    gcTime: 5 * 60_000,
    enabled: symbols.length > 0,
  });
}

/** Chart queries no chart shows that the cache keeps at most (the most recently updated ones). */
export const MAX_IDLE_CHART_QUERIES = 12;
