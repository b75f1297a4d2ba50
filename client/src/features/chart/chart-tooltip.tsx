import { formatEtTime, formatLocalShort, localZoneName } from '../../lib/format.js';

interface TooltipEntry {
  dataKey?: unknown;
  value?: unknown;
  color?: string;
}

interface ChartTooltipProps {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: unknown;
  publishedAt: number;
  /** The text of a series' value, and its direction when it is a move. */
  format: (key: string, value: number) => { symbol: string; text: string; dir?: 'up' | 'down' | 'flat' };
}

function sinceLabel(t: number, publishedAt: number): string {
  const m = Math.round((t - publishedAt) / 60_000);
  if (m === 0) return 'at publication';
  if (Math.abs(m) < 120) return m > 0 ? `${m} min after` : `${-m} min before`;
  const h = (Math.abs(t - publishedAt) / 3_600_000).toFixed(1);
  return t > publishedAt ? `${h} h after` : `${h} h before`;
}

/** Hover card: time in New York and in the viewer's zone, time from publication, each series' value. */
export function ChartTooltip({ active, payload, label, publishedAt, format }: ChartTooltipProps) {
  if (!active || !payload || payload.length === 0 || typeof label !== 'number') return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">
        {formatEtTime(label)} ET
        <span className="chart-tooltip-local">
          {formatLocalShort(label)} {localZoneName(label)}
        </span>
      </div>
      <div className="chart-tooltip-since">{sinceLabel(label, publishedAt)}</div>
      <ul>
        {payload.map((entry) => {
          const key = String(entry.dataKey);
          const v = typeof entry.value === 'number' ? format(key, entry.value) : null;
          return (
            <li key={key}>
              <span className="swatch" style={{ background: entry.color }} />
              <span className="chart-tooltip-symbol">{v ? v.symbol : key}</span>
              <span className={`chart-tooltip-value${v?.dir && v.dir !== 'flat' ? ` is-${v.dir}` : ''}`}>
                {v ? v.text : '—'}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
