import { useEffect } from 'react';
import { DefaultZIndexes, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { useNow } from '../../lib/clock.js';
import { type ChartRow, type ChartTail, lastPoint, tailRow } from './build-series.js';
import { ChartEndLabels } from './chart-overlays.js';
import type { EndLabel } from './end-labels.js';

/** How one line is stroked: its forming end is drawn the same way. */
export interface TailLine {
  /** The rows' field of the line. */
  key: string;
  symbol: string;
  color: string;
  width: number;
  opacity: number;
  dash?: string;
}

export interface ChartLiveTailProps {
  tail: ChartTail | null;
  /** The settled rows recharts draws: each forming end starts at its line's last point. */
  rows: readonly ChartRow[];
  lines: readonly TailLine[];
  /** The value axis' domain: a forming end outside it calls `onOverflow` so the chart rescales. */
  yDomain: readonly [number, number];
  onOverflow: () => void;
  /** The labels at the ends of the lines, read from the rows with the forming row last. */
  labels?: (rows: readonly ChartRow[]) => readonly EndLabel[];
}

/** A window that is over never changes: its clock strikes hourly (the hook is called either way). */
const IDLE_PERIOD_MS = 3_600_000;

/**
 * The forming end of each line, from its last settled row to the latest price, and the labels at
 * the ends: this renders every second, the chart itself only when a grid instant passes. Drawn
 * inside the chart with its scales, in the lines' layer.
 */
export function ChartLiveTail({ tail, rows, lines, yDomain, onOverflow, labels }: ChartLiveTailProps) {
  const now = useNow(tail ? 1_000 : IDLE_PERIOD_MS);
  const x = useXAxisScale();
  const y = useYAxisScale();
  const head = tail ? tailRow(tail, now) : null;
  const [lo, hi] = yDomain;
  const overflow =
    head !== null &&
    lines.some((l) => {
      const v = head[l.key];
      return v !== undefined && (v < lo || v > hi);
    });
  useEffect(() => {
    if (overflow) onOverflow();
  }, [overflow, onOverflow]);

  const ends = labels?.(head ? [...rows, head] : rows) ?? [];
  if (!x || !y) return null;
  const segments: { line: TailLine; d: string }[] = [];
  if (head) {
    for (const line of lines) {
      const v = head[line.key];
      const start = lastPoint(rows, line.key);
      if (v === undefined || !start) continue;
      const x1 = x(start.t);
      const y1 = y(start.v);
      const x2 = x(head.t);
      const y2 = y(v);
      if (x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined) continue;
      segments.push({ line, d: `M${x1},${y1}L${x2},${y2}` });
    }
  }
  return (
    <>
      {segments.length > 0 && (
        <ZIndexLayer zIndex={DefaultZIndexes.line}>
          <g className="chart-live-tail">
            {segments.map(({ line, d }) => (
              <path
                key={line.key}
                d={d}
                data-symbol={line.symbol}
                fill="none"
                stroke={line.color}
                strokeWidth={line.width}
                strokeOpacity={line.opacity}
                strokeDasharray={line.dash}
              />
            ))}
          </g>
        </ZIndexLayer>
      )}
      {ends.length > 0 && <ChartEndLabels labels={ends} />}
    </>
  );
}
