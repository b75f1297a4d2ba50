import type { ArticleTicker } from '../../../../shared/index.js';
import { Move } from '../../components/move.js';
import { formatUsd, moveSince } from '../../lib/format.js';
import { priceNote, usePriceView } from '../../lib/market-status.js';

interface StoryTickersProps {
  tickers: readonly ArticleTicker[];
  activeTickers: readonly string[];
  onFilter: (symbol: string) => void;
}

const EVIDENCE_LABEL: Record<ArticleTicker['evidence'], string> = {
  provider: 'tagged by the source',
  cashtag: 'cashtag in the text',
  exchange: 'exchange:symbol in the text',
  ric: 'Reuters code in the text',
  listing: 'listing code in the text',
  paren: 'symbol in parentheses',
  phrase: '"ticker" phrase in the text',
  name: 'company name',
  symbol: 'symbol in the text',
};

/** The story's tickers: price at publication, live price, move since publication. */
export function StoryTickers({ tickers, activeTickers, onFilter }: StoryTickersProps) {
  if (tickers.length === 0) return <p className="story-empty-note">No ticker was tagged on this story.</p>;
  const sorted = [...tickers].sort((a, b) => Number(b.primary) - Number(a.primary));
  return (
    <table className="story-tickers">
      <thead>
        <tr>
          <th scope="col">Ticker</th>
          <th scope="col" className="num">
            At publication
          </th>
          <th scope="col" className="num">
            Last
          </th>
          <th scope="col" className="num">
            Since published
          </th>
          <th scope="col">
            <span className="visually-hidden">Filter</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((t) => (
          <StoryTickerRow
            key={t.symbol}
            ticker={t}
            filtered={activeTickers.includes(t.symbol)}
            onFilter={onFilter}
          />
        ))}
      </tbody>
    </table>
  );
}

function StoryTickerRow({
  ticker,
  filtered,
  onFilter,
}: {
  ticker: ArticleTicker;
  filtered: boolean;
  onFilter: (symbol: string) => void;
}) {
  const view = usePriceView(ticker.symbol);
  const { live } = view;
  const move = moveSince(live?.p, ticker.refPrice);
  const note = priceNote(view);
  return (
    <tr data-testid="story-ticker" data-symbol={ticker.symbol}>
      <th scope="row">
        <span className="st-symbol">{ticker.symbol}</span>
        <span className="st-name" title={`Found by ${EVIDENCE_LABEL[ticker.evidence]}`}>
          {ticker.name ?? ''}
          {!ticker.primary && <span className="st-mention">mention</span>}
        </span>
      </th>
      <td className="num muted">{formatUsd(ticker.refPrice)}</td>
      <td
        className={`num st-live${view.stale ? ' is-stale' : ''}`}
        title={note ?? undefined}
        data-live={view.notLive ? 'no' : undefined}
      >
        {view.notLive && <span className="not-live-mark" role="img" aria-label="not live" />}
        {live ? formatUsd(live.p) : '—'}
      </td>
      <td className="num">
        <Move value={move} className="st-move" />
      </td>
      <td className="st-action">
        <button
          type="button"
          className="link-button"
          onClick={() => onFilter(ticker.symbol)}
          disabled={filtered}
          title={filtered ? `${ticker.symbol} is in the filter` : `Show only stories about ${ticker.symbol}`}
        >
          {filtered ? 'Filtered' : '+ Filter'}
        </button>
      </td>
    </tr>
  );
}
