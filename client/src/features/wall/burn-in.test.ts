import { describe, expect, it } from 'vitest';
import { burnInShift, DIM_MIN } from './burn-in.js';

describe('burnInShift', () => {
  const minute = 60_000;

  it('stays within the amplitude and the dimming range', () => {
    for (let t = 0; t < 24 * 60 * minute; t += 7 * minute + 13) {
      const s = burnInShift(t);
      expect(Math.abs(s.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(s.y)).toBeLessThanOrEqual(1);
      expect(s.chrome).toBeGreaterThanOrEqual(DIM_MIN);
      expect(s.chrome).toBeLessThanOrEqual(1);
    }
  });

  it('never holds still for long: every hour the wall has moved by a good part of its range', () => {
    for (let t = 0; t < 48 * 60 * minute; t += 60 * minute) {
      let spanX = 0;
      let spanY = 0;
      const first = burnInShift(t);
      for (let dt = 0; dt <= 60 * minute; dt += minute) {
        const s = burnInShift(t + dt);
        spanX = Math.max(spanX, Math.abs(s.x - first.x));
        spanY = Math.max(spanY, Math.abs(s.y - first.y));
      }
      expect(Math.max(spanX, spanY)).toBeGreaterThan(0.5);
    }
  });

  it('moves slowly enough not to be noticed (under 1 % of the range per second)', () => {
    for (let t = 0; t < 60 * minute; t += 997) {
      const a = burnInShift(t);
      const b = burnInShift(t + 1_000);
      expect(Math.abs(a.x - b.x)).toBeLessThan(0.01);
      expect(Math.abs(a.y - b.y)).toBeLessThan(0.01);
    }
  });
});
