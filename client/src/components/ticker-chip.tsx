import type { MouseEvent } from 'react';
import type { ArticleTicker } from '../../../shared/index.js';
import { formatUsd, moveSince } from '../lib/format.js';
import { useLivePrice } from '../lib/prices.js';
import { Move } from './move.js';

interface TickerChipProps {
  ticker: ArticleTicker;
  onClick?: (symbol: string) => void;
  /** Highlight when the symbol is part of the active filter. */
  active?: boolean;
}

/** SYMBOL · live price · move since the story was published (live / refPrice - 1). */
export function TickerChip({ ticker, onClick, active = false }: TickerChipProps) {
  const live = useLivePrice(ticker.symbol);
  const move = moveSince(live?.p, ticker.refPrice);
  const title = [
    ticker.name ?? ticker.symbol,
    `at publication ${formatUsd(ticker.refPrice)}`,
    ticker.primary ? 'the story is about it' : 'mentioned',
    onClick ? `click to filter on ${ticker.symbol}` : null,
  ]
    .filter(Boolean)
    .join(' · ');

  const handle = (e: MouseEvent) => {
    e.stopPropagation();
    onClick?.(ticker.symbol);
  };

  return (
    <button
      type="button"
      className={`ticker-chip${ticker.primary ? ' is-primary' : ''}${active ? ' is-active' : ''}`}
      data-testid="ticker-chip"
      data-symbol={ticker.symbol}
      onClick={handle}
      title={title}
    >
      <span className="chip-symbol">{ticker.symbol}</span>
      <span className="chip-price">{live ? formatUsd(live.p) : '—'}</span>
      <Move value={move} className="chip-move" />
    </button>
  );
}
