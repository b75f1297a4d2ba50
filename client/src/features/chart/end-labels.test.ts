import { describe, expect, it } from 'vitest';
import { type ArticleTicker, newReaction } from '../../../../shared/index.js';
import type { ChartRow } from './build-series.js';
import { endLabels } from './end-labels.js';

const nvda: ArticleTicker = {
  symbol: 'NVDA',
  name: null,
  evidence: 'cashtag',
  primary: true,
  refPrice: 100,
  reaction: { ...newReaction('SPY'), benchmarkRef: 500, lastTime: 1_000, move: 1, abnormal: 0.5 },
};
// The rows' fields are the series' places (s0, s1), not their symbols.
const series = { key: 's0', symbol: 'NVDA', color: '#fff', benchmark: false, ref: 100 };
const spy = { key: 's1', symbol: 'SPY', color: '#888', benchmark: true, ref: 500 };
// Percent mode: values are already percent since publication.
const rows: ChartRow[] = [
  { t: 0, s0: 0, s1: 0 },
  { t: 10, s0: 3, s1: 1 },
  { t: 20, s0: undefined, s1: undefined },
];
const base = { rows, benchmark: spy, tickers: [nvda], pctOf: (v: number) => v };

describe('endLabels', () => {
  it('reads a past window off the lines: move at the end, distance to the benchmark', () => {
    const labels = endLabels({ ...base, visible: [series, spy], live: false, livePrice: () => undefined });
    expect(labels).toEqual([
      { symbol: 'NVDA', color: '#fff', t: 10, v: 3, move: 3, abnormal: 2 },
      { symbol: 'SPY', color: '#888', t: 10, v: 1, move: 1 },
    ]);
  });

  it('uses the live figures while the window includes now, at the end of the line', () => {
    const prices: Record<string, { p: number; t: number }> = {
      NVDA: { p: 104, t: 2_000 },
      SPY: { p: 505, t: 2_000 },
    };
    const [label, bench] = endLabels({
      ...base,
      visible: [series, spy],
      live: true,
      livePrice: (s) => prices[s],
    });
    expect(label?.t).toBe(10);
    expect(label?.move).toBeCloseTo(4);
    expect(label?.abnormal).toBeCloseTo(3);
    expect(bench?.move).toBeCloseTo(1);
  });

  it('reads the abnormal move against the benchmark even when its line is hidden', () => {
    const labels = endLabels({ ...base, visible: [series], live: false, livePrice: () => undefined });
    expect(labels.map((l) => l.abnormal)).toEqual([2]);
  });
});
