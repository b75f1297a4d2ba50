import { useEffect, useRef } from 'react';
import { fetchQuotes } from './api.js';
import { hasPrice, seedPrice } from './prices.js';
import { socket, subscribeTicks } from './socket.js';

const DEBOUNCE_MS = 250;
/** The contract accepts up to 500 symbols per ticks:subscribe. */
const MAX_SYMBOLS = 500;

/**
 * Keeps the server's tick subscription equal to `symbols` (most important first) (debounced, resent on every connect)
 * and seeds prices the page has never seen from GET /api/quotes so chips are not blank.
 */
export function useTickSubscription(symbols: readonly string[]): void {
  // Callers list symbols by priority (benchmark and selected story first): cut from the end, then
  // sort so the same set always gives the same key.
  const key = [...new Set(symbols)].slice(0, MAX_SYMBOLS).sort().join(',');
  const current = useRef<string[]>([]);

  useEffect(() => {
    const send = () => {
      if (!socket.connected) return;
      void subscribeTicks({ symbols: current.current }).then((ack) => {
        if (!ack.ok) console.warn('ticks:subscribe failed', ack.error);
      });
    };
    socket.on('connect', send);
    return () => {
      socket.off('connect', send);
    };
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const list = key ? key.split(',') : [];
      current.current = list;
      if (socket.connected) {
        void subscribeTicks({ symbols: list }).then((ack) => {
          if (!ack.ok) console.warn('ticks:subscribe failed', ack.error);
        });
      }
      const unseen = list.filter((s) => !hasPrice(s));
      if (unseen.length > 0) {
        fetchQuotes(unseen, controller.signal)
          .then(({ quotes }) => {
            for (const q of quotes) seedPrice(q.symbol, q.price, q.t);
          })
          .catch(() => {
            // Ticks will fill the prices in; a failed snapshot is not worth a message.
          });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
}
