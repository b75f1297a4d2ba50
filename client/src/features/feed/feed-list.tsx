import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef } from 'react';
import type { Article } from '../../../../shared/index.js';
import { StateMessage } from '../../components/state-message.js';
import { registerRowRevealer } from '../../lib/row-reveal.js';
import { ArticleRow } from './article-row.js';
import type { Feed } from './use-feed.js';
import type { FeedHold } from './use-feed-hold.js';

interface FeedListProps {
  feed: Feed;
  /** What the list shows while the reader reads (newer stories wait behind a pill). */
  hold: FeedHold;
  /** The panel's title: the Stories | Movers switch, composed by the app shell. */
  tabs: ReactNode;
  tickers: readonly string[];
  selectedId: string | null;
  onSelect: (article: Article) => void;
  onTickerClick: (symbol: string) => void;
}

/** A row's height before it is measured (a two-line headline with its chips); rows are measured once rendered. */
const ROW_ESTIMATE_PX = 96;
/** Rows rendered beyond each edge of the viewport, so a short scroll or j/k never shows a blank. */
const OVERSCAN_ROWS = 6;

/**
 * The story feed, newest first, with "Load older" at the end. Only the rows in and near the viewport
 * are in the DOM (each measured, since headlines wrap), so the page stays the same size however many
 * stories arrive; the rows above and below are padding of the measured or estimated height.
 */
export function FeedList({ feed, hold, tabs, tickers, selectedId, onSelect, onTickerClick }: FeedListProps) {
  const filterLabel = tickers.length > 0 ? tickers.join(', ') : 'all tickers';
  const scroller = useRef<HTMLDivElement>(null);
  const { unseen } = hold;
  const rows = hold.visible;
  const listed = !feed.isLoading && rows.length > 0;
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count: listed ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: OVERSCAN_ROWS,
    // The first render already lists the rows a desk shows (the scroller is measured right after).
    initialRect: { width: 0, height: typeof window === 'undefined' ? 0 : window.innerHeight },
    // React 19: rendering in the scroll event itself (flushSync) is not needed and warns.
    useFlushSync: false,
  });
  // The keyboard asks for rows that are not rendered (j/k past the edge, Esc back to the top).
  const latest = useRef({ rows, virtualizer });
  latest.current = { rows, virtualizer };
  useEffect(
    () =>
      registerRowRevealer((id) => {
        const at = latest.current.rows.findIndex((a) => a.id === id);
        if (at < 0) return false;
        latest.current.virtualizer.scrollToIndex(at, { align: 'auto' });
        return true;
      }),
    [],
  );
  const onScroll = () => hold.setScrolledAway((scroller.current?.scrollTop ?? 0) > 60);
  const toTop = () => {
    hold.release();
    scroller.current?.scrollTo({ top: 0, behavior: 'smooth' });
  };

  let body: ReactNode;
  if (feed.isLoading) {
    body = <FeedSkeleton />;
  } else if (feed.error && feed.articles.length === 0) {
    body = (
      <StateMessage
        tone="error"
        title="The feed could not be loaded"
        action={{ label: 'Try again', onClick: feed.retry }}
      >
        {feed.error.message}
      </StateMessage>
    );
  } else if (feed.articles.length === 0) {
    body = (
      <StateMessage title={tickers.length > 0 ? `No stories for ${filterLabel} yet` : 'No stories yet'}>
        New stories appear here the moment they are published.
      </StateMessage>
    );
  } else {
    const items = virtualizer.getVirtualItems();
    const first = items[0];
    const last = items[items.length - 1];
    const padTop = first?.start ?? 0;
    const padBottom = last ? Math.max(0, virtualizer.getTotalSize() - last.end) : 0;
    body = (
      <>
        <ol
          className="feed-rows"
          aria-label="Stories, newest first"
          style={{ paddingTop: padTop, paddingBottom: padBottom }}
        >
          {items.map((item) => {
            const a = rows[item.index] as Article;
            return (
              <ArticleRow
                key={a.id}
                article={a}
                index={item.index}
                setSize={rows.length}
                measureRef={virtualizer.measureElement}
                selected={a.id === selectedId}
                activeTickers={tickers}
                onSelect={onSelect}
                onTickerClick={onTickerClick}
              />
            );
          })}
        </ol>
        <div className="feed-end">
          {feed.hasOlder ? (
            <button
              type="button"
              className="button"
              onClick={feed.fetchOlder}
              disabled={feed.isFetchingOlder}
              data-testid="load-older"
            >
              {feed.isFetchingOlder ? 'Loading…' : 'Load older stories'}
            </button>
          ) : (
            <span className="feed-end-note">No older stories</span>
          )}
        </div>
      </>
    );
  }

  return (
    <section
      className={`feed${feed.isSwitching ? ' is-switching' : ''}`}
      aria-label="Story feed"
      data-testid="feed"
    >
      <header className="panel-header">
        {tabs}
        <span className="panel-sub">{filterLabel}</span>
        <span className="panel-count">{feed.articles.length > 0 ? feed.articles.length : ''}</span>
      </header>
      {unseen > 0 && (
        <button
          type="button"
          className="feed-new-pill"
          onClick={toTop}
          data-testid="new-stories"
          aria-live="polite"
        >
          ↑ {unseen} new {unseen === 1 ? 'story' : 'stories'}
        </button>
      )}
      <div className="feed-scroll is-windowed" ref={scroller} onScroll={onScroll}>
        {body}
      </div>
    </section>
  );
}

function FeedSkeleton() {
  return (
    <ol className="feed-rows is-skeleton" aria-hidden="true">
      {Array.from({ length: 8 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <li key={i} className="article-row skeleton-row">
          <span className="skeleton skeleton-age" />
          <div className="row-main">
            <span className="skeleton skeleton-meta" />
            <span className="skeleton skeleton-line" />
            <span className="skeleton skeleton-line short" />
          </div>
        </li>
      ))}
    </ol>
  );
}
