import { describe, expect, it } from 'vitest';
import {
  type Article,
  type ArticlePage,
  type ArticleTicker,
  newReaction,
  type Reaction,
  type ReactionUpdate,
} from '../../../../shared/index.js';
import {
  applyArticleUpdate,
  applyReactionUpdates,
  capFeed,
  type FeedData,
  filterOfKey,
  flattenFeed,
  hasArticle,
  insertArticle,
  matchesFilter,
} from './feed-cache.js';
import { feedKeys } from './feed-queries.js';

function article(seq: number, symbols: string[] = ['NVDA']): Article {
  return {
    id: `id-${seq}`,
    seq,
    headline: `story ${seq}`,
    summary: null,
    body: null,
    source: 'Test',
    url: null,
    externalId: null,
    publishedAt: seq * 1_000,
    receivedAt: seq * 1_000,
    tickers: symbols.map((symbol) => ({
      symbol,
      name: null,
      evidence: 'cashtag',
      primary: true,
      refPrice: 10,
      reaction: newReaction('SPY'),
    })),
    tone: 0,
  };
}

function feed(...pages: { seqs: number[]; next: number | null }[]): FeedData {
  const ps: ArticlePage[] = pages.map((p) => ({
    articles: p.seqs.map((s) => article(s)),
    nextBeforeSeq: p.next,
    latestSeq: Math.max(0, ...pages.flatMap((x) => x.seqs)),
  }));
  return { pages: ps, pageParams: ps.map(() => undefined) };
}

const seqs = (d: FeedData) => flattenFeed(d).map((a) => a.seq);

describe('insertArticle', () => {
  it('prepends a newer story and moves latestSeq', () => {
    const next = insertArticle(feed({ seqs: [5, 4], next: null }), article(6));
    expect(seqs(next)).toEqual([6, 5, 4]);
    expect(next.pages[0]?.latestSeq).toBe(6);
  });

  it('keeps newest first when stories arrive out of order', () => {
    const next = insertArticle(feed({ seqs: [9, 5], next: null }), article(7));
    expect(seqs(next)).toEqual([9, 7, 5]);
  });

  it('never duplicates a story already held (replay after reconnect)', () => {
    const data = feed({ seqs: [6, 5], next: 5 }, { seqs: [4, 3], next: null });
    const next = insertArticle(data, article(4));
    expect(seqs(next)).toEqual([6, 5, 4, 3]);
  });

  it('returns the same object when the exact story is already there', () => {
    const data = feed({ seqs: [2], next: null });
    const held = data.pages[0]?.articles[0];
    expect(held && insertArticle(data, held)).toBe(data);
  });

  it('leaves a story older than the loaded window to "Load older"', () => {
    const data = feed({ seqs: [9, 8], next: 8 });
    expect(insertArticle(data, article(3))).toBe(data);
  });
});

describe('matchesFilter / filterOfKey / hasArticle', () => {
  it('matches any of the filter tickers, or everything when empty', () => {
    expect(matchesFilter(article(1, ['NVDA', 'AMD']), ['AMD'])).toBe(true);
    expect(matchesFilter(article(1, ['NVDA']), ['BABA'])).toBe(false);
    expect(matchesFilter(article(1, []), [])).toBe(true);
    const mention = article(2, ['NVDA']);
    const tag = mention.tickers[0];
    if (tag) tag.primary = false;
    expect(matchesFilter(mention, ['NVDA'])).toBe(true);
    expect(matchesFilter(mention, ['NVDA'], true)).toBe(false);
    expect(matchesFilter(article(3, ['NVDA']), ['NVDA'], true)).toBe(true);
  });

  it('reads the filter back from a feed key', () => {
    expect(filterOfKey(feedKeys.list(['NVDA', 'BABA']))).toEqual({
      tickers: ['BABA', 'NVDA'],
      primaryOnly: false,
    });
    expect(filterOfKey(feedKeys.list(['NVDA'], true))).toEqual({ tickers: ['NVDA'], primaryOnly: true });
    expect(filterOfKey(feedKeys.list([], true))).toEqual({ tickers: [], primaryOnly: false });
    expect(filterOfKey(feedKeys.list([]))).toEqual({ tickers: [], primaryOnly: false });
    expect(filterOfKey(['chart', 'history'])).toBeNull();
  });

  it('finds a story in any page', () => {
    const data = feed({ seqs: [6], next: 6 }, { seqs: [2], next: null });
    expect(hasArticle(data, 'id-2')).toBe(true);
    expect(hasArticle(data, 'id-3')).toBe(false);
  });
});

function withReaction(a: Article, over: Partial<Reaction>): ArticleTicker[] {
  return a.tickers.map((t) => ({ ...t, reaction: { ...t.reaction, ...over } }));
}

function update(a: Article, over: Partial<Reaction>): ReactionUpdate {
  return { id: a.id, seq: a.seq, tickers: withReaction(a, over) };
}

