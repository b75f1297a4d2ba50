import { describe, expect, it } from 'vitest';
import { nextPollDelay } from './feed-poller.js';

const MIN = 60_000;

describe('nextPollDelay', () => {
  it('polls a healthy feed every interval, ±10 %', () => {
    expect(nextPollDelay(0, MIN, undefined, () => 0)).toBe(0.9 * MIN);
    expect(nextPollDelay(0, MIN, undefined, () => 1)).toBe(1.1 * MIN);
    // A Retry-After of an earlier failure does not slow a healthy feed.
    expect(nextPollDelay(0, MIN, 10 * MIN, () => 0.5)).toBe(MIN);
  });

  it('backs off a failing feed exponentially with jitter, from the interval up to 30 minutes', () => {
    const low = (n: number) => nextPollDelay(n, MIN, undefined, () => 0);
    const high = (n: number) => nextPollDelay(n, MIN, undefined, () => 1);
    expect([low(1), high(1)]).toEqual([0.5 * MIN, MIN]);
    expect([low(2), high(2)]).toEqual([MIN, 2 * MIN]);
    expect([low(3), high(3)]).toEqual([2 * MIN, 4 * MIN]);
    expect(high(20)).toBe(30 * MIN);
    expect(low(20)).toBe(15 * MIN);
  });

  it('waits as long as the server asks when that is longer', () => {
    expect(nextPollDelay(1, MIN, 10 * MIN, () => 0.5)).toBe(10 * MIN);
    expect(nextPollDelay(5, MIN, 1_000, () => 0.5)).toBeGreaterThan(1_000);
  });

  it('backs off an hourly feed from its hour, not from seconds', () => {
    expect(nextPollDelay(1, 60 * MIN, undefined, () => 0)).toBe(30 * MIN);
    expect(nextPollDelay(3, 60 * MIN, undefined, () => 1)).toBe(60 * MIN);
  });
});
