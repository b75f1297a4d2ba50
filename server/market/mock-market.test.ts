import { describe, expect, it } from 'vitest';
import type { Tick } from '../../shared/index.js';
import { ManualClock } from '../clock.js';
import { bucketFor, MAX_HISTORY_POINTS } from './market-data.js';
import { MockMarket, SHOCK_SETTLES_AT, shockShape } from './mock-market.js';

const T0 = Date.UTC(2026, 10, 27, 15, 0, 0);
const HOUR = 3_600_000;

function run(seed: string, symbols: string[], ms: number, setup?: (m: MockMarket) => void): Tick[] {
  const clock = new ManualClock(T0);
  const market = new MockMarket({ seed, clock });
  for (const s of symbols) market.add(s, { t: T0 });
  setup?.(market);
  const ticks: Tick[] = [];
  market.advanceTo(T0 + ms, (t) => ticks.push(t));
  return ticks;
}

const logReturns = (prices: number[]) => prices.slice(1).map((p, i) => Math.log(p / (prices[i] as number)));
const std = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
const corr = (a: number[], b: number[]) => {
  const ma = a.reduce((x, y) => x + y, 0) / a.length;
  const mb = b.reduce((x, y) => x + y, 0) / b.length;
  let num = 0;
  for (let i = 0; i < a.length; i++) num += ((a[i] as number) - ma) * ((b[i] as number) - mb);
  return num / ((a.length - 1) * std(a) * std(b));
};
/** Last price of each minute for one symbol. */
const minuteCloses = (ticks: Tick[], s: string) => {
  const byMinute = new Map<number, number>();
  for (const t of ticks) if (t.s === s) byMinute.set(Math.floor(t.t / 60_000), t.p);
  return [...byMinute.values()];
};

