import { queryOptions } from '@tanstack/react-query';
import { fetchPriceHistory } from '../../lib/api.js';

/** Query keys of the chart: one history window per symbol and story window. */
export const chartKeys = {
  all: ['chart'] as const,
  histories: () => [...chartKeys.all, 'history'] as const,
  history: (symbol: string, from: number, end: number) =>
    [...chartKeys.histories(), symbol, from, end] as const,
};

/** How long before publication the chart starts, and how long after it stops growing. */
export const CHART_BEFORE_MS = 30 * 60_000;
export const CHART_AFTER_MS = 2 * 60 * 60_000;
const MIN_AFTER_MS = 5 * 60_000;

/** The chart window of a story: 30 min before publication to now, at most 2 h after. */
export function chartWindow(publishedAt: number, now: number): { from: number; end: number; to: number } {
  const from = publishedAt - CHART_BEFORE_MS;
  const end = publishedAt + CHART_AFTER_MS;
  // The axis reaches at least 5 min past publication, so the first minutes of the reaction of a
  // story that just broke get room instead of being squeezed against the right edge.
  const to = Math.max(Math.min(now, end), publishedAt + MIN_AFTER_MS);
  return { from, end, to };
}

/**
 * Price history of one symbol over a story's window, fetched up to now. While the window is
 * still open it is refetched every few minutes; live ticks fill the tail in between.
 */
export function historyQueryOptions(symbol: string, from: number, end: number) {
  return queryOptions({
    queryKey: chartKeys.history(symbol, from, end),
    queryFn: ({ signal }) => fetchPriceHistory(symbol, from, Math.min(end, Date.now()), signal),
    staleTime: 60_000,
    gcTime: 10 * 60_000,
    refetchInterval: (query) => {
      const to = query.state.data?.to ?? 0;
      return to >= end ? false : 3 * 60_000;
    },
  });
}
