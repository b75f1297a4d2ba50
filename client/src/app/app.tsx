import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Article, BENCHMARK_SYMBOL } from '../../../shared/index.js';
import { ProtocolMismatchNotice, useConnectionState } from '../features/connection/index.js';
import { FeedList, useFeed, useFeedLive } from '../features/feed/index.js';
import { useTickerFilter } from '../features/filter/index.js';
import { MoversView, useMovers } from '../features/movers/index.js';
import { StoryPanel, seedStory } from '../features/story/index.js';
import { useTickSubscription } from '../lib/use-tick-subscription.js';
import { AppHeader } from './app-header.js';
import { DeskTabs } from './desk-tabs.js';
import { useDeskView } from './url-view.js';
import { useKeyboardNav } from './use-keyboard-nav.js';
import { useReactionsLive } from './use-reactions-live.js';
import { useUnseenTitle } from './use-unseen-title.js';

/** A story the user picked; null means "follow the newest story". */
interface Pinned {
  id: string;
  symbols: readonly string[];
}

// The chart library is the largest dependency: load it beside the feed instead of before it.
const StoryChart = lazy(() => import('../features/chart/index.js').then((m) => ({ default: m.StoryChart })));

/** The desk: header, feed or movers on the left, selected story and its chart on the right. */
export function App() {
  const queryClient = useQueryClient();
  const filter = useTickerFilter();
  const desk = useDeskView();
  const feed = useFeed(filter.tickers, filter.primaryOnly);
  useFeedLive(filter.tickers, filter.primaryOnly);
  useReactionsLive();
  const movers = useMovers(desk.moversWindow, filter.tickers, desk.view === 'movers');
  const moverArticles = useMemo(() => movers.items.map((m) => m.article), [movers.items]);

  const [pinned, setPinned] = useState<Pinned | null>(null);
  const selectedId = pinned?.id ?? feed.articles[0]?.id ?? null;
  const selected = useMemo(() => feed.articles.find((a) => a.id === selectedId), [feed.articles, selectedId]);

  const feedArticles = useRef(feed.articles);
  feedArticles.current = feed.articles;
  const select = useCallback(
    (article: Article) => {
      // A story from outside the feed (a mover, a chart marker) is shown at once, not fetched again.
      if (!feedArticles.current.some((a) => a.id === article.id)) seedStory(queryClient, article);
      setPinned({ id: article.id, symbols: article.tickers.map((t) => t.symbol) });
    },
    [queryClient],
  );
  const followLatest = useCallback(() => setPinned(null), []);
  // A pinned story that the new filter would hide no longer makes sense: follow the newest again.
  const filterKey = filter.tickers.join(',');
  useEffect(() => {
    const list = filterKey ? filterKey.split(',') : [];
    setPinned((p) => (p && list.length > 0 && !p.symbols.some((s) => list.includes(s)) ? null : p));
  }, [filterKey]);
  const navList = desk.view === 'movers' ? moverArticles : feed.articles;
  useKeyboardNav(navList, selectedId, select, followLatest);

  // Prices needed on screen: the selected story's tickers, every listed story's, and their benchmarks.
  const symbols = useMemo(() => {
    const set = new Set<string>([BENCHMARK_SYMBOL]);
    for (const s of pinned?.symbols ?? []) set.add(s);
    const lists = [selected ? [selected] : [], desk.view === 'movers' ? moverArticles : [], feed.articles];
    for (const list of lists) {
      for (const a of list) {
        for (const t of a.tickers) {
          set.add(t.symbol);
          set.add(t.reaction.benchmark);
        }
      }
    }
    return [...set];
  }, [feed.articles, selected, pinned, desk.view, moverArticles]);
  useTickSubscription(symbols);
  useUnseenTitle(feed.articles);
  const connection = useConnectionState();

  const renderChart = useCallback(
    (article: Article) => (
      <Suspense fallback={<div className="chart-placeholder" aria-hidden="true" />}>
        <StoryChart key={article.id} article={article} stories={feed.articles} onSelectStory={select} />
      </Suspense>
    ),
    [feed.articles, select],
  );

  const tabs = <DeskTabs view={desk.view} onChange={desk.setView} />;
  return (
    // Prices are dimmed while the connection is not live, so nobody trades on a frozen number.
    <div className="app" data-connection={connection}>
      <ProtocolMismatchNotice />
      <AppHeader filter={filter} />
      <main className="desk">
        {desk.view === 'movers' ? (
          <MoversView
            movers={movers}
            tabs={tabs}
            tickers={filter.tickers}
            selectedId={selectedId}
            onSelect={select}
            onWindowChange={desk.setMoversWindow}
          />
        ) : (
          <FeedList
            feed={feed}
            tabs={tabs}
            tickers={filter.tickers}
            selectedId={selectedId}
            onSelect={select}
            onTickerClick={filter.addTicker}
          />
        )}
        <StoryPanel
          articleId={selectedId}
          article={selected}
          following={pinned === null}
          onFollowLatest={followLatest}
          activeTickers={filter.tickers}
          onFilterTicker={filter.addTicker}
          renderChart={renderChart}
        />
      </main>
    </div>
  );
}
