import { type QueryCacheNotifyEvent, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Article, ArticleUpdate, FeedReset, ServerHello } from '../../../../shared/index.js';
import { startFeedSync } from '../../lib/feed-sync.js';
import {
  feedCursor,
  forgetLastSeq,
  getHandshakeSeq,
  getHandshakeTickers,
  getLastSeq,
  noteSeq,
  resetLastSeq,
  setHandshakeTickers,
  socket,
  subscribeFeed,
} from '../../lib/socket.js';
import {
  applyArticleUpdate,
  capFeed,
  type FeedData,
  type FeedFilter,
  filterOfKey,
  hasArticle,
  insertArticle,
  matchesFilter,
} from './feed-cache.js';
import { feedKeys } from './feed-queries.js';
import { withRecentReactions } from './feed-reactions.js';
import { markFresh } from './fresh-articles.js';

/**
 * Stories received live, kept briefly: a REST snapshot taken before one of them was published
 * (a fetch in flight when it arrived) would otherwise overwrite it.
 */
const liveBuffer: Article[] = [];
const LIVE_BUFFER_MAX = 300;

function remember(article: Article): void {
  liveBuffer.push(article);
  if (liveBuffer.length > LIVE_BUFFER_MAX) liveBuffer.splice(0, liveBuffer.length - LIVE_BUFFER_MAX);
}

/** Puts buffered live stories newer than the snapshot back into a freshly fetched list. */
function mergeBuffer(data: FeedData, filter: FeedFilter): FeedData {
  const snapshotSeq = data.pages[0]?.latestSeq ?? 0;
  let next = data;
  for (const a of liveBuffer) {
    if (a.seq > snapshotSeq && matchesFilter(a, filter.tickers, filter.primaryOnly))
      next = insertArticle(next, a);
  }
  return next;
}

/** A list held in the cache keeps this many stories at most (the oldest go back behind "Load older"). */
export const DEFAULT_MAX_ARTICLES = 1_000;

export interface FeedLiveOptions {
  /** Most stories a cached list keeps as live ones arrive (default DEFAULT_MAX_ARTICLES). */
  maxArticles?: number;
  /**
   * Tickers whose stories the socket should deliver too, beside a ticker filter's (a watchlist's
   * alerts): they reach `article:published` listeners but only lists whose filter they match.
   */
  alsoTickers?: readonly string[];
}

/** The tickers the socket subscribes to: the filter's and the extra ones (every story when no filter). */
function subscribedTickers(filter: readonly string[], also: readonly string[]): string[] {
  if (filter.length === 0) return [];
  return [...new Set([...filter, ...also])].sort();
}

/** One string per filter, the same for the URL's filter and a cached list's. */
const filterKey = (tickers: readonly string[], primaryOnly: boolean) =>
  `${[...tickers].sort().join(',')}${primaryOnly && tickers.length > 0 ? '|primary' : ''}`;

/**
 * Keeps the feed cache live: article:published is written into every cached list it matches
 * (a fetched snapshot gets the live stories and recent reaction updates it may predate),
 * feed:reset and a server whose log restarted trigger a refetch, and the server's feed
 * subscription follows the filter.
 */
