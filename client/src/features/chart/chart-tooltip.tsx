import { formatEtTime, formatPct, formatUsd } from '../../lib/format.js';

interface TooltipEntry {
  dataKey?: unknown;
  value?: unknown;
  color?: string;
}

interface ChartTooltipProps {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: unknown;
  mode: 'pct' | 'abs';
  publishedAt: number;
}

function sinceLabel(t: number, publishedAt: number): string {
  const m = Math.round((t - publishedAt) / 60_000);
  if (m === 0) return 'at publication';
  return m > 0 ? `${m} min after` : `${-m} min before`;
}

/** Hover card: time (ET), minutes from publication, each series' value. */
export function ChartTooltip({ active, payload, label, mode, publishedAt }: ChartTooltipProps) {
  if (!active || !payload || payload.length === 0 || typeof label !== 'number') return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">
        {formatEtTime(label)} ET <span>· {sinceLabel(label, publishedAt)}</span>
      </div>
      <ul>
        {payload.map((entry) => {
          const v = typeof entry.value === 'number' ? entry.value : null;
          return (
            <li key={String(entry.dataKey)}>
              <span className="swatch" style={{ background: entry.color }} />
              <span className="chart-tooltip-symbol">{String(entry.dataKey)}</span>
              <span
                className={`chart-tooltip-value${v != null && mode === 'pct' ? (v > 0 ? ' is-up' : v < 0 ? ' is-down' : '') : ''}`}
              >
                {v == null ? '—' : mode === 'pct' ? formatPct(v / 100) : formatUsd(v)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
