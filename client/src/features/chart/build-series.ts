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

/** History followed by the live points newer than it, restricted to [from, to]. */
export function mergeSeries(history: readonly PricePoint[], live: LivePoints, from: number, to: number) {
  const out: PricePoint[] = [];
  for (const pt of history) if (pt.t >= from && pt.t <= to) out.push(pt);
  const lastT = out.length > 0 ? (out[out.length - 1]?.t ?? -Infinity) : -Infinity;
  if (Array.isArray(live)) {
    for (const pt of live as readonly PricePoint[])
      if (pt.t > lastT && pt.t >= from && pt.t <= to) out.push(pt);
    return out;
  }
  const ring = live as LiveSeries;
  for (let i = 0; i < ring.length; i++) {
    const t = ring.timeAt(i);
    if (t > lastT && t >= from && t <= to) out.push({ t, p: ring.priceAt(i) });
  }
  return out;
}

/** The last price at or before t (binary search), or null. */
export function priceAt(points: readonly PricePoint[], t: number): number | null {
  let lo = 0;
  let hi = points.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const pt = points[mid];
    if (!pt) break;
    if (pt.t <= t) {
      found = pt.p;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Aligns several price series on one time grid of `buckets` rows (the close of each bucket,
 * carried forward through gaps), as % change from each series' reference price or as prices.
 * When `until` falls between two grid points, one more row at `until` ends the lines there.
 */
export function buildRows(series: readonly SeriesInput[], opts: BuildOptions): ChartRow[] {
  const { from, to, mode } = opts;
  const until = opts.until ?? to;
  const n = Math.max(2, Math.floor(opts.buckets));
  const width = (to - from) / (n - 1);
  const merged = series.map((s) => ({ ...s, points: mergeSeries(s.history, s.live, from, to) }));
  const cursors = merged.map(() => 0);
  const lastPrice: (number | null)[] = merged.map(() => null);
  const rows: ChartRow[] = [];

  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(i === n - 1 ? to : Math.round(from + i * width));
  // A line that stops at `until` (now) ends exactly there, not at the grid point before it.
  if (until > from && until < to && !times.includes(until)) {
    times.splice(
      times.findIndex((t) => t > until),
      0,
      until,
    );
  }

  for (const t of times) {
    const row: ChartRow = { t };
    for (let k = 0; k < merged.length; k++) {
      const s = merged[k];
      if (!s) continue;
      let c = cursors[k] ?? 0;
      while (c < s.points.length && (s.points[c]?.t ?? Infinity) <= t) {
        lastPrice[k] = s.points[c]?.p ?? null;
        c++;
      }
      cursors[k] = c;
      const p = lastPrice[k];
      if (p == null || t > until) continue;
      if (mode === 'abs') {
        if (s.rebase == null) row[s.key] = p;
        else if (s.ref != null && s.ref > 0) row[s.key] = (p / s.ref) * s.rebase;
      } else if (s.ref != null && s.ref > 0) row[s.key] = (p / s.ref - 1) * 100;
    }
    rows.push(row);
  }
  return rows;
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
