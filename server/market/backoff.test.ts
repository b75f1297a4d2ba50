import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const policy = { minDelayMs: 1_000, maxDelayMs: 60_000 };

  it('doubles from the minimum up to the maximum', () => {
    const top = (n: number) => backoffDelay(n, { ...policy, random: () => 0.999_999 });
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map(top)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('jitters within the upper half of the step, so no retry is almost immediate', () => {
    for (let n = 0; n < 10; n++) {
      const cap = Math.min(60_000, 1_000 * 2 ** n);
      expect(backoffDelay(n, { ...policy, random: () => 0 })).toBe(cap / 2);
      const d = backoffDelay(n, policy);
      expect(d).toBeGreaterThanOrEqual(cap / 2);
      expect(d).toBeLessThanOrEqual(cap);
    }
  });

  it('spreads many clients dropped at once', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, policy)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
