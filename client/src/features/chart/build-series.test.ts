import { describe, expect, it } from 'vitest';
import {
  buildRows,
  gridTimes,
  lastPoint,
  mergeSeries,
  niceTicks,
  priceAt,
  settledEdge,
  tailRow,
  valueAt,
  valueDomain,
} from './build-series.js';

describe('mergeSeries', () => {
  it('appends only live points newer than the history', () => {
    const merged = mergeSeries(
      [
        { t: 1_000, p: 10 },
        { t: 2_000, p: 11 },
      ],
      [
        { t: 1_500, p: 99 },
        { t: 3_000, p: 12 },
      ],
      0,
      5_000,
    );
    expect(Array.from({ length: merged.length }, (_, i) => merged.timeAt(i))).toEqual([1_000, 2_000, 3_000]);
    expect(merged.priceAt(2)).toBe(12);
  });

  it('reads a live ring through its view, inside the window only', () => {
    const times = [1_000, 2_000, 3_000, 4_000, 9_000];
    const live = {
      length: times.length,
      timeAt: (i: number) => times[i] as number,
      priceAt: (i: number) => 100 + i,
    };
    const merged = mergeSeries([{ t: 1_500, p: 10 }], live, 1_200, 5_000);
    expect(Array.from({ length: merged.length }, (_, i) => [merged.timeAt(i), merged.priceAt(i)])).toEqual([
      [1_500, 10],
      [2_000, 101],
      [3_000, 102],
      [4_000, 103],
    ]);
    expect(priceAt(merged, 3_500)).toBe(102);
    expect(priceAt(merged, 1_000)).toBeNull();
  });
});

describe('priceAt', () => {
  it('returns the last price at or before t', () => {
    const pts = [
      { t: 10, p: 1 },
      { t: 20, p: 2 },
      { t: 30, p: 3 },
    ];
    expect(priceAt(pts, 5)).toBeNull();
    expect(priceAt(pts, 20)).toBe(2);
    expect(priceAt(pts, 29)).toBe(2);
    expect(priceAt(pts, 99)).toBe(3);
  });
});

describe('buildRows', () => {
  const history = Array.from({ length: 10_000 }, (_, i) => ({ t: i * 1_000, p: 100 + (i % 7) }));

  it('downsamples to the requested number of rows, ending at `to`', () => {
    const rows = buildRows([{ key: 'A', history, live: [], ref: 100 }], {
      from: 0,
      to: 9_999_000,
      buckets: 300,
      mode: 'pct',
    });
    expect(rows).toHaveLength(300);
    expect(rows[0]?.t).toBe(0);
    expect(rows.at(-1)?.t).toBe(9_999_000);
  });

  it('expresses values as percent of the reference price, or as prices', () => {
    const series = [{ key: 'A', history: [{ t: 0, p: 110 }], live: [{ t: 50, p: 99 }], ref: 100 }];
    const pct = buildRows(series, { from: 0, to: 100, buckets: 3, mode: 'pct' });
    expect(pct[0]?.A).toBeCloseTo(10);
    expect(pct[2]?.A).toBeCloseTo(-1);
    const abs = buildRows(series, { from: 0, to: 100, buckets: 3, mode: 'abs' });
    expect(abs[2]?.A).toBe(99);
  });

  it('leaves a series undefined before its first point', () => {
    const rows = buildRows([{ key: 'A', history: [{ t: 60, p: 1 }], live: [], ref: 1 }], {
      from: 0,
      to: 100,
      buckets: 3,
      mode: 'pct',
    });
    expect(rows[0]?.A).toBeUndefined();
    expect(rows[2]?.A).toBe(0);
  });
});

describe('buildRows until', () => {
  it('draws nothing after `until`', () => {
    const rows = buildRows([{ key: 'A', history: [{ t: 0, p: 1 }], live: [], ref: 1 }], {
      from: 0,
      to: 100,
      until: 50,
      buckets: 3,
      mode: 'pct',
    });
    expect(rows[1]?.A).toBe(0);
    expect(rows[2]?.A).toBeUndefined();
  });
});

describe('valueDomain', () => {
  it('includes zero in percent mode and pads the range', () => {
    const [min, max] = valueDomain(
      [
        { t: 0, A: 1 },
        { t: 1, A: 2 },
      ],
      ['A'],
      true,
    );
    expect(min).toBeLessThan(0);
    expect(max).toBeGreaterThan(2);
  });
});

