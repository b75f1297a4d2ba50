import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  type Article,
  type ArticleTicker,
  BENCHMARK_SYMBOL,
  type PricePoint,
} from '../../../../shared/index.js';
import { useNow } from '../../lib/clock.js';
import { getLiveSeries } from '../../lib/prices.js';
import { primaryTicker } from '../../lib/reaction.js';
import { BENCHMARK_COLOR, seriesColor } from '../../lib/series-colors.js';
import { buildRows, type ChartRow, mergeSeries, priceAt, type SeriesInput } from './build-series.js';
import { historyQueryOptions } from './chart-queries.js';
import { type ChartRange, type ChartWindow, chartWindow } from './chart-window.js';

/** How many rows recharts gets, whatever the window length. */
const CHART_POINTS = 360;
/** More lines than this on one axis stop being readable. */
const MAX_TICKERS = 6;

export { BENCHMARK_COLOR, SERIES_COLORS } from '../../lib/series-colors.js';

export interface ChartSeries {
  symbol: string;
  color: string;
  benchmark: boolean;
  /** Price the move is measured from: the tag's refPrice (the reaction's benchmarkRef), else the last price before publication. */
  ref: number | null;
  /** True while its history is loading for the first time. */
  loading: boolean;
  error: boolean;
}

export interface ChartData {
  window: ChartWindow;
  series: ChartSeries[];
  /** Every series (hidden ones too, so figures can be read off them), as % or as prices. */
  rows: ChartRow[];
  loading: boolean;
  /** Every series failed or came back empty. */
  empty: boolean;
}

interface ChartSymbol {
  symbol: string;
  ticker: ArticleTicker | null;
  /** Reference price known from the story (refPrice, or benchmarkRef for the benchmark). */
  ref: number | null;
}

/**
 * The symbols charted for a story: primary tickers first, a few at most, then the benchmark its
 * reaction is measured against (SPY unless the server says otherwise).
 */
export function chartSymbols(article: Article): ChartSymbol[] {
  const tickers: ChartSymbol[] = [...article.tickers]
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .slice(0, MAX_TICKERS)
    .map((t) => ({ symbol: t.symbol, ticker: t, ref: t.refPrice }));
  const lead = primaryTicker(article);
  const benchmark = lead?.reaction.benchmark ?? BENCHMARK_SYMBOL;
  if (!tickers.some((t) => t.symbol === benchmark)) {
    tickers.push({ symbol: benchmark, ticker: null, ref: lead?.reaction.benchmarkRef ?? null });
  }
  return tickers;
}

/** Changes when what is charted changes (not on every reaction update of the story). */
function symbolsKey(article: Article): string {
  return chartSymbols(article)
    .map((s) => `${s.symbol}:${s.ref ?? ''}`)
    .join(',');
}

/**
 * History (REST) + live tail (price store) of each charted symbol over the range's window, aligned
 * on one grid of a few hundred rows and recomputed once a second: the chart never re-renders at
 * tick rate. In price mode only `absSymbol` is drawn, with the benchmark rebased onto its reference.
 */
export function useChartData(
  article: Article,
  range: ChartRange,
  mode: 'pct' | 'abs',
  absSymbol: string | null,
  historyGcMs?: number,
): ChartData {
  const now = useNow(1_000);
  const win = chartWindow(article.publishedAt, range, now);
  const key = symbolsKey(article);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the charted symbols of the article
  const symbols = useMemo(() => chartSymbols(article), [key]);
  const histories = useQueries({
    queries: symbols.map((s) => historyQueryOptions(s.symbol, win.from, win.to, historyGcMs)),
  });
  const historyData = histories.map((h) => h.data);
  const historyKey = histories.map((h) => `${h.status}:${h.dataUpdatedAt}`).join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: historyKey stands for historyData
  return useMemo(() => {
    const { from, to, dataEnd } = win;
    const series: ChartSeries[] = [];
    const inputs: SeriesInput[] = symbols.map((s, i) => {
      const history: readonly PricePoint[] = historyData[i]?.points ?? [];
      const live = getLiveSeries(s.symbol);
      const merged = mergeSeries(history, live, from, to);
      const ref =
        s.ref ?? priceAt(merged, article.publishedAt) ?? (merged.length > 0 ? merged.priceAt(0) : null);
      const benchmark = s.ticker === null;
      const color = benchmark ? BENCHMARK_COLOR : seriesColor(i);
      const h = histories[i];
      series.push({
        symbol: s.symbol,
        color,
        benchmark,
        ref,
        loading: !!h?.isPending,
        error: !!h?.isError,
      });
      return { key: s.symbol, history, live, ref };
    });
    let used = inputs;
    if (mode === 'abs' && absSymbol) {
      const target = inputs.find((s) => s.key === absSymbol);
      const bench = series.find((s) => s.benchmark);
      used = inputs
        .filter((s) => s.key === absSymbol || s.key === bench?.symbol)
        .map((s) => (s.key === absSymbol ? s : { ...s, rebase: target?.ref ?? null }));
    }
    const rows = buildRows(used, { from, to, until: dataEnd, buckets: CHART_POINTS, mode });
    const blank = rows.every((r) => Object.keys(r).length === 1);
    const loading = series.some((s) => s.loading) && blank;
    return { window: win, series, rows, loading, empty: !loading && blank };
  }, [symbols, historyKey, win.from, win.to, win.dataEnd, mode, absSymbol, article.publishedAt]);
}
