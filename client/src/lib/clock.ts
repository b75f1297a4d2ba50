import { useSyncExternalStore } from 'react';

interface Ticker {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setTimeout> | null;
}

/** One timer per period for the whole page, aligned to the period so every "2m" flips together. */
const tickers = new Map<number, Ticker>();

function start(periodMs: number, t: Ticker): void {
  const delay = periodMs - (Date.now() % periodMs) + 5;
  t.timer = setTimeout(() => {
    t.now = Date.now();
    for (const l of t.listeners) l();
    start(periodMs, t);
  }, delay);
}

function tickerFor(periodMs: number): Ticker {
  let t = tickers.get(periodMs);
  if (!t) {
    t = { now: Date.now(), listeners: new Set(), timer: null };
    tickers.set(periodMs, t);
  }
  return t;
}

/**
 * Subscribes to the shared clock of one period; also for code that derives something from the time
 * and re-renders only when that changes (a `useSyncExternalStore` whose snapshot uses `clockNow`).
 */
export function subscribeClock(periodMs: number, listener: () => void): () => void {
  const t = tickerFor(periodMs);
  t.listeners.add(listener);
  if (t.timer === null) {
    t.now = Date.now();
    start(periodMs, t);
  }
  return () => {
    t.listeners.delete(listener);
    if (t.listeners.size === 0 && t.timer !== null) {
      clearTimeout(t.timer);
      t.timer = null;
    }
  };
}

/** The time (epoch ms) the clock of this period last struck. */
export function clockNow(periodMs: number): number {
  return tickerFor(periodMs).now;
}

const subscribers = new Map<number, (l: () => void) => () => void>();
const getters = new Map<number, () => number>();

/** Current time (epoch ms), re-rendering every periodMs. All callers with one period share a timer. */
export function useNow(periodMs = 1_000): number {
  let sub = subscribers.get(periodMs);
  let get = getters.get(periodMs);
  if (!sub || !get) {
    sub = (l) => subscribeClock(periodMs, l);
    get = () => tickerFor(periodMs).now;
    subscribers.set(periodMs, sub);
    getters.set(periodMs, get);
  }
  return useSyncExternalStore(sub, get, get);
}
