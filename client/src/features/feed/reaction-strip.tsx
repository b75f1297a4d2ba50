import { type ArticleTicker, HORIZONS } from '../../../../shared/index.js';
import { HorizonValue, Signed } from '../../components/reaction-values.js';
import { useLiveReaction } from '../../lib/use-live-reaction.js';

/**
 * One ticker's reaction in a feed row: the moves frozen at +1m/+5m/+15m/+1h (dimmed "—" until
 * then) and the live abnormal move over the benchmark. Every cell has a fixed width, so values
 * arriving never shift the row.
 */
export function ReactionStrip({ ticker }: { ticker: ArticleTicker }) {
  const live = useLiveReaction(ticker);
  const { reaction } = ticker;
  return (
    <div
      className="reaction-strip"
      data-testid="reaction-strip"
      data-symbol={ticker.symbol}
      title={`${ticker.symbol}: move frozen 1, 5, 15 and 60 minutes after publication, and the live abnormal move vs ${reaction.benchmark}`}
    >
      <span className="rs-symbol">{ticker.symbol}</span>
      {HORIZONS.map((h) => (
        <HorizonValue key={h} horizon={h} reaction={reaction} label className="rs-cell" />
      ))}
      <span
        className="rs-abn"
        data-testid="abnormal-move"
        title={`Abnormal move: ${ticker.symbol}'s move since publication minus ${reaction.benchmark}'s, in percentage points`}
      >
        <span className="horizon-label">abn</span>
        <Signed value={live.abnormal} unit="pts" />
      </span>
    </div>
  );
}
