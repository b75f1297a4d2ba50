import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import type { Article, ArticleSource } from '../../../../shared/index.js';
import { RelativeTime } from '../../components/relative-time.js';
import { StateMessage } from '../../components/state-message.js';
import { formatDelay, formatEtDate, formatEtTime, formatLocalTime } from '../../lib/format.js';
import { boundIdleQueries } from '../../lib/query-client.js';
import { isFinal } from '../../lib/reaction.js';
import { httpHref } from '../../lib/safe-url.js';
import { MAX_IDLE_STORY_QUERIES, storyKeys, storyQueryOptions } from './story-queries.js';
import { StoryTickers } from './story-tickers.js';

const DETAIL_REFRESH_MS = 15_000;

interface StoryPanelProps {
  /** The story to show; null when there is none yet. */
  articleId: string | null;
  /** The story as held by the feed, when it is there (no second fetch). */
  article: Article | undefined;
  /** True when the panel follows the newest story instead of a pinned one. */
  following: boolean;
  onFollowLatest: () => void;
  activeTickers: readonly string[];
  onFilterTicker: (symbol: string) => void;
  /** The chart, composed by the app shell. */
  renderChart: (article: Article) => ReactNode;
}

/** The selected story: headline, source, times (ET and local), tickers with their move, chart, text. */
export function StoryPanel(props: StoryPanelProps) {
  const { articleId, article: fromFeed, following, onFollowLatest } = props;
  const queryClient = useQueryClient();
  useEffect(() => boundIdleQueries(queryClient, storyKeys.all, MAX_IDLE_STORY_QUERIES), [queryClient]);
  const query = useQuery({
    ...storyQueryOptions(articleId ?? ''),
    enabled: articleId !== null && fromFeed === undefined,
    // A story outside the feed's filter gets no reaction pushes: refresh it while it still changes.
    refetchInterval: (q) => (q.state.data && !isFinal(q.state.data) ? DETAIL_REFRESH_MS : false),
  });
  const article = fromFeed ?? query.data;

  return (
    <section className="story" data-testid="story-panel" aria-label="Selected story">
      <header className="panel-header">
        <h2 className="panel-title">Story</h2>
        {following ? (
          <span className="follow-badge" title="The newest story is shown as it breaks">
            <span className="follow-dot" aria-hidden="true" />
            Following latest
          </span>
        ) : (
          <button type="button" className="link-button" onClick={onFollowLatest} data-testid="follow-latest">
            Follow latest
          </button>
        )}
        <span className="panel-hint">j/k to move · Enter to open · ? for keys</span>
      </header>
      <div className="story-scroll">
        {article ? (
          <StoryBody {...props} article={article} />
        ) : articleId !== null && query.isError ? (
          <StateMessage tone="error" title="This story could not be loaded">
            {query.error.message}
          </StateMessage>
        ) : articleId !== null ? (
          <StateMessage title="Loading story…" />
        ) : (
          <StateMessage title="No story selected">
            Pick a story in the feed, or wait for the next one to break.
          </StateMessage>
        )}
      </div>
    </section>
  );
}

function StoryBody({
  article,
  activeTickers,
  onFilterTicker,
  renderChart,
}: StoryPanelProps & { article: Article }) {
  const paragraphs = (article.body ?? '')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <article className="story-body" data-article-id={article.id}>
      <div className="story-meta">
        <span className="story-source">{article.source}</span>
        <span className="story-time" title="US/Eastern">
          {formatEtDate(article.publishedAt)} · <strong>{formatEtTime(article.publishedAt)} ET</strong>
        </span>
        <span className="story-local">{formatLocalTime(article.publishedAt)}</span>
        <span className="story-age">
          <RelativeTime ms={article.publishedAt} suffix />
        </span>
      </div>
      {/* Enter on the desk moves the focus here, so a screen reader reads the story next. */}
      <h1 className="story-headline" tabIndex={-1}>
        {article.headline}
      </h1>
      <StoryTickers tickers={article.tickers} activeTickers={activeTickers} onFilter={onFilterTicker} />
      {article.tickers.length > 0 && renderChart(article)}
      {article.summary && <p className="story-summary">{article.summary}</p>}
      {paragraphs.length > 0 && (
        <div className="story-text">
          {paragraphs.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one immutable text
            <p key={i}>{p}</p>
          ))}
        </div>
      )}
      {httpHref(article.url) && (
        <a className="story-link" href={httpHref(article.url)} target="_blank" rel="noopener noreferrer">
          Read at {article.source} ↗
        </a>
      )}
      {(article.alsoFrom?.length ?? 0) > 0 && <AlsoFrom article={article} sources={article.alsoFrom ?? []} />}
    </article>
  );
}

/** The other sources that carried the story, each with how much later it arrived here. */
function AlsoFrom({ article, sources }: { article: Article; sources: ArticleSource[] }) {
  return (
    <p className="story-also" data-testid="story-also">
      Also from{' '}
      {sources.map((s, i) => (
        <span key={`${s.source}:${s.externalId ?? i}`}>
          {i > 0 && ', '}
          {httpHref(s.url) ? (
            <a href={httpHref(s.url)} target="_blank" rel="noopener noreferrer">
              {s.source}
            </a>
          ) : (
            s.source
          )}{' '}
          <span className="story-also-delay" title={`Received ${formatEtTime(s.receivedAt)} ET`}>
            +{formatDelay(s.receivedAt - article.receivedAt)}
          </span>
        </span>
      ))}
    </p>
  );
}
