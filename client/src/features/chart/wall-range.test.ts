import { describe, expect, it } from 'vitest';
import { wallRange } from './wall-range.js';

describe('wallRange', () => {
  it('widens the window as the story ages, so its reaction fills the chart', () => {
    const m = 60_000;
    expect(wallRange(0, 0)).toBe('15m');
    expect(wallRange(0, 8 * m)).toBe('15m');
    expect(wallRange(0, 20 * m)).toBe('1h');
    expect(wallRange(0, 3 * 60 * m)).toBe('1d');
  });
});
