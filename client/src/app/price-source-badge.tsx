import type { MarketStatus } from '../../../shared/index.js';
import { useMarketStatus } from '../lib/market-status.js';

const SOURCE_NAME: Record<MarketStatus['source'], string> = {
  mock: 'the built-in simulated market',
  replay: 'a recording, replayed',
  finnhub: 'Finnhub',
  alpaca: 'Alpaca',
};

/**
 * Says plainly where prices come from when they are not a live exchange feed (so nobody trades
 * on the mock market by mistake), and when a live feed is down or leaves symbols out.
 */
export function PriceSourceBadge() {
  const status = useMarketStatus();
  if (!status) return null;
  let label: string | null = null;
  let tone = 'is-simulated';
  if (status.source === 'mock') label = 'Simulated prices';
  else if (!status.connected) {
    label = 'Prices offline';
    tone = 'is-warning';
  } else if (status.source === 'replay') label = 'Replayed prices';
  else if (status.notLive.length > 0) {
    label = `${status.notLive.length} not live`;
    tone = 'is-warning';
  }
  if (!label) return null;
  const title = [
    `Prices come from ${SOURCE_NAME[status.source]} (TICK_SOURCE=${status.source}).`,
    status.reason,
    status.notLive.length > 0
      ? `Not live: ${status.notLive.slice(0, 30).join(', ')}${status.notLive.length > 30 ? '…' : ''}`
      : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span
      className={`session-badge ${tone}`}
      data-testid="price-source"
      data-source={status.source}
      title={title}
    >
      {label}
    </span>
  );
}
