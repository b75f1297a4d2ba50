import type { ReactNode } from 'react';
import type { Article, ArticleTicker } from '../../../../shared/index.js';
import { Move } from '../../components/move.js';
import { Signed } from '../../components/reaction-values.js';
import { RelativeTime } from '../../components/relative-time.js';
import { formatEtTime, formatUsd } from '../../lib/format.js';
import { seriesColor } from '../../lib/series-colors.js';
import { useLiveReaction } from '../../lib/use-live-reaction.js';

/** The wall shows this many of a story's tickers (the chart draws the same ones, in the same colours). */
const MAX_TICKERS = 4;

interface WallStoryProps {
  article: Article;
  breaking: boolean;
  /** How long the story stays on screen (a progress bar), composed by the view. */
  progress: ReactNode;
}

/** The story on the wall: NEW when it just broke, source and time, the headline large, its tickers' moves. */
export function WallStory({ article, breaking, progress }: WallStoryProps) {
  const tickers = [...article.tickers]
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .slice(0, MAX_TICKERS);
  return (
    <article
      className={`wall-story${breaking ? ' is-breaking' : ''}`}
      data-testid="wall-story"
      data-article-id={article.id}
      data-mode={breaking ? 'breaking' : 'rotate'}
      aria-live="polite"
    >
      <div className="wall-story-meta">
        {breaking && (
          <span className="wall-new" data-testid="wall-new">
            NEW
          </span>
        )}
        <span className="wall-story-source">{article.source}</span>
        <span className="wall-story-time">
          {formatEtTime(article.publishedAt).slice(0, 5)} ET ·{' '}
          <RelativeTime ms={article.publishedAt} suffix />
        </span>
      </div>
      {/* A new key restarts the entrance animation for each story. */}
      <h1 key={article.id} className="wall-headline" data-testid="wall-headline">
        {article.headline}
      </h1>
      {article.summary && <p className="wall-summary">{article.summary}</p>}
      {tickers.length > 0 && (
        <ul className="wall-tickers" aria-label="Tickers, move since the story">
          {tickers.map((t, i) => (
            <WallTicker key={t.symbol} ticker={t} color={seriesColor(i)} />
          ))}
        </ul>
      )}
      {progress}
    </article>
  );
}

function WallTicker({ ticker, color }: { ticker: ArticleTicker; color: string }) {
  const live = useLiveReaction(ticker);
  return (
    <li className="wall-ticker" data-testid="wall-ticker" data-symbol={ticker.symbol}>
      <span className="wall-ticker-swatch" style={{ background: color }} aria-hidden="true" />
      <span className="wall-ticker-symbol">{ticker.symbol}</span>
      <span className="wall-ticker-price" data-testid="wall-price">
        {formatUsd(live.last)}
      </span>
      <Move value={live.move == null ? null : live.move / 100} className="wall-ticker-move" />
      <span className="wall-ticker-abn" title={`Abnormal move against ${ticker.reaction.benchmark}`}>
        vs {ticker.reaction.benchmark} <Signed value={live.abnormal} unit="pts" />
      </span>
    </li>
  );
}
