import { expect, it } from 'vitest';
import { slowConsumer } from '../chaos/slow-consumer.js';

// CI-sized: the full run is in `npm run chaos`. Latency figures are printed, not asserted.
it('a client on a throttled link still gets every story and the latest price of each symbol', async () => {
  const r = await slowConsumer({
    seed: 21,
    symbols: 100,
    phaseMs: 3_000,
    storyMs: 100,
    tickMs: 100,
    bytesPerSecond: 8_000,
    others: 3,
    maxBacklogKb: 512,
  });
  console.log('slow consumer', JSON.stringify(r));
  expect(r.othersWhole).toBe(r.others);
  expect(r.slowWhole).toBe(true);
  expect(r.slowLatestPrices).toBe(r.symbols);
}, 120_000);
