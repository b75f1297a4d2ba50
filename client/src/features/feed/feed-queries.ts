import { infiniteQueryOptions } from '@tanstack/react-query';
import { fetchArticles } from '../../lib/api.js';
import { noteSeq } from '../../lib/socket.js';

export const FEED_PAGE_SIZE = 50;

/**
 * Query keys of the feed: one list per filter (tickers sorted, comma-joined, '' = every story;
 * primaryOnly only counts with tickers).
 */
export const feedKeys = {
  all: ['feed'] as const,
  lists: () => [...feedKeys.all, 'list'] as const,
  list: (tickers: readonly string[], primaryOnly = false) =>
    [
      ...feedKeys.lists(),
      { tickers: [...tickers].sort().join(','), primaryOnly: primaryOnly && tickers.length > 0 },
    ] as const,
};

/** Infinite list of stories for a filter, newest first; older pages via nextBeforeSeq. */
export function feedQueryOptions(tickers: readonly string[], primaryOnly = false) {
  return infiniteQueryOptions({
    queryKey: feedKeys.list(tickers, primaryOnly),
    queryFn: async ({ pageParam, signal }) => {
      const page = await fetchArticles(
        { tickers, primaryOnly, limit: FEED_PAGE_SIZE, beforeSeq: pageParam },
        signal,
      );
      // The first page is complete up to latestSeq for this filter: a resume may start there.
      if (pageParam === undefined) noteSeq(page.latestSeq);
      return page;
    },
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
    // Live updates keep the current list fresh; a list revisited after a filter change is refetched.
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
}
