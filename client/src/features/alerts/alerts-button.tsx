import { useState } from 'react';
import { useAlertSettings } from './alert-settings.js';
import { AlertsPanel } from './alerts-panel.js';

/** The header's Alerts button: shows whether alerts are on, opens their settings. */
export function AlertsButton() {
  const s = useAlertSettings();
  const [open, setOpen] = useState(false);
  const on = s.enabled && s.watchlist.length > 0;
  return (
    <div className="popover-anchor">
      <button
        type="button"
        className={`header-button${on ? ' is-on' : ''}`}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        title={on ? `Alerts on for ${s.watchlist.join(', ')}` : 'Alerts are off'}
        data-testid="alerts-button"
      >
        <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
          <path
            d="M10 3a4.5 4.5 0 00-4.5 4.5v3L4 13.5h12l-1.5-3v-3A4.5 4.5 0 0010 3zM8.2 15.5a1.9 1.9 0 003.6 0"
            fill={on ? 'currentColor' : 'none'}
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinejoin="round"
          />
        </svg>
        <span className="header-button-label">Alerts{on ? ` · ${s.watchlist.length}` : ''}</span>
      </button>
      {open && <AlertsPanel onClose={() => setOpen(false)} />}
    </div>
  );
}
