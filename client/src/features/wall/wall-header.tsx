import type { ReactNode } from 'react';
import { useNow } from '../../lib/clock.js';
import { formatEtDate, formatEtTime, type MarketSession, marketSession } from '../../lib/format.js';

const SESSION_LABEL: Record<MarketSession, string> = {
  pre: 'Pre-market',
  open: 'Market open',
  post: 'After hours',
  closed: 'Market closed',
};

/** The wall's top line: name and scope, New York time and the market session, the connection state. */
export function WallHeader({ scope, status }: { scope: string; status: ReactNode }) {
  const now = useNow(1_000);
  const session = marketSession(now);
  return (
    <header className="wall-header">
      <div className="wall-brand">
        <span className="wall-brand-name">Tickerwire</span>
        <span className="wall-scope" data-testid="wall-scope">
          {scope}
        </span>
      </div>
      <div className="wall-clock" data-testid="wall-clock">
        <span className="wall-clock-time">{formatEtTime(now)}</span>
        <span className="wall-clock-zone">ET</span>
        <span className="wall-clock-date">{formatEtDate(now)}</span>
        <span className={`wall-session is-${session}`} data-testid="wall-session" data-session={session}>
          {SESSION_LABEL[session]}
        </span>
      </div>
      <div className="wall-status">{status}</div>
    </header>
  );
}