describe('applyReactionUpdates', () => {
  const data = feed({ seqs: [6, 5], next: 5 }, { seqs: [4, 3], next: null });
  const at = (d: FeedData, seq: number) => flattenFeed(d).find((a) => a.seq === seq);

  it('writes each update into its story, wherever the page', () => {
    const s5 = at(data, 5) as Article;
    const s3 = at(data, 3) as Article;
    const next = applyReactionUpdates(
      data,
      new Map([
        [
          s5.id,
          update(s5, { lastTime: 9_000, move: 1.5, horizons: { '1m': { move: 0.42, abnormal: 0.4 } } }),
        ],
        [s3.id, update(s3, { lastTime: 9_000, abnormal: -2 })],
      ]),
    );
    expect(at(next, 5)?.tickers[0]?.reaction.horizons['1m']?.move).toBe(0.42);
    expect(at(next, 3)?.tickers[0]?.reaction.abnormal).toBe(-2);
    expect(seqs(next)).toEqual([6, 5, 4, 3]);
  });

  it('keeps untouched pages and stories as they were (no re-render for them)', () => {
    const s3 = at(data, 3) as Article;
    const next = applyReactionUpdates(data, new Map([[s3.id, update(s3, { lastTime: 9_000 })]]));
    expect(next.pages[0]).toBe(data.pages[0]);
    expect(next.pages[1]).not.toBe(data.pages[1]);
    expect(at(next, 4)).toBe(at(data, 4));
  });

  it('returns the same object for unknown stories or updates older than what is held', () => {
    const s6 = at(data, 6) as Article;
    const fresh = applyReactionUpdates(data, new Map([[s6.id, update(s6, { lastTime: 9_000 })]]));
    const stale = update(s6, { lastTime: 8_000, move: 99 });
    expect(applyReactionUpdates(fresh, new Map([[s6.id, stale]]))).toBe(fresh);
    expect(applyReactionUpdates(data, new Map([['nope', { ...stale, id: 'nope' }]]))).toBe(data);
    expect(applyReactionUpdates(data, new Map())).toBe(data);
  });
});

describe('insertArticle and reactions', () => {
  it('keeps the newer reaction when a replayed copy of a held story arrives', () => {
    const held = article(5);
    const newer = { ...held, tickers: withReaction(held, { lastTime: 9_000, move: 3 }) };
    const data = insertArticle(feed({ seqs: [6], next: null }), newer);
    const replay = { ...held, tickers: withReaction(held, { lastTime: 1_000, move: 0 }) };
    expect(insertArticle(data, replay)).toBe(data);
    const later = { ...held, tickers: withReaction(held, { lastTime: 10_000, move: 4 }) };
    expect(flattenFeed(insertArticle(data, later))[1]?.tickers[0]?.reaction.move).toBe(4);
  });
});

describe('capFeed', () => {
  it('keeps the newest stories and points "Load older" at the rest', () => {
    const data = feed({ seqs: [9, 8, 7], next: 7 }, { seqs: [6, 5, 4], next: null });
    const capped = capFeed(data, 4);
    expect(seqs(capped)).toEqual([9, 8, 7, 6]);
    expect(capped.pages).toHaveLength(2);
    expect(capped.pages[1]?.nextBeforeSeq).toBe(6);
    expect(capped.pageParams).toHaveLength(2);
  });

  it('trims a single page that grew from live stories', () => {
    const data = feed({ seqs: [5, 4, 3, 2, 1], next: null });
    const capped = capFeed(data, 2);
    expect(seqs(capped)).toEqual([5, 4]);
    expect(capped.pages[0]?.nextBeforeSeq).toBe(4);
  });

  it('returns the same object under the limit', () => {
    const data = feed({ seqs: [2, 1], next: null });
    expect(capFeed(data, 2)).toBe(data);
  });
});

describe('applyArticleUpdate', () => {
  const later = { source: 'Wire B', url: null, externalId: 'b-1', publishedAt: 4_500, receivedAt: 4_600 };

  it('gives the held story its other sources, and changes nothing else', () => {
    const data = feed({ seqs: [5, 4], next: null });
    const next = applyArticleUpdate(data, { id: 'id-4', seq: 4, alsoFrom: [later] });
    expect(flattenFeed(next).find((a) => a.seq === 4)?.alsoFrom).toEqual([later]);
    expect(next.pages[0]?.articles[0]).toBe(data.pages[0]?.articles[0]);
  });

  it('returns the same data for a story not held, or an older update', () => {
    const data = feed({ seqs: [5, 4], next: null });
    expect(applyArticleUpdate(data, { id: 'id-9', seq: 9, alsoFrom: [later] })).toBe(data);
    const once = applyArticleUpdate(data, { id: 'id-4', seq: 4, alsoFrom: [later] });
    expect(applyArticleUpdate(once, { id: 'id-4', seq: 4, alsoFrom: [] })).toBe(once);
  });
});
