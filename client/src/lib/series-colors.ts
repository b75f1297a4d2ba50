/**
 * Line colours of a story's tickers, in chart order (primary tickers first); shared by chart and
 * wall. They are CSS variables so each theme picks shades that stand out on its background.
 */
export const SERIES_COLORS = [
  'var(--series-1)',
  'var(--series-2)',
  'var(--series-3)',
  'var(--series-4)',
  'var(--series-5)',
  'var(--series-6)',
] as const;
export const BENCHMARK_COLOR = 'var(--benchmark)';

/** The colour of the i-th ticker line. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length] ?? SERIES_COLORS[0];
}
