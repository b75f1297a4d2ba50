export { ConnectionBanner } from './connection-banner.js';
export { ConnectionStatus } from './connection-status.js';
export {
  type ConnectionState,
  startConnectionMonitor,
  useConnection,
  useConnectionState,
} from './connection-store.js';
export { ProtocolMismatchNotice } from './protocol-mismatch.js';
export { UpgradeNotice } from './upgrade-notice.js';
export { ViewTokenNotice } from './view-token-notice.js';
