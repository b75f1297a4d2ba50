import type { PricePoint } from '../../../../shared/index.js';
import type { LiveSeries } from '../../lib/prices.js';

/** Live points: the price store's ring (a view) or a plain array of points. */
export type LivePoints = LiveSeries | readonly PricePoint[];

/** One row of the chart: time and one value per series key (undefined before its data starts). */
export type ChartRow = { t: number } & Record<string, number | undefined>;

export interface SeriesInput {
  key: string;
  /** History from REST, oldest first. */
  history: readonly PricePoint[];
  /** Recent live points (one per second), oldest first. */
  live: LivePoints;
  /** Divides the prices in percent mode; null leaves the series out in percent mode. */
  ref: number | null;
  /**
   * Price mode only: draw the series rebased onto another price, `price / ref * rebase` (the
   * benchmark drawn on a ticker's price axis, starting from the ticker's reference price).
   */
  rebase?: number | null;
}

export interface BuildOptions {
  from: number;
  to: number;
  /** Number of rows to produce (the chart gets a few hundred points, whatever the input size). */
  buckets: number;
  mode: 'pct' | 'abs';
  /** No values after this instant (now): the right edge may lie in the future. Defaults to `to`. */
  until?: number;
}

/** Points in time order, read by index (a view: no copy of the points behind it). */
export interface PointSeq {
  readonly length: number;
  timeAt(i: number): number;
  priceAt(i: number): number;
}

/** A range of history followed by a range of live points: no point is copied or allocated. */
class MergedSeries implements PointSeq {
  readonly length: number;
  constructor(
    private readonly history: readonly PricePoint[],
    private readonly h0: number,
    private readonly hN: number,
    private readonly live: LivePoints,
    private readonly l0: number,
    lN: number,
  ) {
    this.length = hN + lN;
  }
  timeAt(i: number): number {
    if (i < this.hN) return (this.history[this.h0 + i] as PricePoint).t;
    const k = this.l0 + i - this.hN;
    return Array.isArray(this.live)
      ? ((this.live as readonly PricePoint[])[k] as PricePoint).t
      : (this.live as LiveSeries).timeAt(k);
  }
  priceAt(i: number): number {
    if (i < this.hN) return (this.history[this.h0 + i] as PricePoint).p;
    const k = this.l0 + i - this.hN;
    return Array.isArray(this.live)
      ? ((this.live as readonly PricePoint[])[k] as PricePoint).p
      : (this.live as LiveSeries).priceAt(k);
  }
}

const liveLength = (live: LivePoints) => live.length;
const liveTime = (live: LivePoints, i: number) =>
  Array.isArray(live) ? ((live as readonly PricePoint[])[i] as PricePoint).t : (live as LiveSeries).timeAt(i);

/**
 * History followed by the live points newer than it, restricted to [from, to]. Both inputs are
 * oldest first, so each part is one contiguous range: the result is a view over them.
 */
export function mergeSeries(
  history: readonly PricePoint[],
  live: LivePoints,
  from: number,
  to: number,
): PointSeq {
  let h0 = 0;
  while (h0 < history.length && (history[h0] as PricePoint).t < from) h0++;
  let h1 = h0;
  while (h1 < history.length && (history[h1] as PricePoint).t <= to) h1++;
  const lastT = h1 > h0 ? (history[h1 - 1] as PricePoint).t : Number.NEGATIVE_INFINITY;
  const n = liveLength(live);
  let l0 = 0;
  while (l0 < n && !(liveTime(live, l0) > lastT && liveTime(live, l0) >= from)) l0++;
  let l1 = l0;
  while (l1 < n && liveTime(live, l1) <= to) l1++;
  return new MergedSeries(history, h0, h1 - h0, live, l0, l1 - l0);
}

