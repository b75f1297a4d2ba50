import type { Tick } from '../../shared/index.js';
import type { Clock } from '../clock.js';
import { type Profile, profileFor } from './profiles.js';
import { gaussian, hashString, uniform } from './rng.js';
import type { ShockableSource } from './types.js';

/** Trading milliseconds in a year (252 sessions of 6.5 hours): the unit of annualised volatility. */
const YEAR_MS = 252 * 6.5 * 3_600_000;
const MARKET_VOL = 0.14;

interface Shock {
  at: number;
  /** Log size of the full move. */
  size: number;
  /** When a newer story on the same symbol superseded this one; from then on it fades. */
  fadeFrom?: number;
}

/** A superseded move fades with this time constant, so repeated stories never compound without bound. */
const FADE_MS = 180_000;
/** After this long a faded move is gone and dropped. */
const FADED_MS = 10 * FADE_MS;
/** At most this many moves are kept per symbol (a burst of stories drops the oldest faded ones). */
const MAX_SHOCKS = 24;

interface SymbolState {
  symbol: string;
  stream: number;
  profile: Profile;
  idioVol: number;
  /** Log price without story shocks. */
  logBase: number;
  /** Last step index applied. */
  step: number;
  shocks: Shock[];
}

export interface MockMarketOptions {
  seed: string;
  clock: Clock;
  /** Simulation step (ms); each step a symbol ticks with probability tickProbability. */
  stepMs?: number;
  tickProbability?: number;
  /** A symbol first asked for at run time gets this much history filled in (ms). */
  historyMs?: number;
}

/**
 * Share of a story's move reached `dt` ms after publication: most of it within seconds (the
 * jump), more over the next minutes until it overshoots by about a tenth around ten minutes in,
 * then a partial fade to nine tenths of the move over the following hour.
 */
export function shockShape(dt: number): number {
  if (dt <= 0) return 0;
  return (
    0.6 * (1 - Math.exp(-dt / 8_000)) +
    0.6 * (1 - Math.exp(-dt / 150_000)) -
    0.3 * (1 - Math.exp(-dt / 1_500_000))
  );
}

/** The share a move settles at, long after the story. */
export const SHOCK_SETTLES_AT = 0.9;

function roundPrice(p: number): number {
  return p >= 1 ? Math.round(p * 100) / 100 : Math.round(p * 10_000) / 10_000;
}

/**
 * A seeded mock market: geometric Brownian motion per symbol with its own start price and
 * volatility, a common market factor, several ticks a second, and story shocks. The randomness
 * is counter-based, so a path depends only on the seed, the symbol and the time.
 */
export class MockMarket implements ShockableSource {
  readonly kind = 'mock';
  private readonly states = new Map<string, SymbolState>();
  private readonly marketStream: number;
  private readonly stepMs: number;
  private readonly tickProbability: number;
  private timer: NodeJS.Timeout | null = null;
  private onTick: ((tick: Tick) => void) | null = null;

  constructor(private readonly opts: MockMarketOptions) {
    this.marketStream = hashString(`${opts.seed}:market`);
    this.stepMs = opts.stepMs ?? 250;
    this.tickProbability = opts.tickProbability ?? 0.7;
  }

  get symbols(): string[] {
    return [...this.states.keys()];
  }

  has(symbol: string): boolean {
    return this.states.has(symbol);
  }

  /**
   * Adds a symbol whose path starts at `from.t` (at `from.price`, or its profile price). Ticks are
   * produced from there on the next advance, which is how history gets filled in.
   */
  add(symbol: string, from: { t: number; price?: number }): void {
    if (this.states.has(symbol)) return;
    const profile = profileFor(symbol);
    const beta = symbol === 'SPY' ? 1 : profile.beta;
    const idio = Math.sqrt(Math.max(profile.vol ** 2 - (beta * MARKET_VOL) ** 2, 0.02 ** 2));
    this.states.set(symbol, {
      symbol,
      stream: hashString(`${this.opts.seed}:${symbol}`),
      profile: { ...profile, beta },
      idioVol: symbol === 'SPY' ? 0.02 : idio,
      logBase: Math.log(from.price ?? profile.price),
      step: Math.floor(from.t / this.stepMs),
      shocks: [],
    });
  }

