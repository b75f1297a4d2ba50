import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { DemandTracker } from './demand.js';

const HOUR = 3_600_000;

function tracker(watchers: Map<string, number> = new Map()) {
  const clock = new ManualClock(Date.UTC(2026, 0, 6, 15));
  const demand = new DemandTracker({
    clock,
    storyWindowMs: 6 * HOUR,
    watchers: () => watchers,
    pinned: ['SPY'],
  });
  return { clock, demand, watchers };
}

describe('DemandTracker', () => {
  it('puts the benchmark first, then the most watched, then the most recent story tickers', () => {
    const { clock, demand, watchers } = tracker();
    demand.noteStory(['OLD'], clock.now() - 2 * HOUR);
    demand.noteStory(['NEW', 'NVDA'], clock.now() - 60_000);
    watchers.set('NVDA', 3).set('AAPL', 5).set('SPY', 5).set('IDLE', 0);
    expect(demand.ranked()).toEqual(['SPY', 'AAPL', 'NVDA', 'NEW', 'OLD']);
  });

  it('ranks tickers named by more stories first when equally recent, then by symbol', () => {
    const { clock, demand } = tracker();
    const t = clock.now();
    demand.noteStory(['BBB', 'AAA', 'CCC'], t);
    demand.noteStory(['CCC'], t);
    expect(demand.ranked()).toEqual(['SPY', 'CCC', 'AAA', 'BBB']);
  });

  it('forgets story tickers after the window, not the watched ones', () => {
    const { clock, demand, watchers } = tracker();
    demand.noteStory(['TSLA', 'AMD']);
    watchers.set('AMD', 1);
    clock.advance(6 * HOUR + 1);
    expect(demand.ranked()).toEqual(['SPY', 'AMD']);
    watchers.delete('AMD');
    expect(demand.ranked()).toEqual(['SPY']);
    // A story published before the window is not demand at all.
    demand.noteStory(['BABA'], clock.now() - 7 * HOUR);
    expect(demand.ranked()).toEqual(['SPY']);
  });
});
