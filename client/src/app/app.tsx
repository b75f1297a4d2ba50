import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { type Article, BENCHMARK_SYMBOL } from '../../../shared/index.js';
import { ProtocolMismatchNotice, useConnectionState } from '../features/connection/index.js';
import { FeedList, useFeed, useFeedLive } from '../features/feed/index.js';
import { useTickerFilter } from '../features/filter/index.js';
import { StoryPanel } from '../features/story/index.js';
import { useTickSubscription } from '../lib/use-tick-subscription.js';
import { AppHeader } from './app-header.js';
import { useKeyboardNav } from './use-keyboard-nav.js';
import { useUnseenTitle } from './use-unseen-title.js';

/** A story the user picked; null means "follow the newest story". */
interface Pinned {
  id: string;
  symbols: readonly string[];
}

// The chart library is the largest dependency: load it beside the feed instead of before it.
const StoryChart = lazy(() => import('../features/chart/index.js').then((m) => ({ default: m.StoryChart })));

const renderChart = (article: Article) => (
  <Suspense fallback={<div className="chart-placeholder" aria-hidden="true" />}>
    <StoryChart key={article.id} article={article} />
  </Suspense>
);

/** The desk: header, feed on the left, selected story and its chart on the right. */
export function App() {
  const filter = useTickerFilter();
  const feed = useFeed(filter.tickers, filter.primaryOnly);
  useFeedLive(filter.tickers, filter.primaryOnly);

  const [pinned, setPinned] = useState<Pinned | null>(null);
  const selectedId = pinned?.id ?? feed.articles[0]?.id ?? null;
  const selected = useMemo(() => feed.articles.find((a) => a.id === selectedId), [feed.articles, selectedId]);

  const select = useCallback((article: Article) => {
    setPinned({ id: article.id, symbols: article.tickers.map((t) => t.symbol) });
  }, []);
  const followLatest = useCallback(() => setPinned(null), []);
  // A pinned story that the new filter would hide no longer makes sense: follow the newest again.
  const filterKey = filter.tickers.join(',');
  useEffect(() => {
    const list = filterKey ? filterKey.split(',') : [];
    setPinned((p) => (p && list.length > 0 && !p.symbols.some((s) => list.includes(s)) ? null : p));
  }, [filterKey]);
  useKeyboardNav(feed.articles, selectedId, select, followLatest);

  // Prices needed on screen: every loaded story's tickers, the selected story's, and the benchmark.
  const symbols = useMemo(() => {
    const set = new Set<string>([BENCHMARK_SYMBOL]);
    for (const s of pinned?.symbols ?? []) set.add(s);
    for (const t of selected?.tickers ?? []) set.add(t.symbol);
    for (const a of feed.articles) for (const t of a.tickers) set.add(t.symbol);
    return [...set];
  }, [feed.articles, selected, pinned]);
  useTickSubscription(symbols);
  useUnseenTitle(feed.articles);
  const connection = useConnectionState();

  return (
    // Prices are dimmed while the connection is not live, so nobody trades on a frozen number.
    <div className="app" data-connection={connection}>
      <ProtocolMismatchNotice />
      <AppHeader filter={filter} />
      <main className="desk">
        <FeedList
          feed={feed}
          tickers={filter.tickers}
          selectedId={selectedId}
          onSelect={select}
          onTickerClick={filter.addTicker}
        />
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
