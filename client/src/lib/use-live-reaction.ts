import type { ArticleTicker } from '../../../shared/index.js';
import { useLivePrice } from './prices.js';
import { type LiveReaction, liveReaction } from './reaction.js';

/** A ticker's move and abnormal move since publication, live from ticks (see liveReaction). */
export function useLiveReaction(
  ticker: Pick<ArticleTicker, 'symbol' | 'refPrice' | 'reaction'>,
): LiveReaction {
  const live = useLivePrice(ticker.symbol);
  const benchmark = useLivePrice(ticker.reaction.benchmark);
  return liveReaction(ticker, live, benchmark);
}
