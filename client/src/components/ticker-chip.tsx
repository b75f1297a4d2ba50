import type { MouseEvent } from 'react';
import type { ArticleTicker } from '../../../shared/index.js';
import { formatUsd, moveSince } from '../lib/format.js';
import { priceNote, usePriceView } from '../lib/market-status.js';
import { Move } from './move.js';

interface TickerChipProps {
  ticker: ArticleTicker;
  onClick?: (symbol: string) => void;
  /** Highlight when the symbol is part of the active filter. */
  active?: boolean;
}

/** SYMBOL · live price · move since the story was published (live / refPrice - 1). */
export function TickerChip({ ticker, onClick, active = false }: TickerChipProps) {
  const view = usePriceView(ticker.symbol);
  const { live } = view;
  const move = moveSince(live?.p, ticker.refPrice);
  const title = [
    ticker.name ?? ticker.symbol,
    `at publication ${formatUsd(ticker.refPrice)}`,
    ticker.primary ? 'the story is about it' : 'mentioned',
    priceNote(view),
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
      className={`ticker-chip${ticker.primary ? ' is-primary' : ''}${active ? ' is-active' : ''}${
        view.stale ? ' is-stale' : ''
      }${view.notLive ? ' is-not-live' : ''}`}
      data-testid="ticker-chip"
      data-symbol={ticker.symbol}
      data-live={view.notLive ? 'no' : undefined}
      data-stale={view.stale ? 'yes' : undefined}
      onClick={handle}
      title={title}
    >
      <span className="chip-symbol">{ticker.symbol}</span>
      {view.notLive && (
        <span className="not-live-mark" data-testid="not-live-mark" role="img" aria-label="not live" />
      )}
      <span className="chip-price">{live ? formatUsd(live.p) : '—'}</span>
      <Move value={move} className="chip-move" />
    </button>
  );
}
