import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type Article, BENCHMARK_SYMBOL, type PricePoint } from '../../../../shared/index.js';
import { useNow } from '../../lib/clock.js';
import { getRecentSeries } from '../../lib/prices.js';
import { buildRows, type ChartRow, mergeSeries, priceAt } from './build-series.js';
import { chartWindow, historyQueryOptions } from './chart-queries.js';

/** How many rows recharts gets, whatever the window length. */
const CHART_POINTS = 360;
/** More lines than this on one axis stop being readable. */
const MAX_TICKERS = 6;

export const SERIES_COLORS = ['#f5b942', '#5ec8ff', '#c58cff', '#2fd4c0', '#ff7eb6', '#b5e655'] as const;
export const BENCHMARK_COLOR = '#8a94a6';

export interface ChartSeries {
  symbol: string;
  color: string;
  benchmark: boolean;
  /** Price the move is measured from: the tag's refPrice, else the last price before publication. */
  ref: number | null;
  /** True while its history is loading for the first time. */
  loading: boolean;
  error: boolean;
}

export interface ChartData {
  from: number;
  to: number;
  series: ChartSeries[];
  rows: ChartRow[];
  loading: boolean;
  /** Every series failed or came back empty. */
  empty: boolean;
}

/** The symbols charted for a story: primary tickers first, a few at most, plus the benchmark. */
export function chartSymbols(
  article: Article,
): { symbol: string; refPrice: number | null; benchmark: boolean }[] {
  const tickers = [...article.tickers]
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .slice(0, MAX_TICKERS)
    .map((t) => ({ symbol: t.symbol, refPrice: t.refPrice, benchmark: false }));
  if (!tickers.some((t) => t.symbol === BENCHMARK_SYMBOL)) {
    tickers.push({ symbol: BENCHMARK_SYMBOL, refPrice: null, benchmark: true });
  }
  return tickers;
}

/**
 * History (REST) + live tail (price store) of each charted symbol, aligned on one grid of a few
 * hundred rows and recomputed once a second: the chart never re-renders at tick rate.
 */
export function useChartData(article: Article, mode: 'pct' | 'abs', absSymbol: string | null): ChartData {
  const now = useNow(1_000);
  const { from, end, to } = chartWindow(article.publishedAt, now);
  const symbols = useMemo(() => chartSymbols(article), [article]);
  const histories = useQueries({
    queries: symbols.map((s) => historyQueryOptions(s.symbol, from, end)),
  });
  const historyData = histories.map((h) => h.data);
  const historyKey = histories.map((h) => `${h.status}:${h.dataUpdatedAt}`).join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: historyKey stands for historyData
  return useMemo(() => {
    const series: ChartSeries[] = [];
    const inputs = symbols.map((s, i) => {
      const history: readonly PricePoint[] = historyData[i]?.points ?? [];
      const live = getRecentSeries(s.symbol);
      const merged = mergeSeries(history, live, from, to);
      const ref = s.refPrice ?? priceAt(merged, article.publishedAt) ?? merged[0]?.p ?? null;
      const color = s.benchmark ? BENCHMARK_COLOR : (SERIES_COLORS[i % SERIES_COLORS.length] ?? '#f5b942');
      const h = histories[i];
      series.push({
        symbol: s.symbol,
        color,
        benchmark: s.benchmark,
        ref,
        loading: !!h?.isPending,
        error: !!h?.isError,
      });
      return { key: s.symbol, history, live, ref };
    });
    const used = mode === 'abs' && absSymbol ? inputs.filter((s) => s.key === absSymbol) : inputs;
    const rows = buildRows(used, { from, to, until: Math.min(now, end), buckets: CHART_POINTS, mode });
    const loading = series.some((s) => s.loading) && rows.every((r) => Object.keys(r).length === 1);
    const empty = !loading && rows.every((r) => Object.keys(r).length === 1);
    return { from, to, series, rows, loading, empty };
  }, [symbols, historyKey, from, to, end, now, mode, absSymbol, article.publishedAt]);
}
