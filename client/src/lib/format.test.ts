import { describe, expect, it } from 'vitest';
import {
  directionOf,
  etOffsetMs,
  formatAge,
  formatDelay,
  formatPct,
  formatPercent,
  formatPoints,
  formatUsd,
  marketSession,
  moveSince,
} from './format.js';

describe('prices and moves', () => {
  it('formats USD with two decimals', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(null)).toBe('—');
  });

  it('computes the move since publication as live / ref - 1', () => {
    expect(moveSince(110, 100)).toBeCloseTo(0.1);
    expect(moveSince(110, null)).toBeNull();
    expect(moveSince(undefined, 100)).toBeNull();
  });

  it('formats percentages with sign and two decimals', () => {
    expect(formatPct(0.01234)).toBe('+1.23%');
    expect(formatPct(-0.0045)).toBe('-0.45%');
    expect(formatPct(0.00001)).toBe('0.00%');
    expect(formatPct(null)).toBe('—');
  });

  it('calls a move flat when it rounds to 0.00 %', () => {
    expect(directionOf(0.00004)).toBe('flat');
    expect(directionOf(0.0001)).toBe('up');
    expect(directionOf(-0.0001)).toBe('down');
  });
});

describe('formatDelay', () => {
  it('says how long a story took, in the unit that fits', () => {
    expect(formatDelay(-5)).toBe('0 s');
    expect(formatDelay(420)).toBe('0.4 s');
    expect(formatDelay(12_400)).toBe('12 s');
    expect(formatDelay(185_000)).toBe('3 min 5 s');
    expect(formatDelay(25 * 60_000)).toBe('25 min');
    expect(formatDelay(125 * 60_000)).toBe('2 h 5 min');
    expect(formatDelay(5 * 86_400_000)).toBe('5 d');
  });
});

describe('formatAge', () => {
  it('gives a compact age', () => {
    const now = 10_000_000;
    expect(formatAge(now - 2_000, now)).toBe('now');
    expect(formatAge(now - 42_000, now)).toBe('42s');
    expect(formatAge(now - 2 * 60_000, now)).toBe('2m');
    expect(formatAge(now - 3 * 3_600_000, now)).toBe('3h');
    expect(formatAge(now - 50 * 3_600_000, now)).toBe('2d');
  });
});

describe('marketSession', () => {
  it('knows the regular session in New York time', () => {
    // 2025-03-04 is a Tuesday; EST is UTC-5.
    expect(marketSession(Date.UTC(2025, 2, 4, 15, 0))).toBe('open'); // 10:00 ET
    expect(marketSession(Date.UTC(2025, 2, 4, 13, 0))).toBe('pre'); // 08:00 ET
    expect(marketSession(Date.UTC(2025, 2, 4, 22, 0))).toBe('post'); // 17:00 ET
    expect(marketSession(Date.UTC(2025, 2, 8, 15, 0))).toBe('closed'); // Saturday
  });
});

describe('reaction figures', () => {
  it('formats moves given in percent and abnormal moves in points', () => {
    expect(formatPercent(0.42)).toBe('+0.42%');
    expect(formatPercent(-2.1)).toBe('-2.10%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPoints(1.854)).toBe('+1.85');
    expect(formatPoints(-0.004)).toBe('0.00');
    expect(formatPoints(undefined)).toBe('—');
  });
});

describe('etOffsetMs', () => {
  it('is -5 h in winter and -4 h in summer', () => {
    expect(etOffsetMs(Date.UTC(2025, 0, 15, 12))).toBe(-5 * 3_600_000);
    expect(etOffsetMs(Date.UTC(2025, 6, 15, 12))).toBe(-4 * 3_600_000);
    expect(etOffsetMs(Date.UTC(2025, 6, 15, 3, 59, 59, 500))).toBe(-4 * 3_600_000);
  });
});
