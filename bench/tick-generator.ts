import type { Tick } from '../shared/index.js';
import { onParentMessage, sendToParent } from './child-runtime.js';

/** 100 made-up symbols (valid ticker form, none a real listing the tagger would need). */
export const BENCH_SYMBOLS: string[] = Array.from({ length: 100 }, (_, i) => {
  const a = 'ABCDEFGHIJ'[Math.floor(i / 10)] as string;
  const b = 'KLMNOPQRST'[i % 10] as string;
  return `QX${a}${b}`;
});

/** The symbols client `index` watches: `count` consecutive ones, starting at its index (wrapping). */
export function watchSetOf(index: number, count: number): string[] {
  return Array.from({ length: count }, (_, k) => BENCH_SYMBOLS[(index + k) % BENCH_SYMBOLS.length] as string);
}

const STEP_MS = 5;
/** A late step catches up at most this much source time at once. */
const MAX_CATCH_UP_MS = 100;

/**
 * A tick source for the bench: once resumed, `perSecond` ticks a second spread evenly over its
 * symbols (BENCH_SYMBOLS unless given; round robin), each a small random walk, stamped with the wall-clock time it was
 * due (the age a client measures starts there, so a source held back by a busy server counts in
 * the age). A late step catches up by at most MAX_CATCH_UP_MS of ticks at once, so a saturated
 * server still answers between steps (it then makes fewer ticks than asked, which the bench
 * reports). Paused until resume(): clients connect before the ticking starts.
 */
export class BenchTickSource {
  readonly kind = 'bench';
  private timer: NodeJS.Timeout | null = null;
  private readonly prices: number[];
  private next = 0;
  private emitted = 0;
  /** While running: when it (re)started and how many ticks it had made then. */
  private run: { at: number; base: number } | null = null;
  private onTick: ((tick: Tick) => void) | null = null;

  constructor(
    private perSecond: number,
    private readonly symbols: readonly string[] = BENCH_SYMBOLS,
  ) {
    this.prices = symbols.map((_, i) => 50 + i);
  }

  start(onTick: (tick: Tick) => void): void {
    this.onTick = onTick;
    this.timer = setInterval(() => this.step(), STEP_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.onTick = null;
  }

  /** Starts ticking (again), at `perSecond` ticks a second when given. */
  resume(perSecond?: number): void {
    if (perSecond !== undefined && perSecond !== this.perSecond) {
      this.perSecond = perSecond;
      this.run = null;
    }
    this.run ??= { at: Date.now(), base: this.emitted };
  }

  pause(): void {
    this.run = null;
  }

  watch(_symbols: string[]): void {}

  /** Ticks made so far. */
  get count(): number {
    return this.emitted;
  }

  private step(): void {
    const { run, onTick } = this;
    if (!run || !onTick) return;
    const due = run.base + Math.floor(((Date.now() - run.at) * this.perSecond) / 1000);
    const end = Math.min(due, this.emitted + Math.ceil((this.perSecond * MAX_CATCH_UP_MS) / 1000));
    for (; this.emitted < end; this.emitted++) {
      const t = run.at + Math.floor(((this.emitted - run.base) * 1000) / this.perSecond);
      const i = this.next;
      this.next = (i + 1) % this.symbols.length;
      const p = Math.max(1, (this.prices[i] as number) * (1 + (Math.random() - 0.5) * 0.002));
      this.prices[i] = p;
      onTick({ s: this.symbols[i] as string, p: Math.round(p * 100) / 100, t });
    }
  }
}

/** Answers the parent's tick probes in a server child: how many ticks so far, start and pause. */
export function answerTickProbes(source: BenchTickSource | undefined): void {
  onParentMessage((msg) => {
    if (msg.type === 'ticks') sendToParent({ type: 'ticks', made: source?.count ?? 0 });
    if (msg.type === 'start-ticks') source?.resume(msg.perSecond);
    if (msg.type === 'pause-ticks') source?.pause();
    if (msg.type === 'start-ticks' || msg.type === 'pause-ticks') sendToParent({ type: msg.type });
  });
}
