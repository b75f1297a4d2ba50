import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  getLivePrice,
  getLiveSeries,
  getRecentSeries,
  IDLE_SYMBOL_MS,
  ingestTicks,
  pruneIdleSymbols,
  seedPrice,
  setSeriesWindow,
  subscribePrice,
} from './prices.js';

describe('price store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies a batch at once and notifies each changed symbol once', () => {
    const calls: string[] = [];
    const offA = subscribePrice('TSTA', () => calls.push('TSTA'));
    const offB = subscribePrice('TSTB', () => calls.push('TSTB'));
    ingestTicks([
      { s: 'TSTA', p: 10, t: 1_000 },
      { s: 'TSTB', p: 20, t: 1_000 },
    ]);
    ingestTicks([{ s: 'TSTA', p: 11, t: 1_100 }]);
    expect(getLivePrice('TSTA')).toBeUndefined();
    vi.advanceTimersByTime(600);
    expect(getLivePrice('TSTA')).toEqual({ p: 11, t: 1_100 });
    expect(calls.sort()).toEqual(['TSTA', 'TSTB']);
    offA();
    offB();
  });

  it('keeps one point per second and ignores ticks older than the last price', () => {
    ingestTicks([{ s: 'TSTC', p: 1, t: 5_000 }]);
    vi.advanceTimersByTime(600);
    ingestTicks([{ s: 'TSTC', p: 2, t: 5_400 }]);
    vi.advanceTimersByTime(600);
    ingestTicks([{ s: 'TSTC', p: 3, t: 6_100 }]);
    vi.advanceTimersByTime(600);
    ingestTicks([{ s: 'TSTC', p: 9, t: 4_000 }]);
    vi.advanceTimersByTime(600);
    expect(getRecentSeries('TSTC')).toEqual([
      { t: 5_000, p: 2 },
      { t: 6_000, p: 3 },
    ]);
    expect(getLivePrice('TSTC')?.p).toBe(3);
  });

  it('keeps the newest window of points in a ring once it is full', () => {
    setSeriesWindow(60_000);
    try {
      for (let i = 0; i < 75; i++) {
        ingestTicks([{ s: 'TSTR', p: 100 + i, t: 10_000 + i * 1_000 }]);
        vi.advanceTimersByTime(600);
      }
      const view = getLiveSeries('TSTR');
      expect(view.length).toBe(60);
      expect(view.timeAt(0)).toBe(25_000);
      expect(view.priceAt(0)).toBe(115);
      expect(view.timeAt(59)).toBe(84_000);
      expect(view.priceAt(59)).toBe(174);
      const points = getRecentSeries('TSTR');
      expect(points).toHaveLength(60);
      expect(points.every((pt, i) => i === 0 || pt.t - (points[i - 1]?.t ?? 0) === 1_000)).toBe(true);
      // A longer window keeps what the ring held and grows from there.
      setSeriesWindow(120_000);
      ingestTicks([{ s: 'TSTR', p: 500, t: 85_000 }]);
      vi.advanceTimersByTime(600);
      expect(getLiveSeries('TSTR').length).toBe(61);
      expect(getLiveSeries('TSTR').timeAt(0)).toBe(25_000);
      expect(getLiveSeries('TSTR').priceAt(60)).toBe(500);
    } finally {
      setSeriesWindow(15 * 60_000);
    }
  });

  it('lets a REST quote seed a price but not overwrite a newer tick', () => {
    seedPrice('TSTD', 50, 1_000);
    expect(getLivePrice('TSTD')?.p).toBe(50);
    ingestTicks([{ s: 'TSTD', p: 51, t: 2_000 }]);
    vi.advanceTimersByTime(600);
    seedPrice('TSTD', 49, 1_500);
    expect(getLivePrice('TSTD')?.p).toBe(51);
  });
});

describe('price store bounds', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('forgets symbols nobody listens to once they have been idle, and keeps watched ones', () => {
    const off = subscribePrice('KEEPW', () => {});
    ingestTicks([
      { s: 'KEEPW', p: 1, t: 1_000 },
      { s: 'DROPW', p: 2, t: 1_000 },
    ]);
    vi.advanceTimersByTime(600);
    expect(pruneIdleSymbols(Date.now())).toBe(0);
    const later = Date.now() + IDLE_SYMBOL_MS + 1;
    expect(pruneIdleSymbols(later)).toBeGreaterThanOrEqual(1);
    expect(getLivePrice('DROPW')).toBeUndefined();
    expect(getLivePrice('KEEPW')).toEqual({ p: 1, t: 1_000 });
    off();
  });
});
