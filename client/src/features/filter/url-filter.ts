import { useCallback, useSyncExternalStore } from 'react';
import { parseSymbolList } from '../../../../shared/index.js';

/** The feed filter lives in the URL (?tickers=BABA,NVDA&primary=1) so a link reproduces the view. */
const PARAM = 'tickers';
/** `primary=1`: only stories about the filter's tickers, not those that merely mention them. */
const PRIMARY_PARAM = 'primary';

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

function readPrimary(): boolean {
  return new URLSearchParams(window.location.search).get(PRIMARY_PARAM) === '1';
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
  writeUrl(url, mode);
}

/** Writes the "primary only" switch into the URL (a new history entry). */
export function writePrimaryToUrl(on: boolean): void {
  const url = new URL(window.location.href);
  if (on) url.searchParams.set(PRIMARY_PARAM, '1');
  else url.searchParams.delete(PRIMARY_PARAM);
  writeUrl(url, 'push');
}

function writeUrl(url: URL, mode: 'push' | 'replace'): void {
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
  /** Only stories about the tickers (primary tags), not mentions; ignored without tickers. */
  primaryOnly: boolean;
  setPrimaryOnly: (on: boolean) => void;
  setTickers: (tickers: readonly string[]) => void;
  addTicker: (symbol: string) => void;
  removeTicker: (symbol: string) => void;
  clear: () => void;
}

/** The current ticker filter, read from and written to the URL (back/forward follow it). */
export function useTickerFilter(): TickerFilter {
  const tickers = useSyncExternalStore(subscribe, readTickers, () => cachedTickers);
  const primaryOnly = useSyncExternalStore(subscribe, readPrimary, () => false);
  const setPrimaryOnly = useCallback((on: boolean) => writePrimaryToUrl(on), []);
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
  return { tickers, primaryOnly, setPrimaryOnly, setTickers, addTicker, removeTicker, clear };
}

/** The "primary only" switch in the current URL, read outside React. */
export function readPrimaryFromUrl(): boolean {
  return readPrimary();
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
