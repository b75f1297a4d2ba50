import { formatEtTime } from '../../lib/format.js';
import type { RelatedStory } from './chart-markers-layout.js';

/** A story marker under the pointer (or focused), with where it sits in the chart (pixels). */
export interface MarkerHover {
  story: RelatedStory;
  x: number;
  y: number;
  /** Right edge of the plot, to keep the card inside the chart. */
  right: number;
}

const HALF_CARD = 150;

function offsetLabel(t: number, publishedAt: number): string {
  const m = Math.round((t - publishedAt) / 60_000);
  if (m === 0) return 'same minute';
  const span = Math.abs(m) < 120 ? `${Math.abs(m)} min` : `${(Math.abs(m) / 60).toFixed(1)} h`;
  return m > 0 ? `${span} after this story` : `${span} before this story`;
}

/** The hover card of a story marker: time, source and headline. */
export function MarkerCard({ hover, publishedAt }: { hover: MarkerHover; publishedAt: number }) {
  const { article, about } = hover.story;
  const side = hover.x < HALF_CARD ? 'start' : hover.x > hover.right - HALF_CARD ? 'end' : 'center';
  return (
    <div
      className={`chart-marker-card is-${side}`}
      style={{ left: hover.x, top: hover.y }}
      role="tooltip"
      data-testid="chart-marker-card"
    >
      <div className="mc-meta">
        <strong>{formatEtTime(article.publishedAt)} ET</strong> ·{' '}
        {offsetLabel(article.publishedAt, publishedAt)} · {article.source}
        {!about && <span className="mc-mention">mention</span>}
      </div>
      <div className="mc-headline">{article.headline}</div>
      <div className="mc-hint">Click to open this story</div>
    </div>
  );
}
