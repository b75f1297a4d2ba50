import { etOffsetMs, formatEtDate, formatEtShort } from '../../lib/format.js';

/** Pure window and axis maths of the story chart (unit-tested). */

/** Time ranges the chart offers. */
export const CHART_RANGES = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '1d': 24 * 60 * 60_000,
} as const;
export type ChartRange = keyof typeof CHART_RANGES;
export const DEFAULT_CHART_RANGE: ChartRange = '1h';

export interface ChartWindow {
  /** Left edge of the axis: publication minus a third of the range. */
  from: number;
  /** Right edge of the axis: publication plus two thirds of the range (may lie in the future). */
  to: number;
  /** Where the data stops: now, clipped to the axis. */
  dataEnd: number;
  /** True while now lies inside the window: the right end of each line is the live price. */
  live: boolean;
}

/**
 * The window of a story for a range: publication sits at the left third, so the reaction gets
 * two thirds of the width. Data runs to now at most; the axis keeps its full width.
 */
export function chartWindow(publishedAt: number, range: ChartRange, now: number): ChartWindow {
  const span = CHART_RANGES[range];
  const from = publishedAt - Math.round(span / 3);
  const to = from + span;
  const dataEnd = Math.min(Math.max(now, from), to);
  return { from, to, dataEnd, live: now >= from && now <= to };
}

const MINUTE = 60_000;
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720].map((m) => m * MINUTE);

/**
 * Axis ticks on round US/Eastern wall-clock times (":00, :15" or "09:00, 12:00" in New York,
 * whatever the viewer's zone), at most `maxTicks` of them.
 */
export function etTicks(from: number, to: number, maxTicks: number): number[] {
  if (!(to > from) || maxTicks < 1) return [];
  const span = to - from;
  const step = TICK_STEPS.find((s) => span / s <= maxTicks) ?? (TICK_STEPS.at(-1) as number);
  const ticks: number[] = [];
  const offset = etOffsetMs(from);
  // `wall` is New York wall-clock time written as if it were UTC.
  let wall = Math.ceil((from + offset) / step) * step;
  for (let guard = 0; guard <= maxTicks + 2; guard++) {
    // Back to an instant; past a DST change the offset differs, so look it up again there.
    let t = wall - offset;
    const there = etOffsetMs(t);
    if (there !== offset) t = wall - there;
    if (t > to) break;
    if (t >= from) ticks.push(t);
    wall += step;
  }
  return ticks;
}

/** Axis label: "09:45" ET, or the date at midnight ET ("Nov 29"). */
export function formatEtTick(t: number): string {
  const hm = formatEtShort(t);
  if (hm !== '00:00') return hm;
  const date = formatEtDate(t);
  return date.slice(date.indexOf(',') + 1).trim();
}