export function useFeedLive(
  tickers: readonly string[],
  primaryOnly = false,
  options: FeedLiveOptions = {},
): void {
  const queryClient = useQueryClient();
  const maxArticles = options.maxArticles ?? DEFAULT_MAX_ARTICLES;
  const alsoKey = [...new Set(options.alsoTickers ?? [])].sort().join(',');
  const also = useRef<string[]>([]);
  also.current = alsoKey ? alsoKey.split(',') : [];
  const key = filterKey(tickers, primaryOnly);
  const subscribedKey = useRef<string | null>(null);
  const currentKey = useRef(key);
  currentKey.current = key;

  useEffect(() => {
    // The feed position moves in startFeedSync's listener, which also asks for any story missed.
    const onArticle = (article: Article) => {
      // A replay (a resume, a gap filled) may bring a story again: keep one copy in the buffer.
      if (!liveBuffer.some((a) => a.id === article.id)) remember(article);
      let isNew = true;
      for (const query of queryClient.getQueryCache().findAll({ queryKey: feedKeys.lists() })) {
        const filter = filterOfKey(query.queryKey);
        if (!filter || !matchesFilter(article, filter.tickers, filter.primaryOnly)) continue;
        const data = query.state.data as FeedData | undefined;
        if (!data) continue;
        if (hasArticle(data, article.id)) isNew = false;
        queryClient.setQueryData<FeedData>(query.queryKey, (old) =>
          old ? capFeed(insertArticle(old, article), maxArticles) : old,
        );
      }
      if (isNew) markFresh(article.id);
    };
    // Another source carried a story: the row shows "+N sources". Held copies are updated in place.
    const onUpdated = (update: ArticleUpdate) => {
      if (!update || typeof update.id !== 'string' || !Array.isArray(update.alsoFrom)) return;
      const buffered = liveBuffer.findIndex((a) => a.id === update.id);
      const held = liveBuffer[buffered];
      if (held) liveBuffer[buffered] = { ...held, alsoFrom: update.alsoFrom };
      for (const query of queryClient.getQueryCache().findAll({ queryKey: feedKeys.lists() })) {
        queryClient.setQueryData<FeedData>(query.queryKey, (old) =>
          old ? applyArticleUpdate(old, update) : old,
        );
      }
    };
    const refetchAll = () => {
      liveBuffer.length = 0;
      void queryClient.resetQueries({ queryKey: feedKeys.all });
    };
    const onReset = (reset: FeedReset) => {
      resetLastSeq(reset.latestSeq);
      refetchAll();
    };
    const onHello = (hello: ServerHello) => {
      // The server's log is behind what we hold: it was wiped or replaced. Start over.
      if (hello.latestSeq < getLastSeq()) {
        resetLastSeq(hello.latestSeq);
        refetchAll();
      }
    };
    // After every fetched snapshot (not after our own manual writes): re-apply live stories, and
    // ask the server for anything committed after the snapshot. The socket may have subscribed
    // before or after the snapshot was taken; the replay closes that gap and duplicates are dropped.
    let resumedFrom = '';
    const unsubscribeCache = queryClient.getQueryCache().subscribe((event: QueryCacheNotifyEvent) => {
      if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual) return;
      const filter = filterOfKey(event.query.queryKey);
      const data = event.query.state.data as FeedData | undefined;
      if (!filter || !data) return;
      const snapshotSeq = data.pages[0]?.latestSeq ?? 0;
      if (filterKey(filter.tickers, filter.primaryOnly) === currentKey.current) {
        const resumeKey = `${currentKey.current}@${snapshotSeq}`;
        if (snapshotSeq > 0 && resumeKey !== resumedFrom && socket.connected) {
          resumedFrom = resumeKey;
          void subscribeFeed({
            tickers: subscribedTickers(filter.tickers, also.current),
            primaryOnly: filter.primaryOnly,
            lastSeq: snapshotSeq,
          });
        }
        noteSeq(snapshotSeq);
      }
      const merged = withRecentReactions(liveBuffer.length === 0 ? data : mergeBuffer(data, filter));
      if (merged !== data) queryClient.setQueryData(event.query.queryKey, merged);
    });

    // A story missed while connected (seen from the next seq or a heartbeat) is asked for again;
    // when asking does not fill the gap, the feed reloads as on feed:reset.
    const stopSync = startFeedSync({
      socket,
      cursor: feedCursor,
      resume: (lastSeq) => subscribeFeed({ ...getHandshakeTickers(), lastSeq }),
      onReload: () => {
        forgetLastSeq();
        refetchAll();
      },
    });
    socket.on('article:published', onArticle);
    socket.on('article:updated', onUpdated);
    socket.on('feed:reset', onReset);
    socket.on('server:hello', onHello);
    return () => {
      stopSync();
      unsubscribeCache();
      socket.off('article:published', onArticle);
      socket.off('article:updated', onUpdated);
      socket.off('feed:reset', onReset);
      socket.off('server:hello', onHello);
    };
  }, [queryClient, maxArticles]);

  // The handshake of the next (re)connect carries the filter; a live socket is told now.
  const subscriptionKey = `${key}+${alsoKey}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: subscriptionKey stands for key and alsoKey
  useEffect(() => {
    const [joined = '', flag] = key.split('|');
    const list = subscribedTickers(joined ? joined.split(',') : [], alsoKey ? alsoKey.split(',') : []);
    const primary = flag === 'primary';
    setHandshakeTickers(list, primary);
    const subscribe = () => {
      if (subscribedKey.current === subscriptionKey) return;
      subscribedKey.current = subscriptionKey;
      const lastSeq = getLastSeq();
      const payload = { tickers: list, primaryOnly: primary };
      void subscribeFeed(feedCursor.known ? { ...payload, lastSeq } : payload).then((ack) => {
        if (!ack.ok) {
          console.warn('feed:subscribe failed', ack.error);
          subscribedKey.current = null;
        }
      });
    };
    const onConnect = () => {
      subscribedKey.current = subscriptionKey;
      // A snapshot that arrived while connecting holds stories past the handshake's position;
      // ask for what came after it, or stories committed in between would never arrive.
      const lastSeq = getLastSeq();
      if (lastSeq > getHandshakeSeq()) void subscribeFeed({ tickers: list, primaryOnly: primary, lastSeq });
    };
    const onDisconnect = () => {
      subscribedKey.current = null;
    };
    if (socket.connected) subscribe();
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
    };
  }, [subscriptionKey]);
}
