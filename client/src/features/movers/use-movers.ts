import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Mover, MoverWindow } from '../../../../shared/index.js';
import { moversQueryOptions } from './movers-queries.js';

export interface Movers {
  window: MoverWindow;
  items: Mover[];
  isLoading: boolean;
  /** The list shown belongs to the previous window while the new one loads. */
  isSwitching: boolean;
  error: Error | null;
  retry: () => void;
}

/** Unfiltered, the server's top 20; with a ticker filter, a longer ranking filtered here. */
const LIMIT = 20;
const FILTERED_LIMIT = 100;

/** Stories of the window ranked by abnormal move, restricted to the feed's ticker filter when there is one. */
export function useMovers(window: MoverWindow, tickers: readonly string[], enabled: boolean): Movers {
  const filtered = tickers.length > 0;
  const query = useQuery({ ...moversQueryOptions(window, filtered ? FILTERED_LIMIT : LIMIT), enabled });
  const { data, refetch } = query;
  const items = useMemo(() => {
    const all = data?.movers ?? [];
    if (!filtered) return all;
    return all.filter((m) => m.article.tickers.some((t) => tickers.includes(t.symbol))).slice(0, LIMIT);
  }, [data, filtered, tickers]);
  return {
    window,
    items,
    isLoading: query.isPending && enabled,
    isSwitching: query.isPlaceholderData,
    error: query.error,
    retry: () => void refetch(),
  };
}
