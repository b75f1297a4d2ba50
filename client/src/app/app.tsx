import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Article, BENCHMARK_SYMBOL } from '../../../shared/index.js';
import { AlertsButton, AlertToasts, useAlerts } from '../features/alerts/index.js';
import {
  ProtocolMismatchNotice,
  UpgradeNotice,
  useConnectionState,
  ViewTokenNotice,
} from '../features/connection/index.js';
import { FeedList, useFeed, useFeedHold, useFeedLive } from '../features/feed/index.js';
import { useTickerFilter } from '../features/filter/index.js';
import { MoversView, useMovers } from '../features/movers/index.js';
import { StoryPanel, seedStory } from '../features/story/index.js';
import { LinkToggle, useWindowLink } from '../features/windows/index.js';
import { useTickSubscription } from '../lib/use-tick-subscription.js';
import { AppHeader } from './app-header.js';
import { DeskTabs } from './desk-tabs.js';
import { KeyboardHelp } from './keyboard-help.js';
import { useDeskView } from './url-view.js';
import { scrollToRow, useKeyboardNav } from './use-keyboard-nav.js';
import { useReactionsLive } from './use-reactions-live.js';
import { useUnseenTitle } from './use-unseen-title.js';

/** A story the user picked; null means "follow the newest story". */
interface Pinned {
  id: string;
  symbols: readonly string[];
}

// The chart library is the largest dependency: load it beside the feed instead of before it.
const StoryChart = lazy(() => import('../features/chart/index.js').then((m) => ({ default: m.StoryChart })));

function focusStory(): void {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>('[data-testid="story-panel"] .story-headline')?.focus(),
  );
}

/** The desk: header, feed or movers on the left, selected story and its chart on the right. */
export function App() {
  const queryClient = useQueryClient();
  const filter = useTickerFilter();
  const desk = useDeskView();
  const feed = useFeed(filter.tickers, filter.primaryOnly);
  const [pinned, setPinned] = useState<Pinned | null>(null);
  const [help, setHelp] = useState(false);

  const feedArticles = useRef(feed.articles);
  feedArticles.current = feed.articles;
  const pick = useCallback(
    (article: Article) => {
      // A story from outside the feed (a mover, a chart marker, another window) is shown at once.
      if (!feedArticles.current.some((a) => a.id === article.id)) seedStory(queryClient, article);
      setPinned({ id: article.id, symbols: article.tickers.map((t) => t.symbol) });
    },
    [queryClient],
  );

  // Linked windows: a story or a filter picked in one shows in the others.
  const receivedTickers = useRef<string | null>(null);
  const link = useWindowLink({
    onStory: pick,
    onTickers: (tickers) => {
      receivedTickers.current = tickers.join(',');
      filter.setTickers(tickers);
    },
  });
  const select = useCallback(
    (article: Article) => {
      pick(article);
      link.shareStory(article);
    },
    [pick, link.shareStory],
  );
  const alerts = useAlerts(select);
  useFeedLive(filter.tickers, filter.primaryOnly, { alsoTickers: alerts.symbols });
  useReactionsLive();
  const movers = useMovers(desk.moversWindow, filter.tickers, desk.view === 'movers');
  const moverArticles = useMemo(() => movers.items.map((m) => m.article), [movers.items]);
  const hold = useFeedHold(feed.articles, pinned !== null);

  const selectedId = pinned?.id ?? feed.articles[0]?.id ?? null;
  const selected = useMemo(() => feed.articles.find((a) => a.id === selectedId), [feed.articles, selectedId]);
  const followLatest = useCallback(() => setPinned(null), []);
  // A pinned story that the new filter would hide no longer makes sense: follow the newest again.
  const filterKey = filter.tickers.join(',');
  const sharedKey = useRef(filterKey);
  useEffect(() => {
    const list = filterKey ? filterKey.split(',') : [];
    setPinned((p) => (p && list.length > 0 && !p.symbols.some((s) => list.includes(s)) ? null : p));
    // Only a change made here is shared: not the filter this window opened with, nor one it received.
    if (sharedKey.current === filterKey) return;
    sharedKey.current = filterKey;
    if (receivedTickers.current === filterKey) receivedTickers.current = null;
    else link.shareTickers(list);
  }, [filterKey, link.shareTickers]);

  const navList = desk.view === 'movers' ? moverArticles : hold.visible;
  useKeyboardNav({
    articles: navList,
    selectedId,
    select,
    open: () => {
      const article = selected ?? navList.find((a) => a.id === selectedId);
      if (article) select(article);
      focusStory();
    },
    openSource: () => {
      if (selected?.url) window.open(selected.url, '_blank', 'noopener,noreferrer');
    },
    toggleHelp: () => setHelp((h) => !h),
    escape: () => {
      if (help) setHelp(false);
      else if (pinned) {
        followLatest();
        const first = navList[0];
        if (first) scrollToRow(first.id);
      } else if (filter.tickers.length > 0) filter.clear();
    },
  });

  // Prices needed on screen: the selected story's tickers, every listed story's, their benchmarks, the watchlist.
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
    for (const s of alerts.symbols) set.add(s);
    return [...set];
  }, [feed.articles, selected, pinned, desk.view, moverArticles, alerts.symbols]);
  useTickSubscription(symbols);
  useUnseenTitle(feed.articles);
  const connection = useConnectionState();

  const renderChart = useCallback(
    (article: Article) => (
      <Suspense fallback={<div className="chart-placeholder" aria-hidden="true" />}>
        {/* One chart for every story shown: mounting recharts anew for each story that arrives while
            following the newest took 50-90 ms in one task; the chart resets its own per-story state. */}
        <StoryChart article={article} stories={feed.articles} onSelectStory={select} />
      </Suspense>
    ),
    [feed.articles, select],
  );

  const tabs = <DeskTabs view={desk.view} onChange={desk.setView} />;
  const tools = (
    <>
      <AlertsButton />
      <LinkToggle />
      <button
        type="button"
        className="header-button"
        onClick={() => setHelp(true)}
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
        data-testid="keys-button"
      >
        <kbd>?</kbd>
      </button>
    </>
  );
  return (
    // Prices are dimmed while the connection is not live, so nobody trades on a frozen number.
    <div className="app" data-connection={connection}>
      <ViewTokenNotice />
      <ProtocolMismatchNotice />
      <UpgradeNotice auto={false} />
      <AppHeader filter={filter} tools={tools} />
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
            hold={hold}
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
      <AlertToasts
        alerts={alerts.shown}
        settings={alerts.settings}
        onOpen={select}
        onDismiss={alerts.dismiss}
      />
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
