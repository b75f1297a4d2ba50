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

/**
 * Recent one-second points of a symbol, oldest first: a read-only view of a fixed-capacity ring of
 * two typed arrays, so a filling window allocates nothing per point (no object or boxed number per
 * second and symbol) and the heap stays flat while it fills.
 */
export interface LiveSeries {
  readonly length: number;
  /** Epoch ms of the i-th point (0 = oldest). */
  timeAt(i: number): number;
  /** Price of the i-th point (0 = oldest). */
  priceAt(i: number): number;
}

class RingSeries implements LiveSeries {
  readonly times: Float64Array;
  readonly prices: Float64Array;
  /** Index of the oldest point. */
  private head = 0;
  length = 0;
  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.prices = new Float64Array(capacity);
  }
  private slot(i: number): number {
    const k = this.head + i;
    return k >= this.capacity ? k - this.capacity : k;
  }
  timeAt(i: number): number {
    return this.times[this.slot(i)] as number;
  }
  priceAt(i: number): number {
    return this.prices[this.slot(i)] as number;
  }
  /** Adds a point at the end, dropping the oldest when full. */
  push(t: number, p: number): void {
    if (this.length < this.capacity) {
      const k = this.slot(this.length);
      this.times[k] = t;
      this.prices[k] = p;
      this.length += 1;
      return;
    }
    this.times[this.head] = t;
    this.prices[this.head] = p;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
  }
  /** Sets the price of the newest point. */
  setLastPrice(p: number): void {
    this.prices[this.slot(this.length - 1)] = p;
  }
}

interface SymbolState {
  last: LivePrice | undefined;
  /** Recent points, one per second at most, oldest first. Mutated in place; watch `version`. */
  series: RingSeries;
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
 * The figures on screen change at most this often, each time to the latest price: five changes a
 * second are more than anyone reads, and every change costs the page a render, a layout and a
 * paint of every price shown (the server sends a batch every 50 ms).
 */
export const PRICE_PAINT_MS = 200;
let lastFlush = Number.NEGATIVE_INFINITY;
let delayed: ReturnType<typeof setTimeout> | null = null;

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
    st = {
      last: undefined,
      series: new RingSeries(seriesMaxPoints),
      version: 0,
      listeners: new Set(),
      seenAt: Date.now(),
    };
    symbols.set(symbol, st);
  }
  return st;
}

function appendPoint(st: SymbolState, t: number, p: number): void {
  const bucket = Math.floor(t / SERIES_BUCKET_MS) * SERIES_BUCKET_MS;
  let series = st.series;
  if (series.capacity !== seriesMaxPoints) {
    // The window changed (setSeriesWindow after this symbol was first seen): keep the newest points.
    const resized = new RingSeries(seriesMaxPoints);
    for (let i = Math.max(0, series.length - seriesMaxPoints); i < series.length; i++)
      resized.push(series.timeAt(i), series.priceAt(i));
    st.series = resized;
    series = resized;
  }
  const tailT = series.length > 0 ? series.timeAt(series.length - 1) : Number.NEGATIVE_INFINITY;
  if (tailT === bucket) series.setLastPrice(p);
  else if (tailT < bucket) series.push(bucket, p);
  // else out of order: the last price already moved past it
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
  if (delayed !== null) clearTimeout(delayed);
  frame = null;
  fallback = null;
  delayed = null;
  lastFlush = performance.now();
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
  if (fallback === null) fallback = setTimeout(flush, FALLBACK_FLUSH_MS);
  if (!hasFrames || frame !== null || delayed !== null) return;
  const wait = lastFlush + PRICE_PAINT_MS - performance.now();
  if (wait <= 0) frame = requestAnimationFrame(flush);
  else
    delayed = setTimeout(() => {
      delayed = null;
      frame = requestAnimationFrame(flush);
    }, wait);
}

/** Queues a batch of ticks; they are applied together on an animation frame, at least PRICE_PAINT_MS after the last time. */
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

const NO_SERIES: LiveSeries = { length: 0, timeAt: () => Number.NaN, priceAt: () => Number.NaN };

/** The recent one-second series of a symbol: a live read-only view (no copy), oldest first. */
export function getLiveSeries(symbol: string): LiveSeries {
  return symbols.get(symbol)?.series ?? NO_SERIES;
}

/** The recent one-second series of a symbol as a new array of points, oldest first. */
export function getRecentSeries(symbol: string): PricePoint[] {
  const series = getLiveSeries(symbol);
  const out: PricePoint[] = [];
  for (let i = 0; i < series.length; i++) out.push({ t: series.timeAt(i), p: series.priceAt(i) });
  return out;
}

/** Calls the listener whenever the symbol's price changes. */
export function subscribePrice(symbol: string, listener: () => void): () => void {
  const st = stateOf(symbol);
  st.listeners.add(listener);
  return () => {
    st.listeners.delete(listener);
  };
}

/** The live price of one symbol; re-renders at most once per PRICE_PAINT_MS, on an animation frame. */
export function useLivePrice(symbol: string): LivePrice | undefined {
  const subscribe = useCallback((cb: () => void) => subscribePrice(symbol, cb), [symbol]);
  const get = useCallback(() => getLivePrice(symbol), [symbol]);
  return useSyncExternalStore(subscribe, get, get);
}
