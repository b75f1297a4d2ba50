import { useCallback, useSyncExternalStore } from 'react';
import { parseSymbolList } from '../../../../shared/index.js';

/** The feed filter lives in the URL (?tickers=BABA,NVDA) so a link reproduces the view. */
const PARAM = 'tickers';

const listeners = new Set<() => void>();
let cachedSearch: string | null = null;
let cachedTickers: readonly string[] = [];

function readTickers(): readonly string[] {
  const search = window.location.search;
  if (search !== cachedSearch) {
    cachedSearch = search;
    const next = parseSymbolList(new URLSearchParams(search).get(PARAM)).symbols;
    // Keep the old array when nothing changed so subscribers do not re-render.
    if (next.join(',') !== cachedTickers.join(',')) cachedTickers = next;
  }
  return cachedTickers;
}

function notify(): void {
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

/** Writes the filter into the URL: a new history entry for user actions, a replacement otherwise. */
export function writeTickersToUrl(tickers: readonly string[], mode: 'push' | 'replace' = 'push'): void {
  const url = new URL(window.location.href);
  if (tickers.length > 0) url.searchParams.set(PARAM, tickers.join(','));
  else url.searchParams.delete(PARAM);
  const next = `${url.pathname}${url.search.replaceAll('%2C', ',')}${url.hash}`;
  const current = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (next === current) return;
  if (mode === 'push') window.history.pushState(window.history.state, '', next);
  else window.history.replaceState(window.history.state, '', next);
  notify();
}

export interface TickerFilter {
  /** Canonical symbols; empty means every story. */
  tickers: readonly string[];
  setTickers: (tickers: readonly string[]) => void;
  addTicker: (symbol: string) => void;
  removeTicker: (symbol: string) => void;
  clear: () => void;
}

/** The current ticker filter, read from and written to the URL (back/forward follow it). */
export function useTickerFilter(): TickerFilter {
  const tickers = useSyncExternalStore(subscribe, readTickers, () => cachedTickers);
  const setTickers = useCallback((next: readonly string[]) => writeTickersToUrl([...new Set(next)]), []);
  const addTicker = useCallback(
    (symbol: string) => {
      if (!tickers.includes(symbol)) writeTickersToUrl([...tickers, symbol]);
    },
    [tickers],
  );
  const removeTicker = useCallback(
    (symbol: string) => writeTickersToUrl(tickers.filter((t) => t !== symbol)),
    [tickers],
  );
  const clear = useCallback(() => writeTickersToUrl([]), []);
  return { tickers, setTickers, addTicker, removeTicker, clear };
}

/** The filter in the current URL, read outside React (before the first render). */
export function readFilterFromUrl(): readonly string[] {
  return readTickers();
}

/** Rewrites a hand-typed URL (?tickers=baba, brk-b) into its canonical form without a history entry. */
export function canonicaliseUrlFilter(): void {
  const raw = new URLSearchParams(window.location.search).get(PARAM);
  if (raw === null) return;
  writeTickersToUrl(parseSymbolList(raw).symbols, 'replace');
}
