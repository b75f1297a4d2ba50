import { describe, expect, it } from 'vitest';
import { type Article, type ArticleTicker, newReaction, type Reaction } from '../../../shared/index.js';
import {
  applyReactionUpdate,
  isAtLeastAsNew,
  isFinal,
  latestUpdates,
  liveReaction,
  mergeTickers,
  primaryTicker,
} from './reaction.js';

function ticker(symbol: string, over: Partial<Reaction> = {}, primary = true): ArticleTicker {
  return {
    symbol,
    name: null,
    evidence: 'cashtag',
    primary,
    refPrice: 100,
    reaction: { ...newReaction('SPY'), refTime: 1_000, benchmarkRef: 500, ...over },
  };
}

function article(tickers: ArticleTicker[]): Article {
  return {
    id: 'a1',
    seq: 1,
    headline: 'h',
    summary: null,
    body: null,
    source: 'Test',
    url: null,
    externalId: null,
    publishedAt: 1_000,
    receivedAt: 1_000,
    tickers,
    tone: 0,
  };
}

describe('primaryTicker', () => {
  it('takes the first primary ticker, else the first one', () => {
    expect(primaryTicker(article([ticker('AMD', {}, false), ticker('NVDA')]))?.symbol).toBe('NVDA');
    expect(primaryTicker(article([ticker('AMD', {}, false), ticker('TSM', {}, false)]))?.symbol).toBe('AMD');
    expect(primaryTicker(article([]))).toBeUndefined();
  });
});

describe('isAtLeastAsNew / mergeTickers', () => {
  it('orders copies by final, frozen horizons, reference, then last price time', () => {
    const live = ticker('NVDA', { lastTime: 9_000 });
    const frozen = ticker('NVDA', { lastTime: 5_000, horizons: { '1m': { move: 1, abnormal: 1 } } });
    expect(isAtLeastAsNew(frozen, live)).toBe(true);
    expect(isAtLeastAsNew(live, frozen)).toBe(false);
    expect(isAtLeastAsNew(ticker('NVDA', { lastTime: 2 }), ticker('NVDA', { lastTime: 1 }))).toBe(true);
    expect(isAtLeastAsNew(ticker('NVDA', { final: true }), frozen)).toBe(true);
    expect(isAtLeastAsNew(live, live)).toBe(true);
  });

  it('takes each newer ticker and keeps the held one when the incoming copy is older', () => {
    const heldNvda = ticker('NVDA', { lastTime: 5_000 });
    const heldAmd = ticker('AMD', { lastTime: 5_000 });
    const next = mergeTickers(
      [heldNvda, heldAmd],
      [ticker('NVDA', { lastTime: 6_000, move: 2 }), ticker('AMD', { lastTime: 4_000, move: 9 })],
    );
    expect(next[0]?.reaction.move).toBe(2);
    expect(next[1]).toBe(heldAmd);
  });

  it('returns the held array when nothing is newer', () => {
    const held = [ticker('NVDA', { lastTime: 5_000 })];
    expect(mergeTickers(held, [ticker('NVDA', { lastTime: 4_000 })])).toBe(held);
    expect(mergeTickers(held, [ticker('OTHER', { lastTime: 9_000 })])).toBe(held);
  });
});

describe('applyReactionUpdate', () => {
  it('writes the new reaction into a copy of the story', () => {
    const a = article([ticker('NVDA', { lastTime: 1_000 })]);
    const next = applyReactionUpdate(a, {
      id: 'a1',
      seq: 1,
      tickers: [ticker('NVDA', { lastTime: 2_000, horizons: { '1m': { move: 0.42, abnormal: 0.4 } } })],
    });
    expect(next).not.toBe(a);
    expect(next.tickers[0]?.reaction.horizons['1m']?.move).toBe(0.42);
    expect(a.tickers[0]?.reaction.horizons['1m']).toBeUndefined();
  });

  it('leaves another story, or an older update, alone', () => {
    const a = article([ticker('NVDA', { lastTime: 5_000 })]);
    expect(
      applyReactionUpdate(a, { id: 'other', seq: 2, tickers: [ticker('NVDA', { lastTime: 9_000 })] }),
    ).toBe(a);
    expect(applyReactionUpdate(a, { id: 'a1', seq: 1, tickers: [ticker('NVDA', { lastTime: 1 })] })).toBe(a);
  });
});

