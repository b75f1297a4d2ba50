import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Article, ArticleTicker, LiveReactionUpdate, ReactionUpdate } from '../../shared/index.js';
import { ManualClock } from '../clock.js';
import { MarketData } from '../market/market-data.js';
import { MemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/types.js';
import { LIVE_SLOW_MS, ReactionEngine, type ReactionSweep } from './reaction-engine.js';

const T0 = Date.UTC(2026, 10, 27, 15, 0, 0);
const S = 1000;
const logger = pino({ level: 'silent' });

interface Rig {
  clock: ManualClock;
  store: Store;
  market: MarketData;
  engine: ReactionEngine;
  /** Full updates (milestones). */
  pushed: ReactionUpdate[];
  /** Compact live updates, each sweep's. */
  lives: LiveReactionUpdate[];
  sweeps: ReactionSweep[];
  tick(symbol: string, price: number, t: number): void;
  publish(symbols: string[], publishedAt?: number): Promise<Article>;
}

function rig(store: Store = new MemoryStore(), clock = new ManualClock(T0)): Rig {
  const market = new MarketData(store, clock);
  const pushed: ReactionUpdate[] = [];
  const lives: LiveReactionUpdate[] = [];
  const sweeps: ReactionSweep[] = [];
  const engine = new ReactionEngine({
    store,
    market,
    clock,
    logger,
    benchmarkFor: (s) => (s === 'BABA' ? 'KWEB' : 'SPY'),
    publish: (sweep) => {
      sweeps.push(sweep);
      pushed.push(...sweep.articles);
      lives.push(...sweep.live);
    },
  });
  market.onTick((t) => engine.onTick(t));
  let n = 0;
  return {
    clock,
    store,
    market,
    engine,
    pushed,
    lives,
    sweeps,
    tick(s, p, t) {
      market.ingest({ s, p, t });
    },
    async publish(symbols, publishedAt = T0) {
      n++;
      const tags = symbols.map((symbol, i) => ({
        symbol,
        name: null,
        evidence: 'provider' as const,
        primary: i === 0,
      }));
      const tickers = await engine.initialTickers(tags, publishedAt);
      const { article } = await store.insertArticle({
        dedupeKey: `k${n}-${Math.random()}`,
        headline: `story ${n}`,
        summary: null,
        body: null,
        source: 'test',
        url: null,
        externalId: null,
        publishedAt,
        receivedAt: publishedAt,
        tickers,
        tone: 0,
      });
      engine.track(article);
      return article;
    },
  };
}

const tickerOf = (a: Article, symbol: string) => a.tickers.find((t) => t.symbol === symbol) as ArticleTicker;
const live = (r: Rig, a: Article, symbol: string) => tickerOf(r.engine.decorate(a), symbol);

describe('reaction engine', () => {
  let r: Rig;
  beforeEach(() => {
    r = rig();
  });

  it('takes the last trade at or before publication as reference, with the benchmark at that time', async () => {
    r.tick('AAPL', 99, T0 - 20 * S);
    r.tick('AAPL', 100, T0 - 5 * S);
    r.tick('SPY', 500, T0 - 3 * S);
    r.tick('AAPL', 120, T0 + 1 * S); // after publication: not the reference
    const a = await r.publish(['AAPL'], T0);
    const t = tickerOf(a, 'AAPL');
    expect(t.refPrice).toBe(100);
    expect(t.reaction).toMatchObject({
      benchmark: 'SPY',
      refTime: T0 - 5 * S,
      refAfter: false,
      benchmarkRef: 500,
    });
  });

  it('tracks the move, the largest moves both ways and the abnormal move over the benchmark', async () => {
    r.tick('AAPL', 100, T0 - 5 * S);
    r.tick('SPY', 500, T0 - 3 * S);
    const a = await r.publish(['AAPL']);
    r.tick('AAPL', 103, T0 + 30 * S);
    r.tick('SPY', 505, T0 + 40 * S); // benchmark +1%
    expect(live(r, a, 'AAPL').reaction).toMatchObject({ move: 3, abnormal: 2, maxUp: 3, maxDown: 0 });
    r.tick('AAPL', 98, T0 + 50 * S);
    expect(live(r, a, 'AAPL').reaction).toMatchObject({
      move: -2,
      abnormal: -3,
      maxUp: 3,
      maxDown: -2,
      last: 98,
    });
  });

  it('gives stories their ticks between sweeps at the sweep, with the same values as one by one', async () => {
    r.tick('AAPL', 100, T0 - 5 * S);
    r.tick('SPY', 500, T0 - 3 * S);
    const a = await r.publish(['AAPL']);
    r.tick('AAPL', 101, T0 + 1 * S);
    r.clock.set(T0 + 2 * S);
    await r.engine.sweep(); // every AAPL tick to come is after a: it takes them at each sweep
    const b = await r.publish(['AAPL'], T0 + 3 * S); // after the newest tick: one by one until a sweep
    r.tick('AAPL', 106, T0 + 4 * S);
    r.tick('AAPL', 95, T0 + 5 * S);
    r.tick('AAPL', 99, T0 + 6 * S);
    r.tick('AAPL', 50, T0 + 4.5 * S); // late: older than the newest AAPL tick, counted for no story
    const expectA = { move: -1, maxUp: 6, maxDown: -5, last: 99, lastTime: T0 + 6 * S };
    const expectB = { move: -1.9802, maxUp: 4.9505, maxDown: -5.9406, last: 99 };
    // Read before the sweep (the API, a page loading): as if each tick had been applied.
    expect(live(r, a, 'AAPL').reaction).toMatchObject(expectA);
    expect(live(r, b, 'AAPL').reaction).toMatchObject(expectB);
    r.clock.set(T0 + 7 * S);
    await r.engine.sweep();
    expect(live(r, a, 'AAPL').reaction).toMatchObject(expectA);
    expect(live(r, b, 'AAPL').reaction).toMatchObject(expectB);
    // Both settled now: a dip and a spike between two sweeps still count for both.
    r.tick('AAPL', 90, T0 + 8 * S);
    r.tick('AAPL', 112, T0 + 9 * S);
    r.tick('AAPL', 100, T0 + 10 * S);
    await r.engine.stop();
    const stored = async (x: Article) => tickerOf((await r.store.getArticle(x.id)) as Article, 'AAPL');
    expect((await stored(a)).reaction).toMatchObject({ move: 0, maxUp: 12, maxDown: -10, last: 100 });
    expect((await stored(b)).reaction).toMatchObject({ move: -0.9901, maxUp: 10.8911, maxDown: -10.8911 });
  });

  it('freezes the move at each horizon from the trade at that time, and keeps it', async () => {
    r.tick('AAPL', 100, T0 - 5 * S);
    r.tick('SPY', 500, T0 - 3 * S);
    const a = await r.publish(['AAPL']);
    r.tick('AAPL', 110, T0 + 55 * S);
    r.tick('SPY', 510, T0 + 58 * S);
    r.tick('AAPL', 120, T0 + 61 * S); // after the 1 min mark: not its price
    r.clock.set(T0 + 62 * S);
    await r.engine.sweep();
    const h = live(r, a, 'AAPL').reaction.horizons;
    expect(h['1m']).toEqual({ move: 10, abnormal: 8 });
    expect(h['5m']).toBeUndefined();
    r.tick('AAPL', 90, T0 + 200 * S);
    r.clock.set(T0 + 302 * S);
    await r.engine.sweep();
    expect(live(r, a, 'AAPL').reaction.horizons).toEqual({
      '1m': { move: 10, abnormal: 8 },
      '5m': { move: -10, abnormal: -12 },
    });
    // frozen horizons are stored and pushed
    expect(tickerOf((await r.store.getArticle(a.id)) as Article, 'AAPL').reaction.horizons['5m']).toEqual({
      move: -10,
      abnormal: -12,
    });
    expect(r.pushed.at(-1)?.tickers[0]?.reaction.horizons['5m']).toEqual({ move: -10, abnormal: -12 });
  });

  it('uses the first trade after publication when none came before, and flags it', async () => {
    r.tick('SPY', 500, T0 - S);
    const a = await r.publish(['NEWCO']);
    expect(tickerOf(a, 'NEWCO').refPrice).toBeNull();
    r.tick('SPY', 502, T0 + 5 * S);
    r.tick('NEWCO', 50, T0 + 10 * S);
    r.tick('NEWCO', 55, T0 + 20 * S);
    r.clock.set(T0 + 21 * S);
    await r.engine.sweep();
    const t = live(r, a, 'NEWCO');
    expect(t.refPrice).toBe(50);
    expect(t.reaction).toMatchObject({ refAfter: true, refTime: T0 + 10 * S, benchmarkRef: 502 });
    r.tick('NEWCO', 60, T0 + 30 * S);
    expect(live(r, a, 'NEWCO').reaction.move).toBe(20);
  });

  it('measures against a per-symbol benchmark', async () => {
    r.tick('BABA', 160, T0 - S);
    r.tick('KWEB', 30, T0 - S);
    r.tick('SPY', 500, T0 - S);
    const a = await r.publish(['BABA']);
    r.tick('KWEB', 31.5, T0 + 5 * S); // +5%
    r.tick('SPY', 510, T0 + 5 * S); // ignored for BABA
    r.tick('BABA', 176, T0 + 6 * S); // +10%
    expect(live(r, a, 'BABA').reaction).toMatchObject({ benchmark: 'KWEB', move: 10, abnormal: 5 });
  });

  it('ends tracking a day after publication with final values', async () => {
    r.tick('AAPL', 100, T0 - S);
    r.tick('SPY', 500, T0 - S);
    const a = await r.publish(['AAPL']);
    r.clock.set(T0 + 24 * 3_600_000 + 5 * S);
    await r.engine.sweep();
    const stored = tickerOf((await r.store.getArticle(a.id)) as Article, 'AAPL');
    expect(stored.reaction.final).toBe(true);
    expect(Object.keys(stored.reaction.horizons)).toEqual(['1m', '5m', '15m', '1h']);
    expect(r.engine.size).toBe(0);
  });

  it('fills in after a restart what happened while it was down', async () => {
    r.tick('AAPL', 100, T0 - 5 * S);
    r.tick('SPY', 500, T0 - 3 * S);
    const a = await r.publish(['AAPL']);
    r.tick('AAPL', 101, T0 + 20 * S);
    r.clock.set(T0 + 21 * S);
    await r.engine.stop();
    // while "down": the bars for this time are stored (as a mock market fills its gap on restart)
    const gap = new MarketData(r.store, r.clock);
    gap.ingest({ s: 'AAPL', p: 115, t: T0 + 50 * S });
    gap.ingest({ s: 'SPY', p: 505, t: T0 + 55 * S });
    gap.ingest({ s: 'AAPL', p: 95, t: T0 + 200 * S });
    gap.ingest({ s: 'AAPL', p: 97, t: T0 + 320 * S });
    r.clock.set(T0 + 400 * S);
    await gap.flush(true);

    const again = rig(r.store, r.clock);
    again.tick('AAPL', 97, T0 + 320 * S);
    await again.engine.load();
    await again.engine.sweep();
    const t = live(again, a, 'AAPL');
    expect(t.refPrice).toBe(100);
    expect(t.reaction.horizons['1m']).toEqual({ move: 15, abnormal: 14 });
    expect(t.reaction.horizons['5m']).toEqual({ move: -5, abnormal: -6 });
    expect(t.reaction).toMatchObject({ maxUp: 15, maxDown: -5, move: -3 });
  });

  it('ranks recent stories by the size of their abnormal move', async () => {
    for (const [s, p] of [
      ['AAPL', 100],
      ['MSFT', 100],
      ['NVDA', 100],
      ['SPY', 500],
    ] as const)
      r.tick(s, p, T0 - S);
    const small = await r.publish(['AAPL']);
    const big = await r.publish(['MSFT']);
    const down = await r.publish(['NVDA']);
    r.tick('AAPL', 101, T0 + S);
    r.tick('MSFT', 106, T0 + S);
    r.tick('NVDA', 96, T0 + S);
    const ranked = r.engine.movers(3_600_000, 10);
    expect(ranked.map((m) => [m.seq, m.symbol, m.abnormal])).toEqual([
      [big.seq, 'MSFT', 6],
      [down.seq, 'NVDA', -4],
      [small.seq, 'AAPL', 1],
    ]);
  });

  it('pushes a live story only when a shown value moves by 0.01 or a value freezes', async () => {
    r.tick('AAPL', 100, T0 - 5 * S);
    r.tick('SPY', 500, T0 - 3 * S);
    const a = await r.publish(['AAPL']);
    const pushesOf = () =>
      r.pushed.filter((u) => u.id === a.id).length + r.lives.filter((u) => u.id === a.id).length;
    r.tick('AAPL', 101, T0 + 10 * S); // +1%: shown
    r.clock.set(T0 + 11 * S);
    await r.engine.sweep();
    expect(pushesOf()).toBe(1);
    r.tick('AAPL', 101.004, T0 + 12 * S); // +1.004%: the screen still shows +1.00%
    r.tick('SPY', 500.001, T0 + 12 * S);
    r.clock.set(T0 + 13 * S);
    await r.engine.sweep();
    expect(pushesOf()).toBe(1);
    r.tick('AAPL', 101.02, T0 + 14 * S); // +1.02%: shown
    r.clock.set(T0 + 15 * S);
    await r.engine.sweep();
    expect(pushesOf()).toBe(2);
    // A live change goes compact: the live numbers only, moves to 2 decimals.
    expect(r.lives.at(-1)).toEqual({
      id: a.id,
      seq: a.seq,
      t: [['AAPL', 1.02, 1.02, 1.02, 0, 101.02, T0 + 14 * S]],
    });
    // No price change at all, but the 1 min horizon freezes: pushed in full.
    r.clock.set(T0 + 62 * S);
    await r.engine.sweep();
    expect(pushesOf()).toBe(3);
    expect(r.lives.filter((u) => u.id === a.id)).toHaveLength(2);
    expect(r.pushed.at(-1)?.tickers[0]?.reaction.horizons['1m']).toBeDefined();
    await r.engine.sweep();
    expect(pushesOf()).toBe(3);
  });

  it('gives every visibly changed story its live values once per 10 sweeps, a tenth of them at each', async () => {
    r.tick('AAPL', 100, T0 - 5 * S);
    r.tick('MSFT', 200, T0 - 5 * S);
    r.tick('SPY', 500, T0 - 3 * S);
    const a = await r.publish(['AAPL']);
    const b = await r.publish(['MSFT']);
    const slots = LIVE_SLOW_MS / S;
    /** The ids due (slow) at each of `n` sweeps, and the first move of each update due. */
    const sweepsOf = async (first: number, n: number, move: (i: number) => void) => {
      const due: { ids: string[]; moves: Map<string, number | null> }[] = [];
      for (let i = first; i < first + n; i++) {
        move(i);
        r.clock.set(T0 + i * S + 500);
        const before = r.sweeps.length;
        await r.engine.sweep();
        const slow = r.sweeps.length > before ? (r.sweeps.at(-1)?.slow ?? []) : [];
        due.push({
          ids: slow.map((u) => u.id),
          moves: new Map(slow.map((u) => [u.id, u.t[0]?.[1] ?? null])),
        });
      }
      return due;
    };
    // AAPL moves in the first sweep only, MSFT in every one.
    const first = await sweepsOf(1, slots, (i) => {
      if (i === 1) r.tick('AAPL', 101, T0 + i * S);
      r.tick('MSFT', 200 + i, T0 + i * S);
    });
    // Each story once in the 10 sweeps, at different sweeps (a tenth of the stories at each).
    const at = (due: typeof first, id: string) => due.flatMap((d, k) => (d.ids.includes(id) ? [k] : []));
    expect(at(first, a.id)).toHaveLength(1);
    expect(at(first, b.id)).toHaveLength(1);
    expect(at(first, a.id)[0]).not.toBe(at(first, b.id)[0]);
    // With its values as they were then.
    expect(first[at(first, a.id)[0] as number]?.moves.get(a.id)).toBe(1);
    const bAt = at(first, b.id)[0] as number;
    expect(first[bAt]?.moves.get(b.id)).toBe((bAt + 1) / 2);
    // The stories come newest first, with their tags.
    expect(r.sweeps.at(-1)?.stories.map((st) => st.seq)).toEqual([b.seq, a.seq]);
    // No more ticks: MSFT moved after its story was due, so it comes once more, with its last values;
    // AAPL did not move since, so it does not.
    const second = await sweepsOf(1 + slots, slots, () => {});
    expect(at(second, a.id)).toEqual([]);
    const bAgain = at(second, b.id);
    if (bAt === slots - 1) expect(bAgain).toEqual([]);
    else {
      expect(bAgain).toHaveLength(1);
      expect(second[bAgain[0] as number]?.moves.get(b.id)).toBe(slots / 2);
    }
    // Then nothing at all.
    const third = await sweepsOf(1 + 2 * slots, slots, () => {});
    expect(third.flatMap((d) => d.ids)).toEqual([]);
  });

  it("writes a story's live values at one sweep in 60, milestones at once, everything at stop", async () => {
    r.tick('AAPL', 100, T0 - 5 * S);
    r.tick('SPY', 500, T0 - 3 * S);
    const a = await r.publish(['AAPL']);
    const b = await r.publish(['AAPL']);
    expect([a.seq % 60, b.seq % 60]).toEqual([1, 2]);
    const stored = async (id: string) => (await r.store.getArticle(id))?.tickers[0]?.reaction;
    let sweep = 0;
    const writes = new Map<number, number[]>([
      [a.seq, []],
      [b.seq, []],
    ]);
    const update = r.store.updateArticleTickers.bind(r.store);
    r.store.updateArticleTickers = async (seq, tickers) => {
      writes.get(seq)?.push(sweep);
      return update(seq, tickers);
    };
    // Both move every second for 2 minutes: each is written at the sweeps of its slot (seq mod 60),
    // and both when the 1 min horizon freezes (the sweep at 61.5 s), whatever their slot.
    for (sweep = 1; sweep <= 120; sweep++) {
      r.tick('AAPL', 100 + sweep / 100, T0 + sweep * S);
      r.clock.set(T0 + sweep * S + 500);
      await r.engine.sweep();
      if (sweep === 62) expect((await stored(b.id))?.last).toBe(100.62);
    }
    expect(writes.get(a.seq)).toEqual([1, 61]);
    expect(writes.get(b.seq)).toEqual([2, 61, 62]);
    expect((await stored(a.id))?.last).toBe(100.61);
    expect((await stored(a.id))?.horizons['1m']).toBeDefined();
    // Stopping writes what changed since.
    r.tick('AAPL', 102, T0 + 121 * S);
    await r.engine.stop();
    expect((await stored(a.id))?.last).toBe(102);
    expect((await stored(b.id))?.last).toBe(102);
  });

  it('applies a benchmark tick to the abnormal moves at the next sweep, and shows it at once when read', async () => {
    r.tick('AAPL', 100, T0 - 5 * S);
    r.tick('MSFT', 200, T0 - 5 * S);
    r.tick('SPY', 500, T0 - 3 * S);
    const a = await r.publish(['AAPL']);
    const b = await r.publish(['MSFT']);
    r.tick('AAPL', 102, T0 + 10 * S);
    r.tick('MSFT', 204, T0 + 10 * S);
    r.clock.set(T0 + 11 * S);
    await r.engine.sweep();
    const before = r.sweeps.length;
    // Only the benchmark moves (+1%): both abnormal moves drop by a point.
    r.tick('SPY', 505, T0 + 20 * S);
    expect(live(r, a, 'AAPL').reaction).toMatchObject({ move: 2, abnormal: 1 });
    expect(live(r, b, 'MSFT').reaction).toMatchObject({ move: 2, abnormal: 1 });
    r.clock.set(T0 + 21 * S);
    await r.engine.sweep();
    // The sweep's frame carries them (the compact values: [symbol, move, abnormal, ...]).
    const lives = r.sweeps.slice(before).flatMap((sw) => sw.live);
    expect(lives.find((u) => u.id === a.id)?.t[0]?.slice(0, 3)).toEqual(['AAPL', 2, 1]);
    expect(lives.find((u) => u.id === b.id)?.t[0]?.slice(0, 3)).toEqual(['MSFT', 2, 1]);
    // And the store, once written (stop writes everything).
    await r.engine.stop();
    expect((await r.store.getArticle(a.id))?.tickers[0]?.reaction.abnormal).toBe(1);
    // A benchmark tick from before a story's publication does not touch it.
    r.clock.set(T0 + 30 * S);
    const c = await r.publish(['AAPL'], T0 + 30 * S);
    r.tick('AAPL', 103.02, T0 + 31 * S);
    expect(live(r, c, 'AAPL').reaction).toMatchObject({ move: 1, abnormal: 1 });
    r.tick('SPY', 400, T0 + 25 * S);
    expect(live(r, c, 'AAPL').reaction).toMatchObject({ move: 1, abnormal: 1 });
    await r.engine.sweep();
    expect(live(r, c, 'AAPL').reaction).toMatchObject({ move: 1, abnormal: 1 });
  });
});
