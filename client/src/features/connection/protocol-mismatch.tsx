import { useEffect, useState } from 'react';
import { useConnection } from './connection-store.js';
import { mayAutoReload } from './reload-guard.js';

const RELOAD_AFTER_S = 5;
/** Full-width notice when the server speaks another protocol version; reloads itself. */
export function ProtocolMismatchNotice() {
  const { mismatch } = useConnection();
  const [left, setLeft] = useState(RELOAD_AFTER_S);
  const [auto, setAuto] = useState(true);

  useEffect(() => {
    if (!mismatch) return;
    const allowed = mayAutoReload('protocol');
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
