import { describe, expect, it } from 'vitest';
import { killMidBurst } from '../chaos/kill-mid-burst.js';

// The CI-sized run of the kill -9 fault test; `npm run chaos` runs the full one.
describe('kill -9 in the middle of a burst', () => {
  for (const seed of [11, 23]) {
    it(`loses nothing and duplicates nothing (seed ${seed})`, { timeout: 60_000 }, async () => {
      const r = await killMidBurst({ seed, stories: 120, clients: 6, paceMs: 5 });
      console.log('kill -9:', JSON.stringify(r));
      expect(r.retries).toBeGreaterThan(0); // the kill really interrupted the producer
      expect(r).toMatchObject({
        stored: 120,
        storedDuplicates: 0,
        seqDense: true,
        clientsComplete: 6,
        clientDuplicates: 0,
        clientOutOfOrder: 0,
      });
    });
  }
});