describe('niceTicks', () => {
  it('picks round steps that include zero', () => {
    const { domain, ticks } = niceTicks(-1.83, 0.47, 5);
    expect(ticks).toContain(0);
    expect(domain[0]).toBeLessThanOrEqual(-1.83);
    expect(domain[1]).toBeGreaterThanOrEqual(0.47);
    expect(ticks).toEqual([-2, -1.5, -1, -0.5, 0, 0.5]);
  });
});

describe('buildRows in price mode with a rebased benchmark', () => {
  it('draws the benchmark from the ticker reference price', () => {
    const rows = buildRows(
      [
        { key: 'A', history: [{ t: 0, p: 50 }], live: [], ref: 50 },
        { key: 'SPY', history: [{ t: 0, p: 400 }], live: [{ t: 60, p: 404 }], ref: 400, rebase: 50 },
      ],
      { from: 0, to: 100, buckets: 3, mode: 'abs' },
    );
    expect(rows[0]?.A).toBe(50);
    expect(rows[0]?.SPY).toBe(50);
    expect(rows[2]?.SPY).toBeCloseTo(50.5);
  });
});

describe('buildRows ending at now', () => {
  it('adds a row at `until` so a live line ends at the latest price, and none after it', () => {
    const rows = buildRows([{ key: 'A', history: [{ t: 0, p: 1 }], live: [{ t: 37, p: 2 }], ref: 1 }], {
      from: 0,
      to: 100,
      until: 37,
      buckets: 3,
      mode: 'abs',
    });
    expect(rows.map((r) => r.t)).toEqual([0, 37]);
    expect(lastPoint(rows, 'A')).toEqual({ t: 37, v: 2 });
    expect(valueAt(rows, 'A', 0)).toBe(1);
    expect(valueAt(rows, 'A', 50)).toBeNull();
  });
});

describe('settledEdge', () => {
  it('is the last grid instant at or before now, on the same grid as the rows', () => {
    const from = 1_000;
    const to = 1_000 + 3_600_000;
    const grid = gridTimes(from, to, 360);
    for (const now of [from, from + 1, from + 9_999, from + 10_028, from + 1_234_567, to - 1]) {
      const edge = settledEdge(from, to, 360, now);
      expect(grid).toContain(edge);
      expect(edge).toBeLessThanOrEqual(now);
      const next = grid[grid.indexOf(edge) + 1];
      expect(next).toBeGreaterThan(now);
    }
  });

  it('settles on the window end once the window is over, and on its start before it', () => {
    expect(settledEdge(0, 100, 3, 500)).toBe(100);
    expect(settledEdge(0, 100, 3, 100)).toBe(100);
    expect(settledEdge(0, 100, 3, -5)).toBe(0);
    expect(settledEdge(0, 100, 3, 49)).toBe(0);
    expect(settledEdge(0, 100, 3, 50)).toBe(50);
  });
});

describe('tailRow', () => {
  const series = {
    key: 'A',
    history: [
      { t: 0, p: 100 },
      { t: 40, p: 101 },
    ],
    live: [
      { t: 55, p: 102 },
      { t: 61, p: 103 },
    ],
    ref: 100,
  };

  it('reads each series at now, the way the rows hold it, after the settled rows', () => {
    const rows = buildRows([series], { from: 0, to: 100, until: 50, buckets: 3, mode: 'pct' });
    expect(lastPoint(rows, 'A')).toEqual({ t: 50, v: expect.closeTo(1) });
    const tail = { inputs: [series], mode: 'pct' as const, from: 0, to: 100, settled: 50 };
    expect(tailRow(tail, 58)).toEqual({ t: 58, A: expect.closeTo(2) });
    expect(tailRow(tail, 70)?.A).toBeCloseTo(3);
    // Nothing forms before the rows' end, and the end of the window bounds it.
    expect(tailRow(tail, 50)).toBeNull();
    expect(tailRow(tail, 500)?.t).toBe(100);
  });

  it('rebases in price mode and leaves out a series without a reference in percent mode', () => {
    const tail = {
      inputs: [series, { ...series, key: 'B', ref: null }, { ...series, key: 'C', rebase: 50 }],
      mode: 'abs' as const,
      from: 0,
      to: 100,
      settled: 50,
    };
    expect(tailRow(tail, 70)).toEqual({ t: 70, A: 103, B: 103, C: 51.5 });
    expect(tailRow({ ...tail, mode: 'pct' }, 70)).toEqual({
      t: 70,
      A: expect.closeTo(3),
      C: expect.closeTo(3),
    });
  });
});
