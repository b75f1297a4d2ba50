import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiRequestError } from './api.js';

/** The one query client. Live data arrives over the socket, so focus refetches are off. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      retry: (failureCount, error) => {
        if (error instanceof ApiRequestError && error.isClientError) return false;
        return failureCount < 4;
      },
      retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 8_000),
    },
  },
});

const bounded = new WeakMap<QueryClient, Set<string>>();

/**
 * Keeps at most `max` settled queries under `prefix` that nothing observes (the most recently updated),
 * removing the older ones at once instead of after their `gcTime`: a desk following the newest
 * story opens new chart windows and a new story query for every story, and at a story a second
 * `gcTime` alone would hold hundreds of them. Installed once per client and prefix.
 */
export function boundIdleQueries(client: QueryClient, prefix: QueryKey, max: number): void {
  const id = JSON.stringify(prefix);
  const installed = bounded.get(client) ?? new Set<string>();
  bounded.set(client, installed);
  if (installed.has(id)) return;
  installed.add(id);
  const cache = client.getQueryCache();
  cache.subscribe((event) => {
    if (event.type !== 'observerRemoved' || event.query.queryKey[0] !== prefix[0]) return;
    // A query built by a render that has not subscribed yet has no observer either: only settled
    // ones with data are dropped (removing the others made charts fetch their windows again).
    const idle = cache
      .findAll({ queryKey: prefix })
      .filter(
        (q) => q.getObserversCount() === 0 && q.state.status !== 'pending' && q.state.fetchStatus === 'idle',
      );
    if (idle.length <= max) return;
    idle.sort((a, b) => a.state.dataUpdatedAt - b.state.dataUpdatedAt);
    for (const q of idle.slice(0, idle.length - max)) cache.remove(q);
  });
}
