import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { MemoryStore } from '../store/memory-store.js';
import { type Bar, StoreUnavailableError } from '../store/types.js';
import { MarketData } from './market-data.js';

/** A store that refuses writes while `down`. */
class FlakyStore extends MemoryStore {
  down = false;
  override async appendBars(bars: Bar[]): Promise<void> {
    if (this.down) throw new StoreUnavailableError('down');
    return super.appendBars(bars);
  }
}

describe('market data: bar writes', () => {
  it('keeps the bars of a write the store refused and writes them once it answers again', async () => {
    const t0 = 1_700_000_000_000;
    const clock = new ManualClock(t0);
    const store = new FlakyStore();
    const market = new MarketData(store, clock);
    market.ingest({ s: 'AAPL', p: 100, t: t0 });
    market.ingest({ s: 'AAPL', p: 101, t: t0 + 400 });
    clock.advance(1_000);
    store.down = true;
    await expect(market.flush()).rejects.toThrow(StoreUnavailableError);
    market.ingest({ s: 'AAPL', p: 102, t: t0 + 1_200 });
    clock.advance(1_000);
    await expect(market.flush()).rejects.toThrow(StoreUnavailableError);
    store.down = false;
    market.ingest({ s: 'AAPL', p: 103, t: t0 + 2_100 });
    await market.flush(true);
    expect(await store.history('AAPL', t0, t0 + 10_000, 1_000)).toEqual([
      { t: t0, p: 101 },
      { t: t0 + 1_000, p: 102 },
      { t: t0 + 2_000, p: 103 },
    ]);
    const [first] = await store.lastBars();
    expect(first?.t).toBe(t0 + 2_000);
  });
});
