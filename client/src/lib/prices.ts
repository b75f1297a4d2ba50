import { useCallback, useSyncExternalStore } from 'react';
import type { PricePoint, Tick } from '../../../shared/index.js';

const SERIES_BUCKET_MS = 1_000;

/** The last price of a symbol. A new object on every change, so it can be a snapshot. */
export interface LivePrice {
  /** US dollars. */
  p: number;
  /** Epoch ms of the tick. */
  t: number;
}

interface SymbolState {
  last: LivePrice | undefined;
  /** Recent points, one per second at most, oldest first. Mutated in place; watch `version`. */
  series: PricePoint[];
  version: number;
  listeners: Set<() => void>;
  /** Local time (epoch ms) of the last change: ticks carry the server's clock, not ours. */
  seenAt: number;
}

/**
 * Fifteen minutes of one-second points per symbol: the chart's REST window is fetched up to now
 * and refetched every 3 minutes while it is open, so the live tail only has to cover the time
 * since; an hour (3,600 points for each of dozens of symbols) held about 4x the memory.
 */
let seriesMaxPoints = 900;

/**
 * Keeps `ms` of one-second points per symbol (default 15 minutes). A wall, whose charts reload
 * their history over REST every few minutes, keeps less, so memory stays flat with many symbols.
 */
export function setSeriesWindow(ms: number): void {
  seriesMaxPoints = Math.max(60, Math.round(ms / SERIES_BUCKET_MS));
}
/** When frames stop (hidden tab), still apply ticks this often so the chart tail keeps its shape. */
const FALLBACK_FLUSH_MS = 500;

/**
 * A symbol nobody on screen listens to and that got no tick for this long is forgotten, so a page
 * open for days keeps only what it shows (the server stops sending symbols it no longer asks for).
 */
export const IDLE_SYMBOL_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;
let lastPrune = 0;

const symbols = new Map<string, SymbolState>();
const pending = new Map<string, Tick>();
let frame: number | null = null;
let fallback: ReturnType<typeof setTimeout> | null = null;

function stateOf(symbol: string): SymbolState {
  let st = symbols.get(symbol);
  if (!st) {
    st = { last: undefined, series: [], version: 0, listeners: new Set(), seenAt: Date.now() };
    symbols.set(symbol, st);
  }
  return st;
}

function appendPoint(st: SymbolState, t: number, p: number): void {
  const bucket = Math.floor(t / SERIES_BUCKET_MS) * SERIES_BUCKET_MS;
  const tail = st.series[st.series.length - 1];
  if (tail && tail.t === bucket) tail.p = p;
  else if (!tail || tail.t < bucket) st.series.push({ t: bucket, p });
  else return; // out of order: the last price already moved past it
  // Trim in chunks so the splice cost is amortised.
  if (st.series.length > seriesMaxPoints * 1.2) st.series.splice(0, st.series.length - seriesMaxPoints);
}

function apply(symbol: string, p: number, t: number): boolean {
  const st = stateOf(symbol);
  if (st.last && t < st.last.t) return false;
  if (st.last && st.last.p === p && st.last.t === t) return false;
  st.last = { p, t };
  st.seenAt = Date.now();
  appendPoint(st, t, p);
  st.version += 1;
  return true;
}

const hasFrames = typeof requestAnimationFrame === 'function';

function flush(): void {
  if (frame !== null && hasFrames) cancelAnimationFrame(frame);
  if (fallback !== null) clearTimeout(fallback);
  frame = null;
  fallback = null;
  const changed: SymbolState[] = [];
  for (const tick of pending.values()) {
    if (apply(tick.s, tick.p, tick.t)) changed.push(stateOf(tick.s));
  }
  pending.clear();
  for (const st of changed) for (const l of st.listeners) l();
  const now = Date.now();
  if (now - lastPrune >= PRUNE_EVERY_MS) {
    lastPrune = now;
    pruneIdleSymbols(now);
  }
}

/** Forgets symbols without listeners that changed no later than IDLE_SYMBOL_MS ago. Returns how many. */
export function pruneIdleSymbols(now: number): number {
  let removed = 0;
  for (const [symbol, st] of symbols) {
    if (st.listeners.size > 0 || pending.has(symbol)) continue;
    if (now - st.seenAt < IDLE_SYMBOL_MS) continue;
    symbols.delete(symbol);
    removed += 1;
  }
  return removed;
}

/** How many symbols the store holds (for tests and the soak script). */
export function heldSymbolCount(): number {
  return symbols.size;
}

function scheduleFlush(): void {
  if (frame === null && hasFrames) frame = requestAnimationFrame(flush);
  if (fallback === null) fallback = setTimeout(flush, FALLBACK_FLUSH_MS);
}

/** Queues a batch of ticks; they are applied together on the next animation frame. */
export function ingestTicks(ticks: readonly Tick[]): void {
  for (const tick of ticks) {
    if (!(tick.p > 0) || !Number.isFinite(tick.t)) continue;
    const queued = pending.get(tick.s);
    if (!queued || tick.t >= queued.t) pending.set(tick.s, tick);
  }
  if (pending.size > 0) scheduleFlush();
}

/** Sets a price from a snapshot (REST quote) unless a newer tick is already known. */
export function seedPrice(symbol: string, p: number, t: number): void {
  const st = stateOf(symbol);
  if (st.last && st.last.t >= t) return;
  if (apply(symbol, p, t)) for (const l of st.listeners) l();
}

/** True when a price for the symbol is known. */
export function hasPrice(symbol: string): boolean {
  return symbols.get(symbol)?.last !== undefined;
}

/** Last known price of a symbol. */
export function getLivePrice(symbol: string): LivePrice | undefined {
  return symbols.get(symbol)?.last;
}

/** The recent one-second series of a symbol (read-only view, oldest first). */
export function getRecentSeries(symbol: string): readonly PricePoint[] {
  return symbols.get(symbol)?.series ?? [];
}

/** Calls the listener whenever the symbol's price changes. */
export function subscribePrice(symbol: string, listener: () => void): () => void {
  const st = stateOf(symbol);
  st.listeners.add(listener);
  return () => {
    st.listeners.delete(listener);
  };
}

/** The live price of one symbol; re-renders at most once per animation frame. */
export function useLivePrice(symbol: string): LivePrice | undefined {
  const subscribe = useCallback((cb: () => void) => subscribePrice(symbol, cb), [symbol]);
  const get = useCallback(() => getLivePrice(symbol), [symbol]);
  return useSyncExternalStore(subscribe, get, get);
}
