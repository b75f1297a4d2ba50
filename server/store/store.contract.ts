import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArticleTicker, newReaction } from '../../shared/index.js';
import type { ArticleDraft, Store } from './types.js';

/** A tag; a symbol written "NVDA~" is only mentioned (not primary). */
const tag = (symbol: string): ArticleTicker => ({
  symbol: symbol.replace(/~$/, ''),
  name: null,
  evidence: 'provider',
  primary: !symbol.endsWith('~'),
  refPrice: 100,
  reaction: newReaction('SPY'),
});

export function draft(n: number, symbols: string[], extra: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    dedupeKey: `test:${n}`,
    headline: `Story ${n}`,
    summary: null,
    body: null,
    source: 'test',
    url: null,
    externalId: String(n),
    publishedAt: 1_700_000_000_000 + n * 1000,
    receivedAt: 1_700_000_000_000 + n * 1000,
    tickers: symbols.map(tag),
    tone: 0,
    ...extra,
  };
}

/** The behaviour every Store must have; run against each implementation. */
export function storeContract(name: string, open: () => Promise<Store> | Store): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('assigns a dense increasing seq starting at 1', async () => {
      const seqs: number[] = [];
      for (let i = 1; i <= 5; i++) seqs.push((await store.insertArticle(draft(i, ['AAPL']))).article.seq);
      expect(seqs).toEqual([1, 2, 3, 4, 5]);
      expect(await store.latestSeq()).toBe(5);
    });

    it('returns the stored story for a known dedupe key and does not store a copy', async () => {
      const first = await store.insertArticle(draft(1, ['AAPL']));
      const again = await store.insertArticle(draft(1, ['AAPL'], { headline: 'changed' }));
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.article).toEqual(first.article);
      expect(await store.latestSeq()).toBe(1);
      const next = await store.insertArticle(draft(2, ['AAPL']));
      expect(next.article.seq).toBe(2);
    });

    it('reads a story back by id with every field intact', async () => {
      const { article } = await store.insertArticle(
        draft(1, ['BRK.B', 'AAPL'], { summary: 'sum', body: 'b', url: 'https://x.test/a', tone: 0.5 }),
      );
      expect(await store.getArticle(article.id)).toEqual(article);
      expect(article.tickers.map((t) => t.symbol)).toEqual(['BRK.B', 'AAPL']);
      expect(await store.getArticle('nope')).toBeNull();
    });

    it('lists newest first, filters by ticker and pages with beforeSeq', async () => {
      await store.insertArticle(draft(1, ['AAPL']));
      await store.insertArticle(draft(2, ['BABA', 'NVDA']));
      await store.insertArticle(draft(3, ['NVDA']));
      await store.insertArticle(draft(4, ['MSFT']));
      const all = await store.listArticles({ limit: 10 });
      expect(all.map((a) => a.seq)).toEqual([4, 3, 2, 1]);
      const nvda = await store.listArticles({ tickers: ['NVDA', 'BABA'], limit: 10 });
      expect(nvda.map((a) => a.seq)).toEqual([3, 2]);
      const page = await store.listArticles({ limit: 2, beforeSeq: 4 });
      expect(page.map((a) => a.seq)).toEqual([3, 2]);
      expect(await store.listArticles({ tickers: ['TSLA'], limit: 10 })).toEqual([]);
    });

    it('returns what came after a seq, oldest first, filtered and bounded', async () => {
      for (let i = 1; i <= 6; i++) await store.insertArticle(draft(i, [i % 2 ? 'AAPL' : 'MSFT']));
      expect((await store.articlesAfter(2, undefined, 10)).map((a) => a.seq)).toEqual([3, 4, 5, 6]);
      expect((await store.articlesAfter(2, ['AAPL'], 10)).map((a) => a.seq)).toEqual([3, 5]);
      expect((await store.articlesAfter(0, undefined, 2)).map((a) => a.seq)).toEqual([1, 2]);
      expect(await store.articlesAfter(6, undefined, 10)).toEqual([]);
    });

    it('filters to stories about a ticker (primary) when asked, in lists and after a seq', async () => {
      await store.insertArticle(draft(1, ['NVDA', 'AMD~']));
      await store.insertArticle(draft(2, ['AMD', 'NVDA~']));
      await store.insertArticle(draft(3, ['TSM', 'NVDA~', 'AMD~']));
      await store.insertArticle(draft(4, ['AMD']));
      const seqsOf = (list: { seq: number }[]) => list.map((a) => a.seq);
      expect(seqsOf(await store.listArticles({ tickers: ['NVDA'], limit: 10 }))).toEqual([3, 2, 1]);
      expect(seqsOf(await store.listArticles({ tickers: ['NVDA'], limit: 10, primaryOnly: true }))).toEqual([
        1,
      ]);
      expect(
        seqsOf(await store.listArticles({ tickers: ['NVDA', 'AMD'], limit: 10, primaryOnly: true })),
      ).toEqual([4, 2, 1]);
      expect(
        seqsOf(await store.listArticles({ tickers: ['AMD'], limit: 1, beforeSeq: 4, primaryOnly: true })),
      ).toEqual([2]);
      expect(seqsOf(await store.articlesAfter(1, ['AMD'], 10, true))).toEqual([2, 4]);
      expect(seqsOf(await store.articlesAfter(1, ['AMD'], 10))).toEqual([2, 3, 4]);
      // Without tickers there is nothing to be primary about: every story.
      expect(seqsOf(await store.listArticles({ limit: 10, primaryOnly: true }))).toEqual([4, 3, 2, 1]);
      const stored = await store.listArticles({ tickers: ['TSM'], limit: 1 });
      expect(stored[0]?.tickers.map((t) => [t.symbol, t.primary])).toEqual([
        ['TSM', true],
        ['NVDA', false],
        ['AMD', false],
      ]);
    });

    it('starts a story with no other sources and not yet pushed, and records when it was pushed', async () => {
      const { article } = await store.insertArticle(draft(1, ['AAPL']));
      expect(article).toMatchObject({ alsoFrom: [], pushedAt: null });
      await store.markPushed(article.seq, 1_700_000_009_000);
      expect(await store.getArticle(article.id)).toEqual({ ...article, pushedAt: 1_700_000_009_000 });
      expect((await store.listArticles({ limit: 1 }))[0]?.pushedAt).toBe(1_700_000_009_000);
    });

    it('attaches another source to a story: listed once, and its key then finds the story', async () => {
      const first = (await store.insertArticle(draft(1, ['AAPL']))).article;
      await store.insertArticle(draft(2, ['MSFT']));
      const later = {
        source: 'wire-b',
        url: 'https://b.test/1',
        externalId: 'b-1',
        publishedAt: 5,
        receivedAt: 6,
      };
      const attached = await store.attachSource(first.seq, 'b:1', later);
      expect(attached.attached).toBe(true);
      expect(attached.article).toEqual({ ...first, alsoFrom: [later] });
      expect(await store.getArticle(first.id)).toEqual(attached.article);
      // The same key again: nothing changes.
      const again = await store.attachSource(first.seq, 'b:1', later);
      expect(again).toEqual({ article: attached.article, attached: false });
      // A story arriving with that key is the stored one, not a new story.
      const insert = await store.insertArticle({ ...draft(3, ['AAPL']), dedupeKey: 'b:1' });
      expect(insert).toEqual({ article: attached.article, created: false });
      expect(await store.latestSeq()).toBe(2);
      // A key that belongs to another story answers with that story.
      const other = await store.attachSource(first.seq, 'test:2', later);
      expect(other.attached).toBe(false);
      expect(other.article.seq).toBe(2);
      // Without a source only the key is recorded.
      const quiet = await store.attachSource(first.seq, 'a:again', null);
      expect(quiet).toEqual({ article: attached.article, attached: false });
      expect((await store.insertArticle({ ...draft(4, []), dedupeKey: 'a:again' })).article.seq).toBe(1);
      const listed = await store.listArticles({ tickers: ['AAPL'], limit: 5 });
      expect(listed.map((a) => [a.seq, a.alsoFrom?.length])).toEqual([[1, 1]]);
      expect((await store.articlesAfter(0, undefined, 5))[0]?.alsoFrom).toEqual([later]);
    });

    it('updates the tickers of many stories written at once', async () => {
      const seqs: number[] = [];
      for (let i = 1; i <= 30; i++) seqs.push((await store.insertArticle(draft(i, ['AAPL']))).article.seq);
      const moved = (seq: number, move: number): ArticleTicker[] => [
        { ...tag('AAPL'), reaction: { ...newReaction('SPY'), move, last: seq } },
      ];
      await Promise.all(
        seqs.map((seq) => store.updateArticleTickers(seq, moved(seq, seq === seqs[0] ? 2 : 1))),
      );
      const stored = await store.listArticles({ limit: 50 });
      expect(stored).toHaveLength(30);
      for (const a of stored) {
        expect(a.tickers[0]?.reaction.last).toBe(a.seq);
        expect(a.tickers[0]?.reaction.move).toBe(a.seq === seqs[0] ? 2 : 1);
      }
    });

    it('stores bars, lets a newer snapshot of a bar replace the older, and answers history in buckets', async () => {
      const t0 = 1_700_000_000_000;
      const bars = Array.from({ length: 120 }, (_, i) => ({
        symbol: 'AAPL',
        t: t0 + i * 1000,
        o: 100 + i,
        h: 100 + i,
        l: 100 + i,
        c: 100 + i,
        n: 1,
      }));
      await store.appendBars(bars);
      await store.appendBars([{ symbol: 'AAPL', t: t0 + 119_000, o: 1, h: 500, l: 1, c: 250, n: 2 }]);
      const raw = await store.history('AAPL', t0, t0 + 200_000, 1000);
      expect(raw).toHaveLength(120);
      expect(raw[119]).toEqual({ t: t0 + 119_000, p: 250 });
      const perMinute = await store.history('AAPL', t0, t0 + 200_000, 60_000);
      const bucket = Math.floor(t0 / 60_000) * 60_000;
      expect(perMinute[0]?.t).toBe(bucket);
      // each bucket carries the close of its last bar
      const lastInFirst = bars.filter((b) => b.t < bucket + 60_000).at(-1);
      expect(perMinute[0]?.p).toBe(lastInFirst?.c);
      // the replaced last bar closes the last bucket, whatever the bucket width
      expect(perMinute.at(-1)?.p).toBe(250);
      const fiveMinutes = await store.history('AAPL', t0, t0 + 200_000, 300_000);
      expect(fiveMinutes.at(-1)?.p).toBe(250);
      expect(fiveMinutes.map((x) => x.t)).toEqual(
        [...new Set(bars.map((b) => Math.floor(b.t / 300_000) * 300_000))].sort((a, b) => a - b),
      );
      expect(await store.history('MSFT', t0, t0 + 200_000, 1000)).toEqual([]);
      // Bounds need not be whole milliseconds.
      expect(await store.history('AAPL', t0 - 0.5, t0 + 1000.5, 1000)).toEqual(raw.slice(0, 2));
      expect(await store.history('AAPL', t0 + 0.5, t0 + 1999.5, 1000)).toEqual(raw.slice(1, 2));
    });

    it('finds the price at a time and the last bar of each symbol, and prunes old bars', async () => {
      const t0 = 1_700_000_000_000;
      await store.appendBars([
        { symbol: 'AAPL', t: t0, o: 1, h: 1, l: 1, c: 10, n: 1 },
        { symbol: 'AAPL', t: t0 + 5000, o: 1, h: 1, l: 1, c: 11, n: 1 },
        { symbol: 'SPY', t: t0 + 1000, o: 1, h: 1, l: 1, c: 500, n: 1 },
      ]);
      expect(await store.priceAt('AAPL', t0 + 4000, 60_000)).toEqual({ t: t0, p: 10 });
      expect(await store.priceAt('AAPL', t0 + 5000, 60_000)).toEqual({ t: t0 + 5000, p: 11 });
      expect(await store.priceAt('AAPL', t0 - 1, 60_000)).toBeNull();
      expect(await store.priceAt('AAPL', t0 + 600_000, 60_000)).toBeNull();
      expect(await store.priceAt('AAPL', t0 + 4999.5, 60_000)).toEqual({ t: t0, p: 10 });
      expect(await store.firstPriceAfter('AAPL', t0 + 0.5, 10_000)).toEqual({ t: t0 + 5000, p: 1 });
      expect(await store.firstPriceAfter('AAPL', t0 + 0.5, 4_999)).toBeNull();
      const last = (await store.lastBars()).sort((a, b) => a.symbol.localeCompare(b.symbol));
      expect(last.map((b) => [b.symbol, b.c])).toEqual([
        ['AAPL', 11],
        ['SPY', 500],
      ]);
      expect(await store.pruneBars(t0 + 2000)).toBe(2);
      expect((await store.lastBars()).map((b) => b.symbol)).toEqual(['AAPL']);
    });
  });
}
