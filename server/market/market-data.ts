import type { PricePoint, Quote, Tick } from '../../shared/index.js';
import type { Clock } from '../clock.js';
import type { Bar, Store } from '../store/types.js';

const BAR_MS = 1_000;
/** Bars kept for a store that does not answer (about an hour of 50 symbols). */
const MAX_PENDING_BARS = 200_000;
/** A chart asks for at most about this many points; the bucket widens to stay under it. */
export const MAX_HISTORY_POINTS = 1_500;
const NICE_BUCKETS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000,
];

/** The smallest tidy bucket width that keeps a window under MAX_HISTORY_POINTS points. */
export function bucketFor(from: number, to: number): number {
  const span = Math.max(0, to - from);
  return NICE_BUCKETS.find((b) => span / b <= MAX_HISTORY_POINTS) ?? 3_600_000;
}

export type TickListener = (tick: Tick) => void;

/**
 * The market engine: last price per symbol, one-second bars written to the store once a second,
 * and the fan-out of ticks to whoever listens (the realtime gateway). Stale ticks (older than the
 * last one of their symbol) are counted and dropped.
 */
export class MarketData {
  private readonly last = new Map<string, Tick>();
  private readonly open = new Map<string, Bar>();
  private readonly closed: Bar[] = [];
  private readonly listeners = new Set<TickListener>();
  private flushing: Promise<void> = Promise.resolve();
  staleTicks = 0;
  ticksIn = 0;
  /** Several nodes: whether this node writes bars (only the tick source's owner does); others drop theirs. */
  writesBars: () => boolean = () => true;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  onTick(listener: TickListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes in one tick from a source (live or backfill). */
  ingest(tick: Tick, live = true): void {
    const prev = this.last.get(tick.s);
    if (prev && tick.t < prev.t) {
      this.staleTicks++;
      return;
    }
    this.ticksIn++;
    this.last.set(tick.s, tick);
    const bt = tick.t - (tick.t % BAR_MS);
    const bar = this.open.get(tick.s);
    if (bar && bar.t === bt) {
      bar.h = Math.max(bar.h, tick.p);
      bar.l = Math.min(bar.l, tick.p);
      bar.c = tick.p;
      bar.n++;
    } else {
      if (bar) this.closed.push(bar);
      this.open.set(tick.s, { symbol: tick.s, t: bt, o: tick.p, h: tick.p, l: tick.p, c: tick.p, n: 1 });
    }
    if (live) for (const l of this.listeners) l(tick);
  }

  /** Seeds the last price of a symbol from the store after a restart (no tick is emitted). */
  seed(symbol: string, point: PricePoint): void {
    if (!this.last.has(symbol)) this.last.set(symbol, { s: symbol, p: point.p, t: point.t });
  }

  lastPrice(symbol: string): Tick | undefined {
    return this.last.get(symbol);
  }

  quotes(symbols?: string[]): Quote[] {
    const list = symbols ?? [...this.last.keys()];
    return list.flatMap((s) => {
      const t = this.last.get(s);
      return t ? [{ symbol: s, price: t.p, t: t.t }] : [];
    });
  }

  get symbols(): string[] {
    return [...this.last.keys()];
  }

  /** Writes closed bars (and, with `all`, the open ones) to the store. */
  flush(all = false): Promise<void> {
    const now = this.clock.now();
    for (const [symbol, bar] of this.open) {
      if (all || bar.t + BAR_MS <= now) {
        this.closed.push({ ...bar });
        if (bar.t + BAR_MS <= now) this.open.delete(symbol);
      }
    }
    if (this.closed.length === 0) return this.flushing;
    const batch = this.closed.splice(0);
    if (!this.writesBars()) return this.flushing;
    // A failed write (the store is unreachable) does not stop later ones: its bars go back in
    // line for the next flush (the oldest dropped past MAX_PENDING_BARS), and it rejects once.
    this.flushing = this.flushing
      .catch(() => undefined)
      .then(() =>
        this.store.appendBars(batch).catch((err: unknown) => {
          this.closed.unshift(...batch);
          if (this.closed.length > MAX_PENDING_BARS)
            this.closed.splice(0, this.closed.length - MAX_PENDING_BARS);
          throw err;
        }),
      );
    return this.flushing;
  }

  /** The last price at or before t: from memory when t is now, else from stored bars. */
  async priceAt(symbol: string, t: number): Promise<number | null> {
    return (await this.tradeAt(symbol, t))?.p ?? null;
  }

  /** The last trade (price and time) at or before t. */
  async tradeAt(symbol: string, t: number): Promise<PricePoint | null> {
    const last = this.last.get(symbol);
    if (last && t >= last.t) return { t: last.t, p: last.p };
    await this.flush(true);
    return this.store.priceAt(symbol, t, 3 * 24 * 3_600_000);
  }

  /** The first trade at or after t (within maxAheadMs), for a story published before any trade. */
  async firstTradeAfter(symbol: string, t: number, maxAheadMs: number): Promise<PricePoint | null> {
    const last = this.last.get(symbol);
    if (!last || last.t < t) return null;
    await this.flush(true);
    return (await this.store.firstPriceAfter(symbol, t, maxAheadMs)) ?? { t: last.t, p: last.p };
  }

  /** A price series for a chart window, in buckets small enough to stay under MAX_HISTORY_POINTS. */
  async history(
    symbol: string,
    from: number,
    to: number,
  ): Promise<{ resolutionMs: number; points: PricePoint[] }> {
    await this.flush(true);
    const resolutionMs = bucketFor(from, to);
    const points = await this.store.history(symbol, from, to, resolutionMs);
    return { resolutionMs, points };
  }
}
