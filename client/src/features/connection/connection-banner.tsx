import { useNow } from '../../lib/clock.js';
import { type ConnectionSnapshot, useConnection } from './connection-store.js';

export type BannerState = 'lost' | 'stale' | null;

/** What a wall must say about its data at `now`: the link is down, the data is old, or nothing. */
export function bannerState(conn: ConnectionSnapshot, now: number, staleMs: number): BannerState {
  if (conn.mismatch) return null;
  if (conn.socket !== 'connected' || !conn.online) return conn.connectedOnce ? 'lost' : null;
  if (conn.lastDataAt === null || now - conn.lastDataAt > staleMs) return 'stale';
  return null;
}

/** "45 s", "3 min", "2 h 5 min": how long ago the last update was. */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1_000));
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * A banner nobody can miss when the data on screen is not live: the connection is lost (and being
 * retried), or nothing arrived for `staleMs`; it says how long ago the last update was.
 */
export function ConnectionBanner({ staleMs }: { staleMs: number }) {
  const conn = useConnection();
  const now = useNow(1_000);
  const state = bannerState(conn, now, staleMs);
  if (state === null) return null;
  const ago = conn.lastDataAt === null ? null : formatAgo(now - conn.lastDataAt);
  return (
    <div
      className={`connection-banner is-${state}`}
      role="alert"
      data-testid="wall-banner"
      data-state={state}
    >
      <strong className="connection-banner-title">
        {state === 'lost' ? 'Connection lost — reconnecting' : 'Data is stale'}
      </strong>
      <span className="connection-banner-detail" data-testid="wall-banner-ago">
        {ago === null ? 'No update received yet' : `Last update ${ago} ago`}
      </span>
    </div>
  );
}
