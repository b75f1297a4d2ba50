import { describe, expect, it } from 'vitest';
import { formatEtShort } from '../../lib/format.js';
import { CHART_RANGES, chartWindow, etTicks, formatEtTick } from './chart-window.js';

const MIN = 60_000;

describe('chartWindow', () => {
  const pub = Date.UTC(2025, 2, 4, 15, 0);

  it('puts publication a third into the range', () => {
    for (const range of ['15m', '1h', '1d'] as const) {
      const w = chartWindow(pub, range, pub + 10 * 24 * 60 * MIN);
      expect(w.to - w.from).toBe(CHART_RANGES[range]);
      expect((pub - w.from) / (w.to - w.from)).toBeCloseTo(1 / 3, 6);
    }
    expect(chartWindow(pub, '1h', pub).from).toBe(pub - 20 * MIN);
    expect(chartWindow(pub, '1h', pub).to).toBe(pub + 40 * MIN);
  });

  it('clips the data to now while the axis keeps its width', () => {
    const w = chartWindow(pub, '1h', pub + 5 * MIN);
    expect(w.to).toBe(pub + 40 * MIN);
    expect(w.dataEnd).toBe(pub + 5 * MIN);
    expect(w.live).toBe(true);
  });

  it('ends the data at the right edge once the window is over', () => {
    const w = chartWindow(pub, '15m', pub + 3 * 60 * MIN);
    expect(w.dataEnd).toBe(w.to);
    expect(w.live).toBe(false);
  });

  it('never ends the data before the left edge (a story stamped in the future)', () => {
    const w = chartWindow(pub, '15m', pub - 30 * MIN);
    expect(w.dataEnd).toBe(w.from);
  });
});

describe('etTicks', () => {
  it('picks round New York minutes, at most maxTicks of them', () => {
    // 09:47 to 10:47 ET (EST, UTC-5)
    const from = Date.UTC(2025, 2, 4, 14, 47);
    const ticks = etTicks(from, from + 60 * MIN, 8);
    expect(ticks.map(formatEtShort)).toEqual(['09:50', '10:00', '10:10', '10:20', '10:30', '10:40']);
  });

  it('uses minute steps for short ranges', () => {
    const from = Date.UTC(2025, 6, 1, 13, 31, 20); // 09:31:20 EDT
    const ticks = etTicks(from, from + 15 * MIN, 8);
    expect(ticks.map(formatEtShort)).toEqual([
      '09:32',
      '09:34',
      '09:36',
      '09:38',
      '09:40',
      '09:42',
      '09:44',
      '09:46',
    ]);
  });

  it('stays on round ET hours across a daylight-saving change', () => {
    // Sat 8 Mar 2025 12:00 EST to Sun 9 Mar 13:00 EDT: clocks jump from 02:00 to 03:00.
    const from = Date.UTC(2025, 2, 8, 17, 0);
    const ticks = etTicks(from, from + 24 * 60 * MIN, 8);
    expect(ticks.map(formatEtShort)).toEqual([
      '12:00',
      '15:00',
      '18:00',
      '21:00',
      '00:00',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
    ]);
  });

  it('gives nothing for an empty window', () => {
    expect(etTicks(10, 10, 8)).toEqual([]);
  });
});

describe('formatEtTick', () => {
  it('prints the time, or the date at midnight ET', () => {
    expect(formatEtTick(Date.UTC(2025, 2, 4, 14, 50))).toBe('09:50');
    expect(formatEtTick(Date.UTC(2025, 2, 9, 5, 0))).toBe('Mar 9');
  });
});
