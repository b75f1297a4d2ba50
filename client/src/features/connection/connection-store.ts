import { useSyncExternalStore } from 'react';
import { PROTOCOL_VERSION } from '../../../../shared/index.js';
import { clockNow, subscribeClock } from '../../lib/clock.js';
import { socket } from '../../lib/socket.js';
import { markViewTokenRefused } from '../../lib/view-token.js';

/** What the socket is doing, as observed from its events. */
export interface ConnectionSnapshot {
  socket: 'connecting' | 'connected' | 'disconnected';
  /** The server speaks another protocol version: the page must reload. */
  mismatch: boolean;
  online: boolean;
  /** Epoch ms of the last tick batch, heartbeat or hello; null before the first. */
  lastDataAt: number | null;
  connectedOnce: boolean;
  serverVersion: string | null;
  /** The server version of this page's first handshake: the version the page was loaded with. */
  loadedVersion: string | null;
  /** A later handshake announced another server version: the server was upgraded under the page. */
  versionChanged: boolean;
  /** Last connection error message, cleared on connect. */
  lastError: string | null;
}

let snapshot: ConnectionSnapshot = {
  socket: 'connecting',
  mismatch: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  lastDataAt: null,
  connectedOnce: false,
  serverVersion: null,
  loadedVersion: null,
  versionChanged: false,
  lastError: null,
};
const listeners = new Set<() => void>();

function update(patch: Partial<ConnectionSnapshot>): void {
  snapshot = { ...snapshot, ...patch };
  for (const l of listeners) l();
}

/** Ticks arrive ten times a second; the store only needs to know data is flowing, so coalesce. */
let lastDataWrite = 0;
function markData(): void {
  const now = Date.now();
  if (now - lastDataWrite < 1_000) return;
  lastDataWrite = now;
  update({ lastDataAt: now });
}

/** With no data for this long while "connected", the connection is presumed dead and recycled. */
const SELF_HEAL_AFTER_MS = 25_000;

/** Starts watching the socket. Returns a function that stops. */
export function startConnectionMonitor(): () => void {
  const onConnect = () =>
    update({ socket: 'connected', connectedOnce: true, lastError: null, lastDataAt: Date.now() });
  const onDisconnect = () => update({ socket: 'disconnected' });
  const onConnectError = (err: Error) => {
    if (err.message === 'PROTOCOL_MISMATCH') update({ mismatch: true, socket: 'disconnected' });
    else if (err.message === 'UNAUTHORIZED') {
      markViewTokenRefused();
      update({ socket: 'disconnected', lastError: err.message });
    } else update({ socket: snapshot.connectedOnce ? 'disconnected' : 'connecting', lastError: err.message });
  };
  const onHello = (hello: { protocolVersion: number; serverVersion: string }) => {
    lastDataWrite = 0;
    markData();
    const loaded = snapshot.loadedVersion ?? hello.serverVersion;
    update({
      serverVersion: hello.serverVersion,
      loadedVersion: loaded,
      versionChanged: snapshot.versionChanged || hello.serverVersion !== loaded,
    });
    if (hello.protocolVersion !== PROTOCOL_VERSION) update({ mismatch: true });
  };
  const onOnline = () => {
    update({ online: true });
    if (!socket.connected) socket.connect();
  };
  const onOffline = () => update({ online: false });

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);
  socket.on('server:hello', onHello);
  socket.on('server:heartbeat', markData);
  socket.on('ticks:batch', markData);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  if (socket.connected) onConnect();

  const watchdog = setInterval(() => {
    const { lastDataAt } = snapshot;
    if (socket.connected && lastDataAt !== null && Date.now() - lastDataAt > SELF_HEAL_AFTER_MS) {
      // A half-open connection never tells on itself: drop it and let the handshake resume the feed.
      lastDataWrite = 0;
      update({ lastDataAt: Date.now() - SELF_HEAL_AFTER_MS / 2 });
      socket.disconnect().connect();
    }
  }, 5_000);

  return () => {
    clearInterval(watchdog);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onConnectError);
    socket.off('server:hello', onHello);
    socket.off('server:heartbeat', markData);
    socket.off('ticks:batch', markData);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const getSnapshot = () => snapshot;

/** The connection as last observed. */
export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

export type ConnectionState = 'live' | 'reconnecting' | 'stale' | 'offline';

/** No tick or heartbeat for this long = stale. */
export const STALE_AFTER_MS = 15_000;

const subscribeState = (listener: () => void) => {
  const stopStore = subscribe(listener);
  const stopClock = subscribeClock(1_000, listener);
  return () => {
    stopStore();
    stopClock();
  };
};
const getState = () => connectionState(snapshot, clockNow(1_000));

/**
 * The state shown to the user, re-evaluated every second. The caller re-renders only when the state
 * changes, not every second (the desk's root calls it: a render a second of the whole desk otherwise).
 */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribeState, getState, getState);
}

/** The state shown to the user at `now` (stale after `staleMs` without data). */
export function connectionState(
  s: ConnectionSnapshot,
  now: number,
  staleMs = STALE_AFTER_MS,
): ConnectionState {
  if (s.mismatch || !s.online) return 'offline';
  if (s.socket !== 'connected') return 'reconnecting';
  if (s.lastDataAt === null || now - s.lastDataAt > staleMs) return 'stale';
  return 'live';
}
