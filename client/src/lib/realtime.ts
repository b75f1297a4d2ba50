import type { MarketStatus, TicksBatch } from '../../../shared/index.js';
import { marketStatusQuery } from './market-status.js';
import { ingestTicks } from './prices.js';
import { queryClient } from './query-client.js';
import { socket } from './socket.js';

/** Wires ticks into the price store and opens the socket. Returns a function that undoes both. */
export function startRealtime(): () => void {
  let retry: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  const retryLater = () => {
    if (retry !== null) return;
    const delay = Math.min(1_000 * 2 ** failures, 10_000);
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      if (!socket.connected) socket.connect();
    }, delay);
  };

  const onTicks = (batch: TicksBatch) => ingestTicks(batch.ticks);
  const onMarketStatus = (status: MarketStatus) =>
    queryClient.setQueryData(marketStatusQuery.queryKey, status);
  const onConnect = () => {
    failures = 0;
  };
  // socket.io retries transport failures itself, but not a server-side close or a handshake the
  // server refused; those we retry here, except a protocol mismatch, which needs a reload.
  const onDisconnect = (reason: string) => {
    if (reason === 'io server disconnect') retryLater();
  };
  const onConnectError = (err: Error) => {
    if (!socket.active && err.message !== 'PROTOCOL_MISMATCH') retryLater();
  };
  socket.on('ticks:batch', onTicks);
  socket.on('market:status', onMarketStatus);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);
  socket.connect();
  return () => {
    if (retry !== null) clearTimeout(retry);
    socket.off('ticks:batch', onTicks);
    socket.off('market:status', onMarketStatus);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onConnectError);
    socket.disconnect();
  };
}