describe('mock market', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = run('seed-a', ['AAPL', 'SPY'], 60_000);
    expect(run('seed-a', ['AAPL', 'SPY'], 60_000)).toEqual(a);
    expect(run('seed-b', ['AAPL', 'SPY'], 60_000)).not.toEqual(a);
    // a symbol's path does not depend on which other symbols exist
    const alone = run('seed-a', ['AAPL'], 60_000);
    expect(alone).toEqual(a.filter((t) => t.s === 'AAPL'));
  });

  it('ticks several times a second per symbol, in time order, starting near the profile price', () => {
    const ticks = run('s', ['NVDA'], 60_000);
    expect(ticks.length / 60).toBeGreaterThan(2);
    expect(ticks.length / 60).toBeLessThan(4);
    const ts = ticks.map((t) => t.t);
    expect(ts).toEqual([...ts].sort((x, y) => x - y));
    expect(ticks[0]?.p).toBeGreaterThan(170);
    expect(ticks[0]?.p).toBeLessThan(195);
  });

  it('has the volatility of its profile and a common market factor', () => {
    const ticks = run('vol', ['NVDA', 'SPY', 'KO'], 6 * HOUR);
    const nvda = logReturns(minuteCloses(ticks, 'NVDA'));
    const spy = logReturns(minuteCloses(ticks, 'SPY'));
    const ko = logReturns(minuteCloses(ticks, 'KO'));
    const annualise = (x: number) => x * Math.sqrt(252 * 390);
    expect(annualise(std(nvda))).toBeGreaterThan(0.48 * 0.8);
    expect(annualise(std(nvda))).toBeLessThan(0.48 * 1.2);
    expect(annualise(std(spy))).toBeLessThan(annualise(std(nvda)) / 2);
    // every name moves with the market, each by its own beta (NVDA 1.6, KO 0.45)
    expect(corr(nvda, spy)).toBeGreaterThan(0.3);
    expect(corr(ko, spy)).toBeGreaterThan(0.3);
    const beta = (xs: number[]) => (corr(xs, spy) * std(xs)) / std(spy);
    expect(beta(nvda)).toBeGreaterThan(1.3);
    expect(beta(nvda)).toBeLessThan(1.9);
    expect(beta(ko)).toBeGreaterThan(0.3);
    expect(beta(ko)).toBeLessThan(0.6);
  });

  it('moves a ticker by the size of a story: most at once, an overshoot, then a partial fade', () => {
    const at = T0 + 10 * 60_000;
    const shocked = run('shock', ['BABA'], 3 * HOUR, (m) => m.shock('BABA', 7, at));
    const calm = run('shock', ['BABA'], 3 * HOUR);
    const priceAt = (ticks: Tick[], t: number) => ticks.filter((x) => x.t <= t).at(-1)?.p as number;
    const ratio = (t: number) => priceAt(shocked, t) / priceAt(calm, t);
    expect(ratio(at - 1000)).toBeCloseTo(1, 6);
    expect(ratio(at + 30_000)).toBeGreaterThan(1.035);
    expect(ratio(at + 30_000)).toBeLessThan(1.06);
    // overshoots the full move within minutes, then settles back to part of it
    const peak = Math.max(...[5, 8, 10, 12, 15].map((m) => ratio(at + m * 60_000)));
    expect(peak).toBeGreaterThan(1.074);
    expect(peak).toBeLessThan(1.085);
    expect(ratio(at + 3 * HOUR - 20 * 60_000)).toBeGreaterThan(1.055);
    expect(ratio(at + 3 * HOUR - 20 * 60_000)).toBeLessThan(1.068);
    expect(shockShape(0)).toBe(0);
    expect(shockShape(Number.MAX_SAFE_INTEGER)).toBeCloseTo(SHOCK_SETTLES_AT, 9);
  });

  it('fades an earlier move when a newer story arrives, so repeated stories stay bounded', () => {
    const every = 5 * 60_000;
    const repeated = run('loop', ['BABA'], 6 * HOUR, (m) => {
      for (let t = T0 + every; t < T0 + 6 * HOUR; t += every) m.shock('BABA', 7, t);
    });
    const calm = run('loop', ['BABA'], 6 * HOUR);
    const last = (ticks: Tick[]) => ticks.at(-1)?.p as number;
    // 71 stories of +7% each would compound to 120x; with fading the level stays within a few moves
    expect(last(repeated) / last(calm)).toBeGreaterThan(1.07);
    expect(last(repeated) / last(calm)).toBeLessThan(1.3);
  });

  it('keeps a big move when a later story only mentions the ticker', () => {
    const at = T0 + 60_000;
    const big = run('mention', ['BABA'], 40 * 60_000, (m) => {
      m.shock('BABA', 7, at);
      m.shock('BABA', 0.3, at + 5 * 60_000);
    });
    const calm = run('mention', ['BABA'], 40 * 60_000);
    expect((big.at(-1)?.p as number) / (calm.at(-1)?.p as number)).toBeGreaterThan(1.06);
  });

  it('fills in history for a symbol asked for at run time', () => {
    const clock = new ManualClock(T0);
    const market = new MockMarket({ seed: 'x', clock, historyMs: HOUR });
    const ticks: Tick[] = [];
    market.start((t) => ticks.push(t));
    market.watch(['PLTR']);
    market.stop();
    expect(ticks.length).toBeGreaterThan(HOUR / 1000);
    expect(ticks[0]?.t).toBeLessThan(T0 - HOUR + 1000);
    expect(ticks.at(-1)?.t).toBeLessThanOrEqual(T0);
  });
});

describe('history buckets', () => {
  it('keeps every chart window under the point budget with tidy buckets', () => {
    expect(bucketFor(0, 15 * 60_000)).toBe(1_000);
    expect(bucketFor(0, HOUR)).toBe(5_000);
    expect(bucketFor(0, 24 * HOUR)).toBe(60_000);
    for (const span of [1, 60_000, HOUR, 6 * HOUR, 24 * HOUR, 7 * 24 * HOUR]) {
      expect(span / bucketFor(0, span)).toBeLessThanOrEqual(MAX_HISTORY_POINTS);
    }
  });
});
