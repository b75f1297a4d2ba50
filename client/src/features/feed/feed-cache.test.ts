import { describe, expect, it } from 'vitest';
import { type Article, type ArticlePage, newReaction } from '../../../../shared/index.js';
import {
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
