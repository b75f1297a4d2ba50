import type { ReactNode } from 'react';
import type { ArticleTicker } from '../../../../shared/index.js';
import { Move } from '../../components/move.js';
import { Signed } from '../../components/reaction-values.js';
import { formatUsd, moveSince } from '../../lib/format.js';
import { useLivePrice } from '../../lib/prices.js';
import { useLiveReaction } from '../../lib/use-live-reaction.js';
import type { ChartSeries } from './use-chart-data.js';

interface ChartLegendProps {
  series: readonly ChartSeries[];
  /** The story's current tags, for each ticker line's live reaction. */
  tickers: readonly ArticleTicker[];
  hidden: ReadonlySet<string>;
  onToggle: (symbol: string) => void;
  mode: 'pct' | 'abs';
  absSymbol: string | null;
}

/**
 * One entry per line: colour, symbol, live price, move since publication and abnormal move; click
 * to hide or show it (in price mode only the benchmark can be switched).
 */
export function ChartLegend({ series, tickers, hidden, onToggle, mode, absSymbol }: ChartLegendProps) {
  const shown = mode === 'abs' ? series.filter((s) => s.symbol === absSymbol || s.benchmark) : series;
  return (
    <ul className="chart-legend" aria-label="Chart series">
      {shown.map((s) => {
        const ticker = s.benchmark ? undefined : tickers.find((t) => t.symbol === s.symbol);
        const toggle = mode === 'pct' || s.benchmark ? onToggle : undefined;
        return ticker ? (
          <TickerItem
            key={s.symbol}
            series={s}
            ticker={ticker}
            hidden={hidden.has(s.symbol)}
            onToggle={toggle}
          />
        ) : (
          <BenchmarkItem key={s.symbol} series={s} hidden={hidden.has(s.symbol)} onToggle={toggle} />
        );
      })}
    </ul>
  );
}

interface ItemProps {
  series: ChartSeries;
  hidden: boolean;
  onToggle: ((symbol: string) => void) | undefined;
}

function TickerItem({ series, ticker, hidden, onToggle }: ItemProps & { ticker: ArticleTicker }) {
  const live = useLiveReaction(ticker);
  return (
    <LegendItem series={series} hidden={hidden} onToggle={onToggle}>
      <span className="legend-price">{formatUsd(live.last)}</span>
      <Move value={live.move == null ? null : live.move / 100} />
      <span
        className="legend-abn"
        title={`Abnormal move vs ${ticker.reaction.benchmark} (percentage points)`}
      >
        <span className="horizon-label">abn</span>
        <Signed value={live.abnormal} unit="pts" />
      </span>
    </LegendItem>
  );
}

function BenchmarkItem({ series, hidden, onToggle }: ItemProps) {
  const live = useLivePrice(series.symbol);
  return (
    <LegendItem series={series} hidden={hidden} onToggle={onToggle}>
      <span className="legend-note">benchmark</span>
      <span className="legend-price">{live ? formatUsd(live.p) : '—'}</span>
      <Move value={moveSince(live?.p, series.ref)} />
    </LegendItem>
  );
}

function LegendItem({ series, hidden, onToggle, children }: ItemProps & { children: ReactNode }) {
  const content = (
    <>
      <span
        className={`swatch${series.benchmark ? ' is-benchmark' : ''}`}
        style={series.benchmark ? undefined : { background: series.color }}
      />
      <span className="legend-symbol">{series.symbol}</span>
      {children}
      {series.error && <span className="legend-note is-error">no history</span>}
    </>
  );
  return (
    <li
      className={`legend-item${hidden ? ' is-hidden' : ''}`}
      data-symbol={series.symbol}
      data-benchmark={series.benchmark ? 'true' : undefined}
    >
      {onToggle ? (
        <button
          type="button"
          onClick={() => onToggle(series.symbol)}
          aria-pressed={!hidden}
          title={hidden ? `Show ${series.symbol}` : `Hide ${series.symbol}`}
        >
          {content}
        </button>
      ) : (
        <span className="legend-static">{content}</span>
      )}
    </li>
  );
}
