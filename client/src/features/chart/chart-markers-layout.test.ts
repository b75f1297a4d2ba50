import { describe, expect, it } from 'vitest';
import { type Article, newReaction } from '../../../../shared/index.js';
import { placeMarkers, relatedStories, spreadLabels } from './chart-markers-layout.js';

function story(id: string, publishedAt: number, tags: [string, boolean][]): Article {
  return {
    id,
    seq: publishedAt,
    headline: `story ${id}`,
    summary: null,
    body: null,
    source: 'Test',
    url: null,
    externalId: null,
    publishedAt,
    receivedAt: publishedAt,
    tickers: tags.map(([symbol, primary]) => ({
      symbol,
      name: null,
      evidence: 'cashtag',
      primary,
      refPrice: 10,
      reaction: newReaction('SPY'),
    })),
    tone: 0,
  };
}

describe('relatedStories', () => {
  const selected = story('sel', 500, [
    ['NVDA', true],
    ['TSM', false],
  ]);

  it("keeps other stories tagged with the selected story's primary tickers, once, oldest first", () => {
    const feed = [story('b', 300, [['NVDA', false]]), story('sel', 500, [['NVDA', true]])];
    const fetched = [story('a', 100, [['NVDA', true]]), story('b', 300, [['NVDA', false]])];
    const only = [story('c', 200, [['TSM', true]])];
    const got = relatedStories(selected, feed, fetched, only);
    expect(got.map((r) => [r.article.id, r.about])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('falls back to the first ticker when the story has no primary one', () => {
    const mention = story('m', 500, [['AMD', false]]);
    expect(relatedStories(mention, [story('x', 1, [['AMD', true]])]).map((r) => r.article.id)).toEqual(['x']);
  });
});

describe('placeMarkers', () => {
  const opts = { from: 1_000, to: 2_000, left: 10, width: 500, minGapPx: 10, lanes: 3 };
  const at = (t: number) => ({ t });

  it('maps time to x inside the plot and drops what lies outside the window', () => {
    const placed = placeMarkers([at(1_500), at(999), at(1_000), at(2_001), at(2_000)], (m) => m.t, opts);
    expect(placed.map((p) => [p.item.t, p.x, p.lane])).toEqual([
      [1_000, 10, 0],
      [1_500, 260, 0],
      [2_000, 510, 0],
    ]);
  });

  it('stacks markers that would overlap, and reuses the lowest free lane', () => {
    // 1 ms = 0.5 px: 1_000, 1_010 and 1_012 are 5 and 1 px apart; 1_100 is clear again.
    const placed = placeMarkers([at(1_000), at(1_010), at(1_012), at(1_100)], (m) => m.t, opts);
    expect(placed.map((p) => p.lane)).toEqual([0, 1, 2, 0]);
  });

  it('puts a marker on the least crowded lane when all are taken', () => {
    const placed = placeMarkers([at(1_000), at(1_001), at(1_002), at(1_003)], (m) => m.t, {
      ...opts,
      lanes: 2,
    });
    expect(placed.map((p) => p.lane)).toEqual([0, 1, 0, 1]);
  });

  it('places nothing without a plot', () => {
    expect(placeMarkers([at(1_500)], (m) => m.t, { ...opts, width: 0 })).toEqual([]);
  });
});

describe('spreadLabels', () => {
  it('leaves labels that do not collide where they are', () => {
    expect(spreadLabels([10, 50, 90], 20, 0, 100)).toEqual([10, 50, 90]);
  });

  it('pushes colliding labels apart and keeps the order given', () => {
    expect(spreadLabels([50, 40, 45], 20, 0, 200)).toEqual([80, 40, 60]);
  });

  it('keeps labels inside the plot, shifting them up from the bottom', () => {
    expect(spreadLabels([95, 98], 20, 0, 100)).toEqual([80, 100]);
    expect(spreadLabels([-30], 20, 5, 100)).toEqual([5]);
  });
});
