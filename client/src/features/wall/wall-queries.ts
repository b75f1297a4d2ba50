import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchPriceHistory } from '../../lib/api.js';

/** The tape's moves are over the last hour, from a base price looked up every few minutes. */
export const TAPE_MOVE_MS = 60 * 60_000;
const BASE_STEP_MS = 5 * 60_000;

/** Query keys of the wall. */
export const wallKeys = {
  all: ['wall'] as const,
  base: (symbol: string, at: number) => [...wallKeys.all, 'base', symbol, at] as const,
};

/**
 * The first price at or after `at`, from a ten-minute slice of history (a source that started
 * since still gives a base soon after); null when there is none.
 */
export function basePriceQuery(symbol: string, at: number) {
  return queryOptions({
    queryKey: wallKeys.base(symbol, at),
    queryFn: async ({ signal }) => {
      const history = await fetchPriceHistory(symbol, at, at + 10 * 60_000, signal);
      return history.points[0]?.p ?? null;
    },
    staleTime: Number.POSITIVE_INFINITY,
    // Each base is used for BASE_STEP_MS; keep the cache to the ones in use.
    gcTime: BASE_STEP_MS,
  });
}

/** The price a symbol had about an hour ago (updated every 5 minutes), or null. */
export function useHourBase(symbol: string, now: number): number | null {
  const at = Math.floor((now - TAPE_MOVE_MS) / BASE_STEP_MS) * BASE_STEP_MS;
  return useQuery({ ...basePriceQuery(symbol, at), placeholderData: keepPreviousData }).data ?? null;
}
