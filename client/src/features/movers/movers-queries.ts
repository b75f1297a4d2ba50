import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import type { MoverWindow } from '../../../../shared/index.js';
import { fetchMovers } from '../../lib/api.js';

/** Windows offered by the view, in the order of the selector. */
export const MOVER_WINDOW_CHOICES: readonly MoverWindow[] = ['15m', '1h', '4h', '1d'];
export const DEFAULT_MOVER_WINDOW: MoverWindow = '1h';

/** Reactions change every second: the ranking is refetched this often while the view is open. */
const REFETCH_MS = 10_000;
/** ...and after reactions:updated, at most this often. */
const REFRESH_MIN_GAP_MS = 3_000;

/** Query keys of the movers view: one ranking per window and size. */
export const moversKeys = {
  all: ['movers'] as const,
  list: (window: MoverWindow, limit: number) => [...moversKeys.all, window, limit] as const,
};

/** The ranking of a window (biggest abnormal move first), kept fresh while it is on screen. */
export function moversQueryOptions(window: MoverWindow, limit: number) {
  return queryOptions({
    queryKey: moversKeys.list(window, limit),
    queryFn: ({ signal }) => fetchMovers(window, limit, signal),
    staleTime: 2_000,
    refetchInterval: REFETCH_MS,
    placeholderData: keepPreviousData,
  });
}

let lastRefresh = 0;
let pendingRefresh: ReturnType<typeof setTimeout> | null = null;

/**
 * Refetches the rankings on screen after reactions changed, throttled (at most one refetch per
 * REFRESH_MIN_GAP_MS, the last change always followed by one). Rankings not on screen are only
 * marked stale.
 */
export function refreshMovers(queryClient: QueryClient): void {
  if (pendingRefresh !== null) return;
  const wait = Math.max(0, lastRefresh + REFRESH_MIN_GAP_MS - Date.now());
  pendingRefresh = setTimeout(() => {
    pendingRefresh = null;
    lastRefresh = Date.now();
    void queryClient.invalidateQueries({ queryKey: moversKeys.all });
  }, wait);
}
