import type { Article, ArticleTicker } from '../../../../shared/index.js';
import { Move } from '../../components/move.js';
import { formatEtTime } from '../../lib/format.js';
import { primaryTicker } from '../../lib/reaction.js';
import { useLiveReaction } from '../../lib/use-live-reaction.js';

interface WallHeadlinesProps {
  articles: readonly Article[];
  currentId: string | null;
}

/** The latest headlines, one line each, with their lead ticker's move since publication. */
export function WallHeadlines({ articles, currentId }: WallHeadlinesProps) {
  return (
    <section className="wall-headlines" aria-label="Latest headlines" data-testid="wall-headlines">
      <h2 className="wall-section-title">Latest</h2>
      <ol className="wall-headline-rows">
        {articles.map((a) => (
          <HeadlineRow key={a.id} article={a} current={a.id === currentId} />
        ))}
      </ol>
    </section>
  );
}

function HeadlineRow({ article, current }: { article: Article; current: boolean }) {
  const lead = primaryTicker(article);
  return (
    <li
      className={`wall-headline-row${current ? ' is-current' : ''}`}
      data-testid="wall-headline-row"
      data-article-id={article.id}
    >
      <span className="wall-headline-time">{formatEtTime(article.publishedAt).slice(0, 5)}</span>
      <span className="wall-headline-text">{article.headline}</span>
      {lead ? <LeadMove ticker={lead} /> : <span />}
    </li>
  );
}

function LeadMove({ ticker }: { ticker: ArticleTicker }) {
  const live = useLiveReaction(ticker);
  return (
    <span className="wall-headline-lead">
      <span className="wall-headline-symbol">{ticker.symbol}</span>
      <Move value={live.move == null ? null : live.move / 100} arrow={false} />
    </span>
  );
}
