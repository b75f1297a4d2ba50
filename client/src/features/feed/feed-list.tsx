import { type ReactNode, useRef, useState } from 'react';
import type { Article } from '../../../../shared/index.js';
import { StateMessage } from '../../components/state-message.js';
import { ArticleRow } from './article-row.js';
import type { Feed } from './use-feed.js';

interface FeedListProps {
  feed: Feed;
  /** The panel's title: the Stories | Movers switch, composed by the app shell. */
  tabs: ReactNode;
  tickers: readonly string[];
  selectedId: string | null;
  onSelect: (article: Article) => void;
  onTickerClick: (symbol: string) => void;
}

/** The story feed, newest first, with "Load older" at the end. */
export function FeedList({ feed, tabs, tickers, selectedId, onSelect, onTickerClick }: FeedListProps) {
  const filterLabel = tickers.length > 0 ? tickers.join(', ') : 'all tickers';
  const scroller = useRef<HTMLDivElement>(null);
  // Newest seq on screen when the reader scrolled away from the top; null while at the top.
  const [anchorSeq, setAnchorSeq] = useState<number | null>(null);
  const newest = feed.articles[0]?.seq ?? 0;
  const unseen = anchorSeq === null ? 0 : feed.articles.filter((a) => a.seq > anchorSeq).length;

  const onScroll = () => {
    const away = (scroller.current?.scrollTop ?? 0) > 60;
    if (away && anchorSeq === null) setAnchorSeq(newest);
    else if (!away && anchorSeq !== null) setAnchorSeq(null);
  };
  const toTop = () => scroller.current?.scrollTo({ top: 0, behavior: 'smooth' });

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
          {feed.articles.map((a) => (
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
        <button type="button" className="feed-new-pill" onClick={toTop} data-testid="new-stories">
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
