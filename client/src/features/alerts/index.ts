export { AlertToasts } from './alert-toasts.js';
export { AlertsButton } from './alerts-button.js';
export { type Alerts, useAlerts } from './use-alerts.js';
