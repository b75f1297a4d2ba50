import { readFileSync } from 'node:fs';
import { canonicalSymbol, type MarketStatus, type Tick, tickSchema } from '../../shared/index.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { DemandTracker } from './demand.js';
import type { StatusReporter, TickSource } from './types.js';

/** The recording shipped with the server (relative to the project root), played by default. */
export const SAMPLE_TICKS_FILE = 'server/market/data/sample-ticks.jsonl';

/** Reads a recorded tick file: one JSON object {s, p, t} a line; bad lines are counted and left out. */
export function parseTickLines(text: string): { ticks: Tick[]; bad: number } {
  const ticks: Tick[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      bad++;
      continue;
    }
    const parsed = tickSchema.safeParse(raw);
    const s = parsed.success ? canonicalSymbol(parsed.data.s) : null;
    if (!parsed.success || !s) bad++;
    else ticks.push({ s, p: parsed.data.p, t: parsed.data.t });
  }
  // A stable sort keeps the recorded order of ticks with the same time.
  ticks.sort((a, b) => a.t - b.t);
  return { ticks, bad };
}

export interface ReplayOptions {
  file: string;
  /** 1 = as recorded, 10 = ten times faster. */
  speed: number;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  demand: DemandTracker;
  /** Playback timer period (ms). */
  stepMs?: number;
}

/** Pause between the end of the recording and its next loop, in recorded time (ms). */
const LOOP_GAP_MS = 1_000;

function roundPrice(p: number): number {
  return p >= 1 ? Math.round(p * 100) / 100 : Math.round(p * 10_000) / 10_000;
}

/**
 * Plays a recorded tick file as if it were happening now: times are rebased to the start of
 * playback (and divided by the speed), and it loops. The first pass plays the recorded prices;
 * later passes start each symbol where the recording ended and take out the recording's overall
 * drift along the way, so a chart shows no jump at a loop and prices never wander off.
 */
export class ReplaySource implements TickSource, StatusReporter {
  readonly kind = 'replay';
  private readonly ticks: Tick[];
  /** Offset of each tick from the first, in recorded ms. */
  private readonly offsets: number[];
  private readonly loopMs: number;
  /** Recorded ms from the first tick to the last. */
  private readonly spanMs: number;
  /** last / first price of each symbol over the recording. */
  private readonly drift = new Map<string, number>();
  private readonly symbols: string[];
  private timer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private loop = 0;
  private index = 0;
  private readonly listeners = new Set<(s: MarketStatus) => void>();
  private lastKey = '';

  constructor(private readonly opts: ReplayOptions) {
    const { ticks, bad } = parseTickLines(readFileSync(opts.file, 'utf8'));
    if (bad > 0) {
      opts.metrics.sourceBadFrames.inc({ source: 'replay', reason: 'line' }, bad);
      opts.logger.warn({ file: opts.file, bad }, 'replay file: lines that are not ticks were skipped');
    }
    const first = ticks[0];
    const last = ticks[ticks.length - 1];
    if (!first || !last)
      throw new Error(`REPLAY_FILE ${opts.file} holds no valid tick ({"s","p","t"} a line)`);
    this.ticks = ticks;
    this.offsets = ticks.map((t) => t.t - first.t);
    this.spanMs = last.t - first.t;
    this.loopMs = this.spanMs + LOOP_GAP_MS;
    const firstPrice = new Map<string, number>();
    const lastPrice = new Map<string, number>();
    for (const t of ticks) {
      if (!firstPrice.has(t.s)) firstPrice.set(t.s, t.p);
      lastPrice.set(t.s, t.p);
    }
    for (const [s, p0] of firstPrice) this.drift.set(s, (lastPrice.get(s) ?? p0) / p0);
    this.symbols = [...firstPrice.keys()].sort();
  }

  start(onTick: (tick: Tick) => void): void {
    this.startedAt = this.opts.clock.now();
    this.loop = 0;
    this.index = 0;
    this.opts.logger.info(
      {
        file: this.opts.file,
        ticks: this.ticks.length,
        symbols: this.symbols.length,
        loopSeconds: Math.round(this.loopMs / 1000),
        speed: this.opts.speed,
      },
      'prices replayed from a recording',
    );
    this.timer = setInterval(() => this.advance(onTick), this.opts.stepMs ?? 50);
    this.timer.unref();
    this.advance(onTick);
    this.publish();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.timer = null;
    this.statusTimer = null;
  }

  /** Emits every tick due by now (recorded time = elapsed × speed). */
  advance(onTick: (tick: Tick) => void): void {
    const played = (this.opts.clock.now() - this.startedAt) * this.opts.speed;
    const loop = Math.floor(played / this.loopMs);
    const within = played - loop * this.loopMs;
    if (loop > this.loop + 1) {
      // Far behind (the process slept): skip to now rather than pour out whole loops at once.
      this.loop = loop;
      this.index = this.offsets.findIndex((o) => o > within);
      if (this.index < 0) this.index = this.ticks.length;
    }
    for (;;) {
      if (this.index >= this.ticks.length) {
        if (this.loop >= loop) break;
        this.loop += 1;
        this.index = 0;
        continue;
      }
      const offset = this.offsets[this.index] as number;
      if (this.loop === loop && offset > within) break;
      const tick = this.ticks[this.index] as Tick;
      this.index += 1;
      onTick({
        s: tick.s,
        p: this.loop === 0 ? tick.p : roundPrice(tick.p * this.scale(tick.s, offset)),
        t: Math.round(this.startedAt + (this.loop * this.loopMs + offset) / this.opts.speed),
      });
    }
  }

  /** Price factor after the first pass: from last/first at the start down to 1 at the end. */
  private scale(symbol: string, offset: number): number {
    const drift = this.drift.get(symbol) ?? 1;
    return this.spanMs > 0 ? drift ** (1 - offset / this.spanMs) : 1;
  }

  watch(symbols: string[]): void {
    this.opts.demand.noteStory(symbols);
    this.demandChanged();
  }

  demandChanged(): void {
    if (this.statusTimer || !this.timer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.publish();
    }, 20);
    this.statusTimer.unref();
  }

  status(): MarketStatus {
    const recorded = new Set(this.symbols);
    const ranked = this.opts.demand.ranked();
    const wanted = new Set(ranked);
    const notLive = ranked.filter((s) => !recorded.has(s));
    return {
      source: 'replay',
      connected: true,
      liveSymbols: [...ranked.filter((s) => recorded.has(s)), ...this.symbols.filter((s) => !wanted.has(s))],
      notLive,
      symbolLimit: null,
      problem: notLive.length > 0 ? 'NOT_RECORDED' : null,
      reason: notLive.length > 0 ? 'Replay: the recording has no prices for these symbols' : null,
      lastMessageAt: null,
    };
  }

  onStatus(listener: (status: MarketStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastKey) return;
    this.lastKey = key;
    for (const l of this.listeners) l(status);
  }
}
