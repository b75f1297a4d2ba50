import { useEffect } from 'react';
import type { Article } from '../../../../shared/index.js';
import type { Alert } from './alert-rules.js';
import { describeAlert } from './alert-rules.js';
import type { AlertSettings } from './alert-settings.js';

/** A toast goes away by itself after this long. */
const TOAST_MS = 20_000;

interface AlertToastsProps {
  alerts: readonly Alert[];
  settings: AlertSettings;
  onOpen: (article: Article) => void;
  onDismiss: (key: string) => void;
}

/** Recent alerts in the corner: click one to open its story. */
export function AlertToasts({ alerts, settings, onOpen, onDismiss }: AlertToastsProps) {
  return (
    <section className="alert-toasts" aria-label="Alerts" aria-live="polite">
      {alerts.map((a) => (
        <Toast key={a.key} alert={a} settings={settings} onOpen={onOpen} onDismiss={onDismiss} />
      ))}
    </section>
  );
}

function Toast({ alert, settings, onOpen, onDismiss }: { alert: Alert } & Omit<AlertToastsProps, 'alerts'>) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(alert.key), TOAST_MS);
    return () => clearTimeout(timer);
  }, [alert.key, onDismiss]);
  const { title, body } = describeAlert(alert, settings);
  return (
    <div
      className={`alert-toast is-${alert.kind}`}
      data-testid="alert-toast"
      data-kind={alert.kind}
      data-symbol={alert.symbol}
    >
      <button
        type="button"
        className="alert-toast-open"
        onClick={() => {
          onOpen(alert.article);
          onDismiss(alert.key);
        }}
      >
        <strong>{title}</strong>
        <span>{body}</span>
      </button>
      <button
        type="button"
        className="alert-toast-close"
        aria-label="Dismiss alert"
        onClick={() => onDismiss(alert.key)}
      >
        ×
      </button>
    </div>
  );
}
