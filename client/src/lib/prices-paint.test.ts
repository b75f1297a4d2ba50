import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The store on a page with animation frames: its frames come at most every PRICE_PAINT_MS. */
describe('price store with animation frames', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    // A frame every 16 ms, on the faked clock (the store checks for frames when it loads).
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) =>
      setTimeout(() => cb(performance.now()), 16),
    );
    vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
    vi.resetModules();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('applies the latest price on a frame, then no sooner than PRICE_PAINT_MS after it', async () => {
    const { getLivePrice, ingestTicks, PRICE_PAINT_MS, subscribePrice } = await import('./prices.js');
    let notified = 0;
    const off = subscribePrice('PNTA', () => notified++);
    ingestTicks([{ s: 'PNTA', p: 10, t: 1_000 }]);
    vi.advanceTimersByTime(20);
    expect(getLivePrice('PNTA')?.p).toBe(10);
    expect(notified).toBe(1);

    // Batches every 50 ms: nothing shows until PRICE_PAINT_MS after the last frame, then the latest.
    for (let i = 1; i <= 3; i++) {
      ingestTicks([{ s: 'PNTA', p: 10 + i, t: 1_000 + i * 50 }]);
      vi.advanceTimersByTime(50);
    }
    expect(getLivePrice('PNTA')?.p).toBe(10);
    vi.advanceTimersByTime(PRICE_PAINT_MS);
    expect(getLivePrice('PNTA')?.p).toBe(13);
    expect(notified).toBe(2);
    off();
  });
});
