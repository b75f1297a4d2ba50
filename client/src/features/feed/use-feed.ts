import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Article } from '../../../../shared/index.js';
import { flattenFeed } from './feed-cache.js';
import { feedQueryOptions } from './feed-queries.js';

export interface Feed {
  articles: Article[];
  isLoading: boolean;
  /** The list shown belongs to the previous filter while the new one loads. */
  isSwitching: boolean;
  error: Error | null;
  hasOlder: boolean;
  isFetchingOlder: boolean;
  fetchOlder: () => void;
  retry: () => void;
}

/** The stories of a filter, newest first, as one flat list. */
export function useFeed(tickers: readonly string[], primaryOnly = false): Feed {
  const query = useInfiniteQuery({
    ...feedQueryOptions(tickers, primaryOnly),
    placeholderData: keepPreviousData,
  });
  const articles = useMemo(() => flattenFeed(query.data), [query.data]);
  const { fetchNextPage, refetch } = query;
  return {
    articles,
    isLoading: query.isPending,
    isSwitching: query.isPlaceholderData,
    error: query.error,
    hasOlder: query.hasNextPage,
    isFetchingOlder: query.isFetchingNextPage,
    fetchOlder: () => void fetchNextPage(),
    retry: () => void refetch(),
  };
}
