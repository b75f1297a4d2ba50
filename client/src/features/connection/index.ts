export { ConnectionStatus } from './connection-status.js';
export { type ConnectionState, startConnectionMonitor, useConnectionState } from './connection-store.js';
export { ProtocolMismatchNotice } from './protocol-mismatch.js';
