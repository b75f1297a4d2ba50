import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useReducer } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Article } from '../../../../shared/index.js';
import { useNow } from '../../lib/clock.js';
import { isReconnect, socket } from '../../lib/socket.js';
import { plainAxisTick } from './axis-tick.js';
import { niceTicks, tailRow, valueDomain } from './build-series.js';
import { ChartLiveTail, type TailLine } from './chart-live-tail.js';
import { PublishedLine, StableReferenceLine } from './chart-overlays.js';
import { chartKeys } from './chart-queries.js';
import { etTicks, formatEtTick } from './chart-window.js';
import { staticLineShape } from './line-shape.js';
import { useChartData } from './use-chart-data.js';
import { wallRange } from './wall-range.js';

/** A wall moves on every few seconds: the history of a story off screen is dropped after a minute. */
const WALL_HISTORY_GC_MS = 60_000;

interface WallChartProps {
  article: Article;
  /** 1 % of the viewport's shorter side in px: axis type and margins scale with the screen. */
  unitPx: number;
}

function pctTick(v: number): string {
  const digits = Number.isInteger(v) ? 0 : Math.abs(v * 10 - Math.round(v * 10)) < 1e-9 ? 1 : 2;
  return `${v > 0 ? '+' : v < 0 ? '-' : ''}${Math.abs(v).toFixed(digits)}%`;
}

/**
 * The story's chart for a wall: % move since publication of each ticker and the benchmark, the
 * publication marked, large axis type, nothing to hover or click. The range follows the story's age.
 */
export function WallChart({ article, unitPx }: WallChartProps) {
  const queryClient = useQueryClient();
  const now = useNow(60_000);
  const range = wallRange(article.publishedAt, now);
  const data = useChartData(article, range, 'pct', null, WALL_HISTORY_GC_MS);
  // A forming line end that leaves the value axis renders the chart again, to rescale it.
  const [, rescale] = useReducer((n: number) => n + 1, 0);
  const { from, to } = data.window;

  useEffect(() => {
    const onConnect = () => {
      if (isReconnect()) void queryClient.invalidateQueries({ queryKey: chartKeys.all });
    };
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
    };
  }, [queryClient]);

  const keys = data.series.map((s) => s.key);
  const head = data.tail ? tailRow(data.tail, Date.now()) : null;
  const [min, max] = valueDomain(head ? [...data.rows, head] : data.rows, keys, true);
  const yScale = niceTicks(min, max, 4);
  const xTicks = useMemo(() => etTicks(from, to, 4), [from, to]);
  const font = Math.max(12, Math.round(2 * unitPx));
  const tick = plainAxisTick('var(--text-2)', font);
  const lineWidth = (benchmark: boolean) =>
    benchmark ? Math.max(1.5, unitPx / 5) : Math.max(2.5, unitPx / 2.5);
  const tailLines: TailLine[] = data.series.map((s) => ({
    key: s.key,
    symbol: s.symbol,
    color: s.color,
    width: lineWidth(s.benchmark),
    opacity: s.benchmark ? 0.8 : 1,
    dash: s.benchmark ? '8 6' : undefined,
  }));

  return (
    <figure
      className="wall-chart"
      data-testid="wall-chart"
      data-range={range}
      aria-label={`Move since publication of ${data.series.map((s) => s.symbol).join(', ')}`}
    >
      {data.loading && <div className="wall-chart-note">Loading prices…</div>}
      {data.empty && <div className="wall-chart-note">No prices for this story yet</div>}
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data.rows}
          margin={{
            top: Math.round(font * 1.6),
            right: Math.round(unitPx),
            bottom: 0,
            left: Math.round(unitPx),
          }}
        >
          <CartesianGrid stroke="var(--grid)" strokeDasharray="2 6" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={[from, to]}
            ticks={xTicks}
            interval={0}
            allowDataOverflow
            tickFormatter={formatEtTick}
            tick={tick}
            height={Math.round(font * 1.9)}
            stroke="var(--line-strong)"
            tickLine={false}
          />
          <YAxis
            domain={yScale.domain}
            ticks={yScale.ticks}
            interval={0}
            allowDataOverflow
            tickFormatter={pctTick}
            tick={tick}
            width={Math.round(font * 4.2)}
            stroke="var(--line-strong)"
            tickLine={false}
            axisLine={false}
            orientation="right"
          />
          <StableReferenceLine y={0} stroke="var(--text-3)" strokeWidth={Math.max(1, unitPx / 8)} />
          <PublishedLine
            t={article.publishedAt}
            strokeOpacity={0.8}
            strokeWidth={Math.max(1.5, unitPx / 5)}
            strokeDasharray="6 6"
            labelFill="var(--text-2)"
            fontSize={font}
          />
          {data.series.map((s) => (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              stroke={s.color}
              strokeWidth={lineWidth(s.benchmark)}
              strokeOpacity={s.benchmark ? 0.8 : 1}
              strokeDasharray={s.benchmark ? '8 6' : undefined}
              dot={false}
              isAnimationActive={false}
              connectNulls
              shape={staticLineShape}
            />
          ))}
          <ChartLiveTail
            tail={data.tail}
            rows={data.rows}
            lines={tailLines}
            yDomain={yScale.domain}
            onOverflow={rescale}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
