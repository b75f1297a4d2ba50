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
    expect(u.get('a')?.tickers).toHaveLength(1);
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
