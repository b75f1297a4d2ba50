import { lazy, Suspense, useCallback, useMemo } from 'react';
import { type Article, BENCHMARK_SYMBOL } from '../../../shared/index.js';
import {
  ConnectionBanner,
  ConnectionStatus,
  ProtocolMismatchNotice,
  UpgradeNotice,
  ViewTokenNotice,
} from '../features/connection/index.js';
import { useFeed, useFeedLive } from '../features/feed/index.js';
import { MAX_WALL_TICKERS, type WallParams, WallView } from '../features/wall/index.js';
import { useTickSubscription } from '../lib/use-tick-subscription.js';
import { useReactionsLive } from './use-reactions-live.js';

/** A wall keeps this many stories at most, however long it runs. */
const WALL_MAX_ARTICLES = 100;
/** With no tickers in the URL, the tape shows the lead tickers of this many recent stories. */
const TAPE_FROM_STORIES = 30;

const WallChart = lazy(() => import('../features/chart/index.js').then((m) => ({ default: m.WallChart })));

/** The tickers of the tape: the URL's, or the lead tickers of recent stories (newest first, deduplicated). */
function tapeSymbolsOf(params: WallParams, articles: readonly Article[]): string[] {
  if (params.tickers.length > 0) return params.tickers;
  const set = new Set<string>();
  for (const a of articles.slice(0, TAPE_FROM_STORIES)) {
    const lead = a.tickers.find((t) => t.primary) ?? a.tickers[0];
    if (lead) set.add(lead.symbol);
    if (set.size >= MAX_WALL_TICKERS) break;
  }
  return [...set];
}

/** The wall display (/wall?tickers=…&rotate=…): its feed, prices and connection composed into the wall view. */
export function WallApp({ params }: { params: WallParams }) {
  const feed = useFeed(params.tickers);
  useFeedLive(params.tickers, false, { maxArticles: WALL_MAX_ARTICLES });
  useReactionsLive();
  const articles = feed.articles;
  const tapeKey = tapeSymbolsOf(params, articles).join(',');
  const tapeSymbols = useMemo(() => (tapeKey ? tapeKey.split(',') : []), [tapeKey]);

  // Prices on screen: the tape, the benchmark, the tickers of the stories in rotation and listed.
  const symbols = useMemo(() => {
    const set = new Set<string>([BENCHMARK_SYMBOL, ...tapeSymbols]);
    for (const a of articles.slice(0, 12)) {
      for (const t of a.tickers) {
        set.add(t.symbol);
        set.add(t.reaction.benchmark);
      }
    }
    return [...set];
  }, [articles, tapeSymbols]);
  useTickSubscription(symbols);

  const renderChart = useCallback(
    (article: Article, unitPx: number) => (
      <Suspense fallback={null}>
        <WallChart key={article.id} article={article} unitPx={unitPx} />
      </Suspense>
    ),
    [],
  );

  return (
    <>
      <ViewTokenNotice />
      <ProtocolMismatchNotice />
      <UpgradeNotice auto />
      <WallView
        params={params}
        articles={articles}
        ready={!feed.isLoading}
        tapeSymbols={tapeSymbols}
        status={<ConnectionStatus staleMs={params.staleMs} />}
        banner={<ConnectionBanner staleMs={params.staleMs} />}
        renderChart={renderChart}
      />
    </>
  );
}
