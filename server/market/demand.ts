import type { Clock } from '../clock.js';

export interface DemandOptions {
  clock: Clock;
  /** A story's tickers stay wanted this long after the story (ms). */
  storyWindowMs: number;
  /** How many connected clients watch each symbol (from the realtime gateway), read at each ranking. */
  watchers: () => ReadonlyMap<string, number>;
  /** Always wanted, ahead of everything else (the benchmark every chart compares against). */
  pinned?: readonly string[];
}

interface StoryDemand {
  /** Epoch ms of the newest story naming the symbol. */
  last: number;
  /** Stories naming it within the window. */
  count: number;
}

/**
 * Which symbols are wanted, most wanted first: pinned symbols, then those watched by the most
 * clients, then the tickers of the most recent stories. A provider with a symbol limit streams
 * the head of this list.
 */
export class DemandTracker {
  private readonly stories = new Map<string, StoryDemand>();

  constructor(private readonly opts: DemandOptions) {}

  /** Records that a story (published at `at`, default now) named these symbols. */
  noteStory(symbols: readonly string[], at = this.opts.clock.now()): void {
    if (at < this.opts.clock.now() - this.opts.storyWindowMs) return;
    for (const s of new Set(symbols)) {
      const d = this.stories.get(s);
      if (d) {
        d.last = Math.max(d.last, at);
        d.count += 1;
      } else this.stories.set(s, { last: at, count: 1 });
    }
  }

  /** Every wanted symbol, most wanted first; story tickers older than the window are forgotten. */
  ranked(): string[] {
    const cutoff = this.opts.clock.now() - this.opts.storyWindowMs;
    for (const [s, d] of this.stories) if (d.last < cutoff) this.stories.delete(s);
    const watchers = this.opts.watchers();
    const pinned = this.opts.pinned ?? [];
    const rest = new Set<string>();
    for (const [s, n] of watchers) if (n > 0) rest.add(s);
    for (const s of this.stories.keys()) rest.add(s);
    for (const s of pinned) rest.delete(s);
    const score = (s: string): [number, number, number] => {
      const d = this.stories.get(s);
      return [watchers.get(s) ?? 0, d?.last ?? 0, d?.count ?? 0];
    };
    const sorted = [...rest].sort((a, b) => {
      const [wa, la, ca] = score(a);
      const [wb, lb, cb] = score(b);
      return wb - wa || lb - la || cb - ca || (a < b ? -1 : a > b ? 1 : 0);
    });
    return [...new Set(pinned), ...sorted];
  }
}
