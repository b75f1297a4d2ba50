import { type QueryClient, type QueryObserverResult, useQueries } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import {
  type Article,
  type ArticleTicker,
  BENCHMARK_SYMBOL,
  type PriceHistory,
  type PricePoint,
} from '../../../../shared/index.js';
import { clockNow, subscribeClock } from '../../lib/clock.js';
import { getLiveSeries } from '../../lib/prices.js';
import { primaryTicker } from '../../lib/reaction.js';
import { BENCHMARK_COLOR, seriesColor } from '../../lib/series-colors.js';
import {
  buildRows,
  type ChartRow,
  type ChartTail,
  mergeSeries,
  priceAt,
  type SeriesInput,
  settledEdge,
  tailRow,
} from './build-series.js';
import { historyQueryOptions } from './chart-queries.js';
import { type ChartRange, type ChartWindow, chartWindow } from './chart-window.js';

/** How many rows recharts gets, whatever the window length. */
const CHART_POINTS = 360;
/** More lines than this on one axis stop being readable. */
const MAX_TICKERS = 6;

export { BENCHMARK_COLOR, SERIES_COLORS } from '../../lib/series-colors.js';

export interface ChartSeries {
  /**
   * The rows' field of this series: its place among the story's symbols ("s0", "s1", ...), not its
   * symbol, so the lines of the next story with as many tickers are the same lines to recharts
   * (it registers a line again in its store whenever the line's data key changes).
   */
  key: string;
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
  /** The story's window; `dataEnd` is where the settled rows stop (the last grid instant before now). */
  window: ChartWindow;
  series: ChartSeries[];
  /**
   * Every series (hidden ones too, so figures can be read off them), as % or as prices, on the
   * grid up to `window.dataEnd`. The same array until the next grid instant passes or new history
   * arrives: recharts draws it again only then.
   */
  rows: ChartRow[];
  /** While the window includes now: what draws each line's forming end, from the last row to now (`tailRow`). */
  tail: ChartTail | null;
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

/** The histories of a story's symbols, answered together (a class, so the query cache does not walk the points to share them). */
class HistorySet {
  constructor(
    readonly data: readonly (PriceHistory | undefined)[],
    readonly failed: readonly boolean[],
    /** Changes when any history's data or status does. */
    readonly key: string,
  ) {}
}
const NOT_YET = { settled: false as const };

/**
 * The chart waits for every symbol's history and takes them in one render: a chart drawn with
 * some of its lines and drawn again as each of the others answers costs recharts a full render per
 * answer, and moves the axis under the reader each time.
 */
function combineHistories(results: QueryObserverResult<PriceHistory>[]) {
  if (results.some((r) => r.isPending)) return NOT_YET;
  return {
    settled: true as const,
    histories: new HistorySet(
      results.map((r) => r.data),
      results.map((r) => r.isError),
      results.map((r) => `${r.status}:${r.dataUpdatedAt}`).join(','),
    ),
  };
}

/** Loads the histories a story's chart will ask for; resolves when each has answered or failed. */
export async function prefetchChartHistories(
  queryClient: QueryClient,
  article: Article,
  range: ChartRange,
): Promise<void> {
  const { from, to } = chartWindow(article.publishedAt, range, Date.now());
  await Promise.all(
    chartSymbols(article).map((s) => queryClient.prefetchQuery(historyQueryOptions(s.symbol, from, to))),
  );
}

/**
 * The last grid instant at or before now: changes at most once a grid step (a few seconds), so the
 * chart renders then and not every second. A window that is over settles on its end.
 */
function useSettledEdge(from: number, to: number): number {
  const subscribe = useCallback((l: () => void) => subscribeClock(1_000, l), []);
  const get = () => settledEdge(from, to, CHART_POINTS, clockNow(1_000));
  return useSyncExternalStore(subscribe, get, get);
}

/**
 * History (REST) + live points (price store) of each charted symbol over the range's window,
 * aligned on one grid of a few hundred rows. The rows change when a grid instant passes (every
 * 2.5 s on the 15-minute range, 10 s on the hour) or new history arrives, never at tick rate;
 * between, `tail` draws each line's end from the last row to the latest price. In price mode only
 * `absSymbol` is drawn, with the benchmark rebased onto its reference.
 */
export function useChartData(
  article: Article,
  range: ChartRange,
  mode: 'pct' | 'abs',
  absSymbol: string | null,
  historyGcMs?: number,
): ChartData {
  const { from, to } = chartWindow(article.publishedAt, range, Date.now());
  const edge = useSettledEdge(from, to);
  const key = symbolsKey(article);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the charted symbols of the article
  const symbols = useMemo(() => chartSymbols(article), [key]);
  const answer = useQueries({
    queries: symbols.map((s) => historyQueryOptions(s.symbol, from, to, historyGcMs)),
    combine: combineHistories,
  });
  const answered = answer.settled ? answer.histories : null;
  // A refetch that brings the same data (or only flips `isFetching`) keeps the rows as they are.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the histories' data and status
  const histories = useMemo(() => answered, [answered?.key ?? null]);

  return useMemo(() => {
    const live = edge < to && clockNow(1_000) >= from;
    const win: ChartWindow = { from, to, dataEnd: edge, live };
    const series: ChartSeries[] = [];
    const inputs: SeriesInput[] = symbols.map((s, i) => {
      const key = seriesKey(i);
      const history: readonly PricePoint[] = histories?.data[i]?.points ?? [];
      const livePoints = getLiveSeries(s.symbol);
      const merged = mergeSeries(history, livePoints, from, to);
      const ref =
        s.ref ?? priceAt(merged, article.publishedAt) ?? (merged.length > 0 ? merged.priceAt(0) : null);
      const benchmark = s.ticker === null;
      const color = benchmark ? BENCHMARK_COLOR : seriesColor(i);
      series.push({
        key,
        symbol: s.symbol,
        color,
        benchmark,
        ref,
        loading: histories === null,
        error: !!histories?.failed[i],
      });
      return { key, history, live: livePoints, ref };
    });
    let used = inputs;
    if (mode === 'abs' && absSymbol) {
      const absKey = series.find((s) => s.symbol === absSymbol)?.key;
      const target = inputs.find((s) => s.key === absKey);
      const bench = series.find((s) => s.benchmark);
      used = inputs
        .filter((s) => s.key === absKey || s.key === bench?.key)
        .map((s) => (s.key === absKey ? s : { ...s, rebase: target?.ref ?? null }));
    }
    // Nothing is drawn until every history has answered (see combineHistories).
    const rows = histories
      ? buildRows(used, { from, to, until: edge, buckets: CHART_POINTS, mode })
      : [{ t: from }, { t: to }];
    const tail: ChartTail | null = histories && live ? { inputs: used, mode, from, to, settled: edge } : null;
    const blank = rows.every((r) => Object.keys(r).length === 1) && !(tail && hasTail(tail));
    const loading = histories === null;
    return { window: win, series, rows, tail, loading, empty: !loading && blank };
  }, [symbols, histories, from, to, edge, mode, absSymbol, article.publishedAt]);
}

/** The rows' field of the story's `i`-th symbol (see `ChartSeries.key`). */
export function seriesKey(i: number): string {
  return `s${i}`;
}

/** True when some series has a price after the rows' end (a story newer than the last grid instant). */
function hasTail(tail: ChartTail): boolean {
  const row = tailRow(tail, clockNow(1_000));
  return row !== null && Object.keys(row).length > 1;
}
