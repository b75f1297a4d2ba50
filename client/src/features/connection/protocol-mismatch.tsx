import { useEffect, useState } from 'react';
import { useConnection } from './connection-store.js';

const RELOAD_AFTER_S = 5;
const GUARD_KEY = 'tickerwire:mismatch-reloads';

/** After a few automatic reloads in a row, stop and let the user decide (avoids a reload loop). */
function mayAutoReload(): boolean {
  try {
    const raw = sessionStorage.getItem(GUARD_KEY);
    const entry = raw ? (JSON.parse(raw) as { n: number; at: number }) : { n: 0, at: 0 };
    const recent = Date.now() - entry.at < 5 * 60_000;
    const n = recent ? entry.n : 0;
    if (n >= 3) return false;
    sessionStorage.setItem(GUARD_KEY, JSON.stringify({ n: n + 1, at: Date.now() }));
    return true;
  } catch {
    return true;
  }
}

/** Full-width notice when the server speaks another protocol version; reloads itself. */
export function ProtocolMismatchNotice() {
  const { mismatch } = useConnection();
  const [left, setLeft] = useState(RELOAD_AFTER_S);
  const [auto, setAuto] = useState(true);

  useEffect(() => {
    if (!mismatch) return;
    const allowed = mayAutoReload();
    setAuto(allowed);
    if (!allowed) return;
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = RELOAD_AFTER_S - Math.floor((Date.now() - started) / 1_000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) {
        clearInterval(timer);
        window.location.reload();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [mismatch]);

  if (!mismatch) return null;
  return (
    <div className="mismatch-notice" role="alert" data-testid="protocol-mismatch">
      <strong>Tickerwire has been updated.</strong>
      <span>
        This page is out of date and must be reloaded
        {auto ? ` — reloading in ${left}s…` : '.'}
      </span>
      <button type="button" onClick={() => window.location.reload()}>
        Reload now
      </button>
    </div>
  );
}