describe('latestUpdates', () => {
  it('keeps the last update of each story', () => {
    const u = latestUpdates([
      { id: 'a', seq: 1, tickers: [] },
      { id: 'b', seq: 2, tickers: [] },
      { id: 'a', seq: 1, tickers: [ticker('X')] },
    ]);
    expect([...u.keys()]).toEqual(['a', 'b']);
    const a = u.get('a');
    expect(a && 'tickers' in a ? a.tickers : null).toHaveLength(1);
  });

  it('merges a later live change into an earlier full update, keeping what froze', () => {
    const frozen = ticker('X', { lastTime: 2_000, move: 1, horizons: { '1m': { move: 1, abnormal: 0.5 } } });
    const u = latestUpdates([
      { id: 'a', seq: 1, tickers: [frozen] },
      { id: 'a', seq: 1, t: [['X', 1.5, 1.2, 1.5, 0, 101.5, 3_000]] },
    ]);
    const a = u.get('a');
    const r = a && 'tickers' in a ? a.tickers[0]?.reaction : undefined;
    expect(r?.horizons['1m']).toEqual({ move: 1, abnormal: 0.5 });
    expect(r?.move).toBe(1.5);
    expect(r?.lastTime).toBe(3_000);
    // A later full update wins over a live change.
    const v = latestUpdates([
      { id: 'a', seq: 1, t: [['X', 1.5, 1.2, 1.5, 0, 101.5, 3_000]] },
      { id: 'a', seq: 1, tickers: [frozen] },
    ]);
    expect(v.get('a')).toEqual({ id: 'a', seq: 1, tickers: [frozen] });
  });
});

describe('applyReactionUpdate with live values', () => {
  it('merges the live numbers into the held reaction, keeping the rest', () => {
    const a = article([
      ticker('NVDA', { lastTime: 1_000, move: 0.1, horizons: { '1m': { move: 0.2, abnormal: 0.1 } } }),
      ticker('AMD', { lastTime: 1_000, move: 0.3 }, false),
    ]);
    const next = applyReactionUpdate(a, {
      id: 'a1',
      seq: 1,
      t: [['NVDA', 1.23, 0.9, 1.5, -0.2, 101.23, 2_000]],
    });
    expect(next).not.toBe(a);
    expect(next.tickers[0]?.reaction).toMatchObject({
      move: 1.23,
      abnormal: 0.9,
      maxUp: 1.5,
      maxDown: -0.2,
      last: 101.23,
      lastTime: 2_000,
      horizons: { '1m': { move: 0.2, abnormal: 0.1 } },
    });
    expect(next.tickers[1]).toBe(a.tickers[1]);
  });

  it('leaves a story alone when the live values are older, the same, or for another story', () => {
    const a = article([
      ticker('NVDA', { lastTime: 5_000, move: 1, abnormal: 1, maxUp: 1, maxDown: 0, last: 101 }),
    ]);
    expect(applyReactionUpdate(a, { id: 'a1', seq: 1, t: [['NVDA', 2, 2, 2, 0, 102, 4_000]] })).toBe(a);
    expect(applyReactionUpdate(a, { id: 'a1', seq: 1, t: [['NVDA', 1, 1, 1, 0, 101, 5_000]] })).toBe(a);
    expect(applyReactionUpdate(a, { id: 'b', seq: 2, t: [['NVDA', 2, 2, 2, 0, 102, 9_000]] })).toBe(a);
    expect(applyReactionUpdate(a, { id: 'a1', seq: 1, t: [['AMD', 2, 2, 2, 0, 102, 9_000]] })).toBe(a);
    // A frozen (final) reaction takes no live values.
    const f = article([ticker('NVDA', { lastTime: 5_000, final: true })]);
    expect(applyReactionUpdate(f, { id: 'a1', seq: 1, t: [['NVDA', 2, 2, 2, 0, 102, 9_000]] })).toBe(f);
  });
});

describe('liveReaction', () => {
  const t = ticker('NVDA', { last: 101, lastTime: 5_000, move: 1, abnormal: 0.5 });

  it('computes the move and the abnormal move from ticks newer than the reaction', () => {
    const r = liveReaction(t, { p: 103, t: 6_000 }, { p: 505, t: 6_000 });
    expect(r.last).toBe(103);
    expect(r.move).toBeCloseTo(3);
    expect(r.abnormal).toBeCloseTo(2); // 3 % minus the benchmark's 1 %
  });

  it('uses the reaction when it is newer than the last tick, or when no tick is known', () => {
    expect(liveReaction(t, { p: 150, t: 4_000 }, { p: 500, t: 4_000 })).toEqual({
      last: 101,
      move: 1,
      abnormal: 0.5,
    });
    expect(liveReaction(t, undefined, undefined).move).toBe(1);
  });

  it("falls back to the reaction's abnormal move while the benchmark price is unknown", () => {
    const r = liveReaction(t, { p: 102, t: 6_000 }, undefined);
    expect(r.move).toBeCloseTo(2);
    expect(r.abnormal).toBe(0.5);
  });

  it('knows no move without a reference price', () => {
    const none = { ...t, refPrice: null, reaction: newReaction('SPY') };
    expect(liveReaction(none, { p: 102, t: 6_000 }, { p: 500, t: 6_000 })).toEqual({
      last: 102,
      move: null,
      abnormal: null,
    });
  });
});

describe('isFinal', () => {
  it('is true once every ticker is final', () => {
    expect(isFinal(article([ticker('A', { final: true }), ticker('B', { final: true })]))).toBe(true);
    expect(isFinal(article([ticker('A', { final: true }), ticker('B')]))).toBe(false);
  });
});
