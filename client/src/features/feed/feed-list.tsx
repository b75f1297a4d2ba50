import { type ReactNode, useRef } from 'react';
import type { Article } from '../../../../shared/index.js';
import { StateMessage } from '../../components/state-message.js';
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

/** The story feed, newest first, with "Load older" at the end. */
export function FeedList({ feed, hold, tabs, tickers, selectedId, onSelect, onTickerClick }: FeedListProps) {
  const filterLabel = tickers.length > 0 ? tickers.join(', ') : 'all tickers';
  const scroller = useRef<HTMLDivElement>(null);
  const { unseen } = hold;
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
    body = (
      <>
        <ol className="feed-rows" aria-label="Stories, newest first">
          {hold.visible.map((a) => (
            <ArticleRow
              key={a.id}
              article={a}
              selected={a.id === selectedId}
              activeTickers={tickers}
              onSelect={onSelect}
              onTickerClick={onTickerClick}
            />
          ))}
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
      <div className="feed-scroll" ref={scroller} onScroll={onScroll}>
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
