/** Line colours of a story's tickers, in chart order (primary tickers first); shared by chart and wall. */
export const SERIES_COLORS = ['#f5b942', '#5ec8ff', '#c58cff', '#2fd4c0', '#ff7eb6', '#b5e655'] as const;
export const BENCHMARK_COLOR = '#8a94a6';

/** The colour of the i-th ticker line. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length] ?? SERIES_COLORS[0];
}
