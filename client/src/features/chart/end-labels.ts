import { type ArticleTicker, percentMove } from '../../../../shared/index.js';
import { liveReaction, type TimedPrice } from '../../lib/reaction.js';
import { type ChartRow, lastPoint, valueAt } from './build-series.js';

/** One label at the right end of a line: the move since publication and the abnormal move. */
export interface EndLabel {
  symbol: string;
  color: string;
  /** Where the line ends (time, value on the chart's axis). */
  t: number;
  v: number;
  /** Percent since publication. */
  move: number | null;
  /** Percentage points over the benchmark; absent for the benchmark itself. */
  abnormal?: number | null;
}

export interface LabelSeries {
  /** The rows' field of the series. */
  key: string;
  symbol: string;
  color: string;
  benchmark: boolean;
  ref: number | null;
}

export interface EndLabelInput {
  rows: readonly ChartRow[];
  /** The lines drawn. */
  visible: readonly LabelSeries[];
  /** The benchmark series (drawn or not): abnormal moves are read against it. */
  benchmark: LabelSeries | undefined;
  /** The story's tags, for each ticker's reaction. */
  tickers: readonly ArticleTicker[];
  /** True while the window includes now. */
  live: boolean;
  /** Percent since publication of a value on the chart's axis; null when it cannot be told. */
  pctOf: (v: number) => number | null;
  livePrice: (symbol: string) => TimedPrice | undefined;
}

/**
 * Labels for the end of each drawn line. While the window includes now they carry the live figures
 * (the same as the legend, the chips and the feed strip); once it is over, they are read off the
 * lines: the move at the line's end and its distance to the benchmark line there.
 */
export function endLabels(input: EndLabelInput): EndLabel[] {
  const { rows, visible, benchmark, tickers, live, pctOf, livePrice } = input;
  const labels: EndLabel[] = [];
  for (const s of visible) {
    const end = lastPoint(rows, s.key);
    if (!end) continue;
    const base = { ...end, symbol: s.symbol, color: s.color };
    const ticker = s.benchmark ? undefined : tickers.find((t) => t.symbol === s.symbol);
    if (!ticker) {
      const move = live ? (percentMove(livePrice(s.symbol)?.p, s.ref) ?? pctOf(end.v)) : pctOf(end.v);
      labels.push({ ...base, move });
    } else if (live) {
      const r = liveReaction(ticker, livePrice(s.symbol), livePrice(ticker.reaction.benchmark));
      labels.push({ ...base, move: r.move, abnormal: r.abnormal });
    } else {
      const move = pctOf(end.v);
      const benchV = benchmark ? valueAt(rows, benchmark.key, end.t) : null;
      const benchMove = benchV == null ? null : pctOf(benchV);
      labels.push({ ...base, move, abnormal: move != null && benchMove != null ? move - benchMove : null });
    }
  }
  return labels;
}
