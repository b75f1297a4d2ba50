import { memo } from 'react';
import { type Article, BENCHMARK_SYMBOL, type Mover } from '../../../../shared/index.js';
import { Move } from '../../components/move.js';
import { Signed } from '../../components/reaction-values.js';
import { RelativeTime } from '../../components/relative-time.js';
import { formatEtTime } from '../../lib/format.js';
import { useLiveReaction } from '../../lib/use-live-reaction.js';

interface MoverRowProps {
  mover: Mover;
  rank: number;
  /** |abnormal| of the top row, to scale the magnitude bar. */
  scale: number;
  selected: boolean;
  onSelect: (article: Article) => void;
}

/** One ranked story: age, headline, source and time, the ticker with its move and abnormal move. */
export const MoverRow = memo(function MoverRow({ mover, rank, scale, selected, onSelect }: MoverRowProps) {
  const { article } = mover;
  const ticker = article.tickers.find((t) => t.symbol === mover.symbol);
  return (
    <li
      className={`mover-row${selected ? ' is-selected' : ''}`}
      data-testid="mover-row"
      data-article-id={article.id}
      data-symbol={mover.symbol}
      data-selected={selected ? 'true' : undefined}
    >
      <button
        type="button"
        className="row-hit"
        onClick={() => onSelect(article)}
        aria-current={selected ? 'true' : undefined}
        aria-label={`${rank}. ${mover.symbol}: ${article.headline}`}
      />
      <div className="row-when">
        <RelativeTime ms={article.publishedAt} className="row-age" />
        <span className="row-clock" title="Published (US/Eastern)">
          {formatEtTime(article.publishedAt)}
        </span>
      </div>
      <div className="mover-main">
        <h3 className="row-headline">{article.headline}</h3>
        <div className="row-meta">
          <span className="row-source">{article.source}</span>
        </div>
      </div>
      {ticker ? (
        <LiveFigures mover={mover} ticker={ticker} scale={scale} />
      ) : (
        <Figures
          symbol={mover.symbol}
          move={mover.move}
          abnormal={mover.abnormal}
          benchmark={BENCHMARK_SYMBOL}
          scale={scale}
        />
      )}
    </li>
  );
});

/** The ranked ticker's figures, kept live from ticks between two refetches of the ranking. */
function LiveFigures({
  mover,
  ticker,
  scale,
}: {
  mover: Mover;
  ticker: Article['tickers'][number];
  scale: number;
}) {
  const live = useLiveReaction(ticker);
  return (
    <Figures
      symbol={mover.symbol}
      move={live.move ?? mover.move}
      abnormal={live.abnormal ?? mover.abnormal}
      benchmark={ticker.reaction.benchmark}
      scale={scale}
    />
  );
}

function Figures({
  symbol,
  move,
  abnormal,
  benchmark,
  scale,
}: {
  symbol: string;
  move: number | null;
  abnormal: number | null;
  benchmark: string;
  scale: number;
}) {
  const width = abnormal == null || !(scale > 0) ? 0 : Math.min(1, Math.abs(abnormal) / scale);
  return (
    <div className="mover-figures">
      <div
        className="mover-abn"
        title={`${symbol}'s move since publication minus ${benchmark}'s (percentage points)`}
      >
        <span className="horizon-label">abn</span>
        <Signed value={abnormal} unit="pts" />
      </div>
      <div className="mover-move">
        <span className="mover-symbol">{symbol}</span>
        <Move value={move == null ? null : move / 100} />
      </div>
      <span
        className={`mover-bar${abnormal != null && abnormal < 0 ? ' is-down' : ''}`}
        style={{ transform: `scaleX(${width})` }}
        aria-hidden="true"
      />
    </div>
  );
}