  /**
   * Continues every path from these prices (a node taking over the tick source from another):
   * known symbols jump to the given price and time, with their story moves kept; new ones are added;
   * the others continue from `now` (no made-up past).
   */
  rebase(points: { symbol: string; price: number; t: number }[], now: number): void {
    for (const s of this.states.values()) s.step = Math.max(s.step, Math.floor(now / this.stepMs));
    for (const { symbol, price, t } of points) {
      const s = this.states.get(symbol);
      if (!s) {
        this.add(symbol, { t, price });
        continue;
      }
      s.logBase = Math.log(price) - this.shockOffset(s, t);
      s.step = Math.floor(t / this.stepMs);
    }
  }

  /** Adds symbols not yet simulated, with their history filled in at once (emitted as ticks). */
  watch(symbols: string[]): void {
    const now = this.opts.clock.now();
    const fresh = symbols.filter((s) => !this.states.has(s));
    if (fresh.length === 0) return;
    for (const s of fresh) this.add(s, { t: now - (this.opts.historyMs ?? 0) });
    if (this.onTick) this.advanceTo(now, this.onTick);
  }

  /**
   * Makes a story move a symbol by `percent` from time `at`. Earlier moves of the same symbol that
   * were not much bigger fade out over the next minutes (the new story is what the price trades
   * on now), which keeps a looping demo's prices bounded; a small mention leaves a big move be.
   */
  shock(symbol: string, percent: number, at: number): void {
    if (!Number.isFinite(percent) || percent <= -100) return;
    this.add(symbol, { t: at });
    const state = this.states.get(symbol);
    if (!state) return;
    state.shocks = state.shocks.filter((sh) => sh.fadeFrom === undefined || at - sh.fadeFrom < FADED_MS);
    const size = Math.log(1 + percent / 100);
    // A passing mention does not erase a big story's move; a story of similar weight replaces it.
    for (const sh of state.shocks) {
      if (sh.fadeFrom === undefined && sh.at <= at && Math.abs(sh.size) <= Math.abs(size) * 1.5)
        sh.fadeFrom = at;
    }
    state.shocks.push({ at, size });
    while (state.shocks.length > MAX_SHOCKS) {
      const i = state.shocks.findIndex((sh) => sh.fadeFrom !== undefined);
      state.shocks.splice(Math.max(i, 0), 1);
    }
  }

  /** The price the path has at time t, including story shocks (for tests and reference). */
  priceOf(symbol: string, t: number): number | null {
    const s = this.states.get(symbol);
    return s ? roundPrice(Math.exp(s.logBase + this.shockOffset(s, t))) : null;
  }

  /** Steps every symbol up to time t, emitting the ticks on the way. */
  advanceTo(t: number, emit: (tick: Tick) => void): void {
    const target = Math.floor(t / this.stepMs);
    const sqrtDt = Math.sqrt(this.stepMs / YEAR_MS);
    for (const s of this.states.values()) {
      const { beta, vol } = s.profile;
      const drift = -0.5 * vol * vol * (this.stepMs / YEAR_MS);
      for (let k = s.step + 1; k <= target; k++) {
        const zm = gaussian(this.marketStream, k);
        const zi = gaussian(s.stream, k);
        s.logBase += drift + (beta * MARKET_VOL * zm + s.idioVol * zi) * sqrtDt;
        if (uniform(s.stream, k, 3) < this.tickProbability) {
          const tt = k * this.stepMs - Math.floor(uniform(s.stream, k, 4) * this.stepMs);
          emit({ s: s.symbol, p: roundPrice(Math.exp(s.logBase + this.shockOffset(s, tt))), t: tt });
        }
      }
      if (target > s.step) s.step = target;
    }
  }

  start(onTick: (tick: Tick) => void): void {
    this.onTick = onTick;
    this.timer = setInterval(() => this.advanceTo(this.opts.clock.now(), onTick), this.stepMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.onTick = null;
  }

  get running(): boolean {
    return this.onTick !== null;
  }

  private shockOffset(s: SymbolState, t: number): number {
    let offset = 0;
    for (const shock of s.shocks) {
      let part = shock.size * shockShape(t - shock.at);
      if (shock.fadeFrom !== undefined && t > shock.fadeFrom)
        part *= Math.exp(-(t - shock.fadeFrom) / FADE_MS);
      offset += part;
    }
    return offset;
  }
}
