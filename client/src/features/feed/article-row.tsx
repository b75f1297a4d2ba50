import { memo } from 'react';
import type { Article } from '../../../../shared/index.js';
import { RelativeTime } from '../../components/relative-time.js';
import { TickerChip } from '../../components/ticker-chip.js';
import { formatDelay, formatEtTime } from '../../lib/format.js';
import { primaryTicker } from '../../lib/reaction.js';
import { freshAge } from './fresh-articles.js';
import { ReactionStrip } from './reaction-strip.js';

interface ArticleRowProps {
  article: Article;
  /** Position in the whole list (0 = newest): the list renders only the rows near its viewport. */
  index: number;
  /** How many stories the list holds (for screen readers, as only some rows are rendered). */
  setSize: number;
  /** Measures the rendered row (headlines wrap, so heights differ). */
  measureRef: (el: HTMLLIElement | null) => void;
  selected: boolean;
  activeTickers: readonly string[];
  onSelect: (article: Article) => void;
  onTickerClick: (symbol: string) => void;
}

/** "Published 09:41:07 ET · received 2.1 s later · pushed 0.01 s after": how long the story took to arrive. */
function timesTitle(article: Article): string {
  const parts = [`Published ${formatEtTime(article.publishedAt)} ET (by ${article.source})`];
  parts.push(`received ${formatDelay(article.receivedAt - article.publishedAt)} later`);
  if (article.pushedAt != null)
    parts.push(`pushed ${formatDelay(article.pushedAt - article.receivedAt)} after that`);
  return parts.join(' · ');
}

/** "Also from: Benzinga 09:41:09 ET, Wire B 09:42:00 ET". */
function sourcesTitle(article: Article): string {
  const others = (article.alsoFrom ?? []).map((s) => `${s.source} ${formatEtTime(s.receivedAt)} ET`);
  return `First from ${article.source}; also from: ${others.join(', ')}`;
}

function toneClass(tone: number): string {
  if (tone >= 0.35) return ' tone-good';
  if (tone <= -0.35) return ' tone-bad';
  return '';
}

/**
 * One story in the feed: age and time (ET), source, the lead ticker's reaction strip, headline (2 lines), ticker
 * chips with the move since publication.
 */
export const ArticleRow = memo(function ArticleRow({
  article,
  index,
  setSize,
  measureRef,
  selected,
  activeTickers,
  onSelect,
  onTickerClick,
}: ArticleRowProps) {
  const age = freshAge(article.id);
  // Primary tickers first, then mentions, each in the order the tagger found them.
  const tickers = [...article.tickers].sort((a, b) => Number(b.primary) - Number(a.primary));
  const lead = primaryTicker(article);
  const others = article.alsoFrom?.length ?? 0;

  return (
    <li
      ref={measureRef}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      className={`article-row${selected ? ' is-selected' : ''}${age !== null ? ' is-fresh' : ''}${toneClass(article.tone)}`}
      style={age !== null ? { animationDelay: `-${age}ms` } : undefined}
      data-testid="article-row"
      data-article-id={article.id}
      data-seq={article.seq}
      data-selected={selected ? 'true' : undefined}
    >
      {/* The whole row selects the story; chips sit above this button and filter instead. */}
      <button
        type="button"
        className="row-hit"
        onClick={() => onSelect(article)}
        aria-current={selected ? 'true' : undefined}
        aria-label={article.headline}
      />
      <div className="row-when">
        <RelativeTime ms={article.publishedAt} className="row-age" />
        <span className="row-clock" title={timesTitle(article)} data-testid="row-clock">
          {formatEtTime(article.publishedAt)}
        </span>
      </div>
      <div className="row-main">
        <div className="row-meta">
          <span className="row-source">{article.source}</span>
          {others > 0 && (
            <span className="row-also" title={sourcesTitle(article)} data-testid="row-also">
              +{others} {others === 1 ? 'source' : 'sources'}
            </span>
          )}
          {age !== null && <span className="row-new">NEW</span>}
          {lead && <ReactionStrip ticker={lead} />}
        </div>
        <h3 className="row-headline">{article.headline}</h3>
        {tickers.length > 0 && (
          <div className="row-chips">
            {tickers.map((t) => (
              <TickerChip
                key={t.symbol}
                ticker={t}
                onClick={onTickerClick}
                active={activeTickers.includes(t.symbol)}
              />
            ))}
          </div>
        )}
      </div>
    </li>
  );
});
