import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Article } from '../../../../shared/index.js';
import { formatEtShort, formatUsd } from '../../lib/format.js';
import { isReconnect, socket } from '../../lib/socket.js';
import { niceTicks, valueDomain } from './build-series.js';
import { ChartLegend } from './chart-legend.js';
import { chartKeys } from './chart-queries.js';
import { ChartTooltip } from './chart-tooltip.js';
import { useChartData } from './use-chart-data.js';

interface StoryChartProps {
  article: Article;
}

const AXIS_TICK = { fill: 'var(--text-3)', fontSize: 11 };

/** Fewest decimals (0 to 3) that print every tick exactly. */
function decimalsFor(ticks: readonly number[]): number {
  for (let d = 0; d < 3; d++) if (ticks.every((t) => Math.abs(Number(t.toFixed(d)) - t) < 1e-9)) return d;
  return 3;
}

function axisPctFormatter(digits: number): (v: number) => string {
  return (v) => `${v > 0 ? '+' : v < 0 ? '-' : ''}${Math.abs(v).toFixed(digits)}%`;
}

/**
 * The story's tickers as % change since publication (one shared axis) or one ticker's price,
 * from 30 min before publication to now (at most 2 h after), marked at publication.
 */
export function StoryChart({ article }: StoryChartProps) {
  const queryClient = useQueryClient();
  const [absSymbol, setAbsSymbol] = useState<string | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const mode = absSymbol ? 'abs' : 'pct';
  const data = useChartData(article, mode, absSymbol);

  // Ticks missed while disconnected leave a hole in the live tail: reload the window over REST.
  useEffect(() => {
    const onConnect = () => {
      if (isReconnect()) void queryClient.invalidateQueries({ queryKey: chartKeys.all });
    };
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
    };
  }, [queryClient]);

  const toggle = (symbol: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(symbol)) next.delete(symbol);
      else next.add(symbol);
      return next;
    });

  const visible = data.series.filter((s) =>
    mode === 'abs' ? s.symbol === absSymbol : !hidden.has(s.symbol),
  );
  const keys = visible.map((s) => s.symbol);
  const [min, max] = valueDomain(data.rows, keys, mode === 'pct');
  const yScale = niceTicks(min, max, 5);
  const absRef = mode === 'abs' ? data.series.find((s) => s.symbol === absSymbol)?.ref : null;
  const tickerSeries = data.series.filter((s) => !s.benchmark);

  return (
    <section className="story-chart" data-testid="story-chart" aria-label="Price reaction chart">
      <div className="chart-toolbar">
        <fieldset className="segmented">
          <legend className="visually-hidden">Chart scale</legend>
          <button type="button" aria-pressed={mode === 'pct'} onClick={() => setAbsSymbol(null)}>
            % since published
          </button>
          {tickerSeries.map((s) => (
            <button
              type="button"
              key={s.symbol}
              aria-pressed={absSymbol === s.symbol}
              onClick={() => setAbsSymbol(s.symbol)}
              title={`${s.symbol} price in US dollars`}
            >
              {s.symbol} $
            </button>
          ))}
        </fieldset>
        <ChartLegend
          series={data.series}
          hidden={hidden}
          onToggle={toggle}
          mode={mode}
          absSymbol={absSymbol}
        />
      </div>
      <div className="chart-frame">
        {data.loading && <div className="chart-overlay">Loading prices…</div>}
        {data.empty && <div className="chart-overlay">No price data for this window</div>}
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data.rows} margin={{ top: 18, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[data.from, data.to]}
              allowDataOverflow
              tickFormatter={formatEtShort}
              tick={AXIS_TICK}
              stroke="var(--line-strong)"
              tickLine={false}
              minTickGap={40}
            />
            <YAxis
              domain={yScale.domain}
              ticks={yScale.ticks}
              interval={0}
              allowDataOverflow
              tickFormatter={
                mode === 'pct' ? axisPctFormatter(decimalsFor(yScale.ticks)) : (v: number) => formatUsd(v)
              }
              tick={AXIS_TICK}
              stroke="var(--line-strong)"
              tickLine={false}
              axisLine={false}
              width={mode === 'pct' ? 52 : 76}
              orientation="right"
            />
            <Tooltip
              content={(p) => (
                <ChartTooltip
                  active={p.active}
                  payload={p.payload}
                  label={p.label}
                  mode={mode}
                  publishedAt={article.publishedAt}
                />
              )}
              cursor={{ stroke: 'var(--line-strong)', strokeWidth: 1 }}
              isAnimationActive={false}
            />
            {mode === 'pct' ? (
              <ReferenceLine y={0} stroke="var(--text-3)" strokeWidth={1} ifOverflow="extendDomain" />
            ) : (
              absRef != null && (
                <ReferenceLine
                  y={absRef}
                  stroke="var(--text-3)"
                  strokeDasharray="4 3"
                  ifOverflow="extendDomain"
                  label={{ value: 'ref', position: 'insideLeft', fill: 'var(--text-3)', fontSize: 10 }}
                />
              )
            )}
            <ReferenceLine
              x={article.publishedAt}
              stroke="var(--marker)"
              strokeOpacity={0.7}
              strokeWidth={1.25}
              strokeDasharray="3 3"
              label={{ value: 'published', position: 'top', fill: 'var(--marker)', fontSize: 11 }}
            />
            {visible.map((s) => (
              <Line
                key={s.symbol}
                type="linear"
                dataKey={s.symbol}
                stroke={s.color}
                strokeWidth={s.benchmark ? 1.25 : 1.75}
                strokeOpacity={s.benchmark ? 0.75 : 1}
                dot={false}
                activeDot={{ r: 3, strokeWidth: 0 }}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
