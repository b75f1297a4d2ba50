import type { InfiniteData } from '@tanstack/react-query';
import type { Article, ArticlePage, ArticleUpdate } from '../../../../shared/index.js';
import { applyReactionUpdate, mergeTickers, type ReactionChange } from '../../lib/reaction.js';

/** Pure helpers that read and update the cached feed pages (no I/O, unit-tested). */

export type FeedData = InfiniteData<ArticlePage, number | undefined>;

/** A feed filter: tickers (empty = every story) and whether only stories about them count. */
export interface FeedFilter {
  tickers: string[];
  primaryOnly: boolean;
}

/** The filter a feed list key was made for, or null when the key is not a feed list. */
export function filterOfKey(key: readonly unknown[]): FeedFilter | null {
  if (key[0] !== 'feed' || key[1] !== 'list') return null;
  const k = key[2];
  if (typeof k !== 'object' || k === null || !('tickers' in k) || typeof k.tickers !== 'string') return null;
  const primaryOnly = 'primaryOnly' in k && k.primaryOnly === true;
  return { tickers: k.tickers ? k.tickers.split(',') : [], primaryOnly };
}

/** True when the story belongs in a feed filtered on these tickers (empty = every story). */
export function matchesFilter(article: Article, tickers: readonly string[], primaryOnly = false): boolean {
  return (
    tickers.length === 0 ||
    article.tickers.some((t) => tickers.includes(t.symbol) && (t.primary || !primaryOnly))
  );
}

/**
 * Inserts a story in the cached pages, keeping newest first; a story already held keeps the newer
 * reaction of each ticker. Returns the same object if unchanged.
 */
export function insertArticle(data: FeedData, article: Article): FeedData {
  for (let i = 0; i < data.pages.length; i++) {
    const page = data.pages[i];
    if (!page) continue;
    const at = page.articles.findIndex((a) => a.id === article.id || a.seq === article.seq);
    if (at >= 0) {
      const existing = page.articles[at];
      if (!existing || existing === article) return data;
      // A replayed copy may carry an older reaction than the one held: keep the newer per ticker.
      const tickers = existing.id === article.id ? mergeTickers(existing.tickers, article.tickers) : null;
      if (tickers === existing.tickers) return data;
      const articles = page.articles.slice();
      articles[at] = tickers ? { ...existing, tickers } : article;
      const pages = data.pages.slice();
      pages[i] = { ...page, articles };
      return { ...data, pages };
    }
  }
  const first = data.pages[0];
  if (!first) return data;
  const articles = first.articles.slice();
  let at = articles.findIndex((a) => a.seq < article.seq);
  if (at < 0) {
    // Older than everything on the first page: it belongs to a page not loaded yet (or at its end).
    if (data.pages.length > 1 || first.nextBeforeSeq !== null) return data;
    at = articles.length;
  }
  articles.splice(at, 0, article);
  const pages = data.pages.slice();
  pages[0] = { ...first, articles, latestSeq: Math.max(first.latestSeq, article.seq) };
  return { ...data, pages };
}

/** True when the story is already in the cached pages. */
export function hasArticle(data: FeedData | undefined, id: string): boolean {
  return !!data?.pages.some((p) => p.articles.some((a) => a.id === id));
}

/** All loaded stories, newest first, without duplicates. */
export function flattenFeed(data: { pages: readonly ArticlePage[] } | undefined): Article[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: Article[] = [];
  for (const page of data.pages) {
    for (const a of page.articles) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      out.push(a);
    }
  }
  return out;
}

/**
 * Applies reaction updates (newest per story id) to every story of the cached pages that has one.
 * Pages and stories without a change keep their identity; returns `data` when nothing changed.
 */
export function applyReactionUpdates(data: FeedData, updates: ReadonlyMap<string, ReactionChange>): FeedData {
  if (updates.size === 0) return data;
  let pages: ArticlePage[] | null = null;
  data.pages.forEach((page, i) => {
    let articles: Article[] | null = null;
    page.articles.forEach((a, j) => {
      const u = updates.get(a.id);
      if (!u) return;
      const next = applyReactionUpdate(a, u);
      if (next === a) return;
      articles ??= page.articles.slice();
      articles[j] = next;
    });
    if (!articles) return;
    pages ??= data.pages.slice();
    pages[i] = { ...page, articles };
  });
  return pages ? { ...data, pages } : data;
}

/**
 * Keeps at most `max` stories (newest first) in the cached pages, so a page left open for days
 * does not grow without bound; the last page kept points at the stories dropped ("Load older").
 * Returns the same object when under the limit.
 */
export function capFeed(data: FeedData, max: number): FeedData {
  let total = 0;
  for (const p of data.pages) total += p.articles.length;
  if (total <= max) return data;
  const pages: ArticlePage[] = [];
  const pageParams: (number | undefined)[] = [];
  let left = max;
  for (let i = 0; i < data.pages.length && left > 0; i++) {
    const page = data.pages[i] as ArticlePage;
    if (page.articles.length <= left) {
      pages.push(page);
      pageParams.push(data.pageParams[i]);
      left -= page.articles.length;
      continue;
    }
    const articles = page.articles.slice(0, left);
    const last = articles[articles.length - 1];
    pages.push({ ...page, articles, nextBeforeSeq: last ? last.seq : page.nextBeforeSeq });
    pageParams.push(data.pageParams[i]);
    left = 0;
  }
  const tail = pages[pages.length - 1];
  const lastKept = tail?.articles[tail.articles.length - 1];
  if (tail && lastKept && tail.nextBeforeSeq === null) {
    pages[pages.length - 1] = { ...tail, nextBeforeSeq: lastKept.seq };
  }
  return { pages, pageParams };
}

/**
 * Applies article:updated (the story's other sources) to the cached pages. Returns `data` when
 * the story is not held or already has them.
 */
export function applyArticleUpdate(data: FeedData, update: ArticleUpdate): FeedData {
  for (let i = 0; i < data.pages.length; i++) {
    const page = data.pages[i];
    const at = page?.articles.findIndex((a) => a.id === update.id) ?? -1;
    if (!page || at < 0) continue;
    const held = page.articles[at] as Article;
    if ((held.alsoFrom?.length ?? 0) >= update.alsoFrom.length) return data;
    const articles = page.articles.slice();
    articles[at] = { ...held, alsoFrom: update.alsoFrom };
    const pages = data.pages.slice();
    pages[i] = { ...page, articles };
    return { ...data, pages };
  }
  return data;
}
