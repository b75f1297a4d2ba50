import type { MarketStatus, Tick } from '../../shared/index.js';

/** Where prices come from: the mock market by default, a replay file or a live provider. */
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

/** A source that streams only some symbols (a provider with a limit, a recording): says which. */
export interface StatusReporter {
  status(): MarketStatus;
  /** Calls the listener whenever the status changes (not for lastMessageAt alone). */
  onStatus(listener: (status: MarketStatus) => void): () => void;
  /** What clients watch has changed: rank the symbols again. */
  demandChanged(): void;
}
