import { useNow } from '../../lib/clock.js';
import { type ConnectionState, connectionState, STALE_AFTER_MS, useConnection } from './connection-store.js';

function secondsSince(t: number | null, now: number): number | null {
  return t === null ? null : Math.max(0, Math.floor((now - t) / 1_000));
}

function formatSince(sec: number): string {
  return sec < 120 ? `${sec}s` : `${Math.floor(sec / 60)}m`;
}

/**
 * Always-visible indicator: Live, Reconnecting…, Stale (with the age of the last update) or Offline.
 * `staleMs`: no tick or heartbeat for this long is stale (a wall's URL may set it).
 */
export function ConnectionStatus({ staleMs = STALE_AFTER_MS }: { staleMs?: number }) {
  const conn = useConnection();
  const now = useNow(1_000);
  const state: ConnectionState = connectionState(conn, now, staleMs);
  const since = secondsSince(conn.lastDataAt, now);

  let label: string;
  let detail: string | null = null;
  switch (state) {
    case 'live':
      label = 'Live';
      break;
    case 'stale':
      label = 'Stale';
      detail = since === null ? 'no data yet' : `${formatSince(since)} ago`;
      break;
    case 'reconnecting':
      label =
        conn.lastError === 'UNAUTHORIZED'
          ? 'Token needed'
          : conn.connectedOnce
            ? 'Reconnecting…'
            : 'Connecting…';
      if (since !== null && since >= 15) detail = `${formatSince(since)} ago`;
      break;
    case 'offline':
      label = conn.mismatch
        ? 'Reload needed'
        : conn.lastError === 'UNAUTHORIZED'
          ? 'Token needed'
          : 'Offline';
      break;
  }

  const title = [
    state === 'live' ? 'Receiving prices and stories in real time' : null,
    since !== null ? `Last update ${since}s ago` : 'No update received yet',
    conn.serverVersion ? `Server ${conn.serverVersion}` : null,
    conn.lastError && state !== 'live' ? `Last error: ${conn.lastError}` : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div
      className={`connection-status is-${state}`}
      data-testid="connection-status"
      data-state={state}
      title={title}
      role="status"
      aria-live="polite"
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{label}</span>
      {detail && <span className="connection-detail">{detail}</span>}
    </div>
  );
}
