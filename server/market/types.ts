import type { Tick } from '../../shared/index.js';

/** Where prices come from: the mock market by default, live providers later. */
export interface TickSource {
  readonly kind: string;
  /** Starts producing ticks; `onTick` may be called many times a second. */
  start(onTick: (tick: Tick) => void): void;
  stop(): void;
  /** Asks for prices of these symbols (tickers of stories, what clients watch). */
  watch(symbols: string[]): void;
}

/** A source that can be told how a story should move a price (the mock market). */
export interface ShockableSource extends TickSource {
  shock(symbol: string, percent: number, at: number): void;
}

export function isShockable(source: TickSource): source is ShockableSource {
  return typeof (source as Partial<ShockableSource>).shock === 'function';
}
