import { useNow } from '../lib/clock.js';
import { formatEtDate, formatEtTime, type MarketSession, marketSession } from '../lib/format.js';

const SESSION_LABEL: Record<MarketSession, string> = {
  pre: 'Pre-market',
  open: 'Market open',
  post: 'After hours',
  closed: 'Market closed',
};

/** US/Eastern clock with the equity session (regular hours 09:30–16:00 ET; holidays not known). */
export function MarketClock() {
  const now = useNow(1_000);
  const session = marketSession(now);
  return (
    <div className="market-clock" title="New York time (US/Eastern)" data-testid="market-clock">
      <span className="clock-time">{formatEtTime(now)}</span>
      <span className="clock-zone">ET</span>
      <span className="clock-date">{formatEtDate(now)}</span>
      <span className={`session-badge is-${session}`}>{SESSION_LABEL[session]}</span>
    </div>
  );
}