/** The last price at or before t (binary search), or null. */
export function priceAt(points: PointSeq | readonly PricePoint[], t: number): number | null {
  const seq: PointSeq = Array.isArray(points)
    ? new MergedSeries(points as readonly PricePoint[], 0, points.length, [], 0, 0)
    : (points as PointSeq);
  let lo = 0;
  let hi = seq.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (seq.timeAt(mid) <= t) {
      found = seq.priceAt(mid);
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The instants of the chart's grid: `buckets` of them from `from` to `to`, both included. */
export function gridTimes(from: number, to: number, buckets: number): number[] {
  const n = Math.max(2, Math.floor(buckets));
  const width = (to - from) / (n - 1);
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(i === n - 1 ? to : Math.round(from + i * width));
  return times;
}

/**
 * The last grid instant at or before `now` (`from` before the window, `to` after it): rows up to it
 * are settled, and what lies between it and now is the forming end of each line.
 */
export function settledEdge(from: number, to: number, buckets: number, now: number): number {
  if (now >= to) return to;
  if (now <= from) return from;
  const n = Math.max(2, Math.floor(buckets));
  const width = (to - from) / (n - 1);
  let i = Math.floor((now - from) / width);
  // The grid rounds its instants to the millisecond: the floor can be one off either way.
  while (i > 0 && Math.round(from + i * width) > now) i--;
  while (i + 1 < n - 1 && Math.round(from + (i + 1) * width) <= now) i++;
  return Math.round(from + i * width);
}

/** A price as the chart draws it: % from the series' reference, or the price (rebased if asked); undefined when it cannot be told. */
export function seriesValue(s: SeriesInput, p: number, mode: 'pct' | 'abs'): number | undefined {
  if (mode === 'abs') {
    if (s.rebase == null) return p;
    return s.ref != null && s.ref > 0 ? (p / s.ref) * s.rebase : undefined;
  }
  return s.ref != null && s.ref > 0 ? (p / s.ref - 1) * 100 : undefined;
}

/**
 * Aligns several price series on one time grid of `buckets` rows (the close of each bucket,
 * carried forward through gaps), as % change from each series' reference price or as prices.
 * When `until` falls between two grid points, one more row at `until` ends the lines there; there
 * are no rows after it.
 */
export function buildRows(series: readonly SeriesInput[], opts: BuildOptions): ChartRow[] {
  const { from, to, mode } = opts;
  const until = opts.until ?? to;
  const merged = series.map((s) => ({ ...s, points: mergeSeries(s.history, s.live, from, to) }));
  const cursors = merged.map(() => 0);
  const lastPrice: (number | null)[] = merged.map(() => null);
  const rows: ChartRow[] = [];

  const times = gridTimes(from, to, opts.buckets);
  // A line that stops at `until` (now) ends exactly there, not at the grid point before it.
  if (until > from && until < to && !times.includes(until)) {
    times.splice(
      times.findIndex((t) => t > until),
      0,
      until,
    );
  }

  for (const t of times) {
    // No rows after `until`: the axis spans the window on its own, and a row with no value still
    // costs recharts a look-up per line in each of its selectors (two thirds of a fresh story's
    // window lies in the future).
    if (t > until) break;
    const row: ChartRow = { t };
    for (let k = 0; k < merged.length; k++) {
      const s = merged[k];
      if (!s) continue;
      let c = cursors[k] ?? 0;
      while (c < s.points.length && s.points.timeAt(c) <= t) {
        lastPrice[k] = s.points.priceAt(c);
        c++;
      }
      cursors[k] = c;
      const p = lastPrice[k];
      if (p == null || t > until) continue;
      const v = seriesValue(s, p, mode);
      if (v !== undefined) row[s.key] = v;
    }
    rows.push(row);
  }
  return rows;
}

/** The forming end of the lines: the series as the rows were built from them, read at any instant. */
export interface ChartTail {
  inputs: readonly SeriesInput[];
  mode: 'pct' | 'abs';
  from: number;
  to: number;
  /** Where the settled rows stop. */
  settled: number;
}

/** Each series' value at `now` (the price store's latest second), as the rows would hold it; null before the rows' end. */
export function tailRow(tail: ChartTail, now: number): ChartRow | null {
  const t = Math.min(now, tail.to);
  if (t <= tail.settled) return null;
  const row: ChartRow = { t };
  for (const s of tail.inputs) {
    const p = priceAt(mergeSeries(s.history, s.live, tail.from, tail.to), t);
    if (p == null) continue;
    const v = seriesValue(s, p, tail.mode);
    if (v !== undefined) row[s.key] = v;
  }
  return row;
}

/** The last row where the series has a value (its line's right end), or null. */
export function lastPoint(rows: readonly ChartRow[], key: string): { t: number; v: number } | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    const v = row?.[key];
    if (row && v !== undefined) return { t: row.t, v };
  }
  return null;
}

/** The value of a series at a row time, or null. */
export function valueAt(rows: readonly ChartRow[], key: string, t: number): number | null {
  const row = rows.find((r) => r.t === t);
  return row?.[key] ?? null;
}

/** Min and max over the given keys, padded so lines never touch the frame. */
export function valueDomain(
  rows: readonly ChartRow[],
  keys: readonly string[],
  includeZero: boolean,
): [number, number] {
  let min = includeZero ? 0 : Infinity;
  let max = includeZero ? 0 : -Infinity;
  for (const r of rows) {
    for (const k of keys) {
      const v = r[k];
      if (v === undefined) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return includeZero ? [-1, 1] : [0, 1];
  const span = max - min;
  const pad = span > 0 ? span * 0.08 : Math.max(Math.abs(max) * 0.002, includeZero ? 0.25 : 0.01);
  return [min - pad, max + pad];
}

/** Round tick values (1, 2, 2.5 or 5 × 10^k apart) covering [min, max], and the domain they span. */
export function niceTicks(
  min: number,
  max: number,
  count = 5,
): { domain: [number, number]; ticks: number[] } {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return { domain: [min, max], ticks: [min, max] };
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return { domain: [lo, hi], ticks };
}
