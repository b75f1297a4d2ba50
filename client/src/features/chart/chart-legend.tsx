import { Move } from '../../components/move.js';
import { formatUsd, moveSince } from '../../lib/format.js';
import { useLivePrice } from '../../lib/prices.js';
import type { ChartSeries } from './use-chart-data.js';

interface ChartLegendProps {
  series: readonly ChartSeries[];
  hidden: ReadonlySet<string>;
  onToggle: (symbol: string) => void;
  mode: 'pct' | 'abs';
  absSymbol: string | null;
}

/** One entry per line: colour, symbol, live move since publication; click to hide or show it. */
export function ChartLegend({ series, hidden, onToggle, mode, absSymbol }: ChartLegendProps) {
  const shown = mode === 'abs' ? series.filter((s) => s.symbol === absSymbol) : series;
  return (
    <ul className="chart-legend" aria-label="Chart series">
      {shown.map((s) => (
        <LegendItem
          key={s.symbol}
          series={s}
          hidden={mode === 'pct' && hidden.has(s.symbol)}
          onToggle={mode === 'pct' ? onToggle : undefined}
        />
      ))}
    </ul>
  );
}

function LegendItem({
  series,
  hidden,
  onToggle,
}: {
  series: ChartSeries;
  hidden: boolean;
  onToggle: ((symbol: string) => void) | undefined;
}) {
  const live = useLivePrice(series.symbol);
  const move = moveSince(live?.p, series.ref);
  const content = (
    <>
      <span className="swatch" style={{ background: series.color }} />
      <span className="legend-symbol">{series.symbol}</span>
      {series.benchmark && <span className="legend-note">benchmark</span>}
      <span className="legend-price">{live ? formatUsd(live.p) : '—'}</span>
      <Move value={move} />
      {series.error && <span className="legend-note is-error">no history</span>}
    </>
  );
  return (
    <li className={`legend-item${hidden ? ' is-hidden' : ''}`} data-symbol={series.symbol}>
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
