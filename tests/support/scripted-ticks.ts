import type { TickSource } from '../../server/market/types.js';
import type { Tick } from '../../shared/index.js';

/** A tick source a test drives by hand: exactly the ticks it pushes, nothing else. */
export class ScriptedTickSource implements TickSource {
  readonly kind = 'scripted';
  readonly watched = new Set<string>();
  private emit: ((tick: Tick) => void) | null = null;

  start(onTick: (tick: Tick) => void): void {
    this.emit = onTick;
  }

  stop(): void {
    this.emit = null;
  }

  watch(symbols: string[]): void {
    for (const s of symbols) this.watched.add(s);
  }

  push(s: string, p: number, t: number): void {
    if (!this.emit) throw new Error('tick source not started');
    this.emit({ s, p, t });
  }
}
