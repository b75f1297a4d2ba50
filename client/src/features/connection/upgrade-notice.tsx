import { useEffect, useState } from 'react';
import { useConnection } from './connection-store.js';
import { mayAutoReload } from './reload-guard.js';

const RELOAD_AFTER_S = 3;

/**
 * Shown when the server was upgraded under the page (another serverVersion on reconnect). With
 * `auto` (the wall) the page reloads itself after a short countdown; on the desk the reader decides.
 */
export function UpgradeNotice({ auto }: { auto: boolean }) {
  const { versionChanged, loadedVersion, serverVersion } = useConnection();
  const [left, setLeft] = useState(RELOAD_AFTER_S);
  const [reloading, setReloading] = useState(false);

  useEffect(() => {
    if (!versionChanged || !auto || !mayAutoReload('upgrade')) return;
    setReloading(true);
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
  }, [versionChanged, auto]);

  if (!versionChanged) return null;
  return (
    <div className="mismatch-notice upgrade-notice" role="status" data-testid="upgrade-notice">
      <strong>Tickerwire was updated</strong>
      <span>
        {loadedVersion} → {serverVersion}
        {reloading ? ` — reloading in ${left}s…` : ': reload to get the new version.'}
      </span>
      <button type="button" onClick={() => window.location.reload()}>
        Reload now
      </button>
    </div>
  );
}
