import type { ChartRange } from './chart-window.js';

/**
 * The range a wall chart uses for a story of this age: the reaction must fill the chart, so a
 * story minutes old gets 15 minutes, one under ~40 minutes old the hour, older ones the day.
 */
export function wallRange(publishedAt: number, now: number): ChartRange {
  const age = now - publishedAt;
  if (age < 9 * 60_000) return '15m';
  if (age < 39 * 60_000) return '1h';
  return '1d';
}
