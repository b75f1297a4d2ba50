import { useEffect, useState } from 'react';
import { Move } from '../../components/move.js';
import { useNow } from '../../lib/clock.js';
import { moveSince } from '../../lib/format.js';
import { useLivePrice } from '../../lib/prices.js';
import { useHourBase } from './wall-queries.js';

/** A page of the tape stays this long when there are more tickers than fit. */
export const TAPE_PAGE_MS = 8_000;

interface WallTapeProps {
  symbols: readonly string[];
  /** Cells in a row. */
  columns: number;
  /** Rows of cells (two on a portrait screen). */
  rows: number;
}

const price = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Tape of live prices with the move over the last hour; pages through the symbols when they do not fit. */
export function WallTape({ symbols, columns, rows }: WallTapeProps) {
  const perPage = columns * rows;
  const pages = Math.max(1, Math.ceil(symbols.length / perPage));
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (pages <= 1) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), TAPE_PAGE_MS);
    return () => clearInterval(timer);
  }, [pages]);
  const at = page % pages;
  const shown = symbols.slice(at * perPage, at * perPage + perPage);
  return (
    <section className="wall-tape" data-testid="wall-tape" aria-label="Live prices, move over the last hour">
      <div className="wall-tape-label">
        <span>Price</span>
        <span>1 h</span>
        {pages > 1 && (
          <span className="wall-tape-page" data-testid="tape-page">
            {at + 1}/{pages}
          </span>
        )}
      </div>
      {/* A few tickers share the whole width rather than leave it empty. */}
      <ul
        className="wall-tape-cells"
        style={{ gridTemplateColumns: `repeat(${Math.min(columns, shown.length)}, minmax(0, 1fr))` }}
      >
        {shown.map((s) => (
          <TapeCell key={s} symbol={s} />
        ))}
      </ul>
    </section>
  );
}

function TapeCell({ symbol }: { symbol: string }) {
  const now = useNow(60_000);
  const live = useLivePrice(symbol);
  const base = useHourBase(symbol, now);
  const move = moveSince(live?.p, base);
  return (
    <li className="wall-tape-cell" data-testid="tape-cell" data-symbol={symbol}>
      <span className="wall-tape-symbol">{symbol}</span>
      <span className="wall-tape-price" data-testid="tape-price">
        {live ? price.format(live.p) : '—'}
      </span>
      <Move value={move} className="wall-tape-move" />
    </li>
  );
}
