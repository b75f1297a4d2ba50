import { describe, expect, it } from 'vitest';
import type { MarketStatus } from '../../../shared/index.js';
import { isPriceStale, notLiveReason, priceNote, STALE_PRICE_MS } from './market-status.js';

// Tuesday 6 January 2026: 10:00 and 18:00 in New York.
const OPEN = Date.UTC(2026, 0, 6, 15, 0);
const CLOSED = Date.UTC(2026, 0, 6, 23, 0);
const SATURDAY_NOON = Date.UTC(2026, 0, 10, 17, 0);

describe('isPriceStale', () => {
  it('marks a price that has not moved for a minute during market hours', () => {
    expect(isPriceStale(OPEN - STALE_PRICE_MS - 1, OPEN)).toBe(true);
    expect(isPriceStale(OPEN - STALE_PRICE_MS + 1_000, OPEN)).toBe(false);
    expect(isPriceStale(undefined, OPEN)).toBe(false);
  });

  it('never outside regular hours, when prices rightly stand still', () => {
    expect(isPriceStale(CLOSED - 3_600_000, CLOSED)).toBe(false);
    expect(isPriceStale(SATURDAY_NOON - 86_400_000, SATURDAY_NOON)).toBe(false);
  });
});

describe('notLiveReason', () => {
  const status: MarketStatus = {
    source: 'finnhub',
    connected: true,
    liveSymbols: ['SPY', 'AAPL'],
    notLive: ['PLTR'],
    symbolLimit: 2,
    problem: 'SYMBOL_LIMIT',
    reason: 'Finnhub: 3 symbols wanted, 2 streamed at most',
    lastMessageAt: null,
  };

  it('says why a symbol is not live, and nothing for a live one', () => {
    expect(notLiveReason(status, 'PLTR')).toBe('Finnhub: 3 symbols wanted, 2 streamed at most');
    expect(notLiveReason(status, 'AAPL')).toBeNull();
    expect(notLiveReason(undefined, 'AAPL')).toBeNull();
    expect(notLiveReason({ ...status, reason: null, connected: false }, 'PLTR')).toMatch(/disconnected/);
  });

  it('puts both notes in a tooltip', () => {
    const note = priceNote(
      { live: { p: 10, t: OPEN - 3 * 60_000 }, stale: true, notLive: 'over the limit' },
      OPEN,
    );
    expect(note).toBe('not live: over the limit · stale: no update for 3m');
    expect(priceNote({ live: undefined, stale: false, notLive: null })).toBeNull();
  });
});
