import { type ArticleTicker, HORIZONS } from '../../../../shared/index.js';
import { Move } from '../../components/move.js';
import { HorizonValue, Signed } from '../../components/reaction-values.js';
import { formatUsd } from '../../lib/format.js';
import { priceNote, usePriceView } from '../../lib/market-status.js';
import { useLiveReaction } from '../../lib/use-live-reaction.js';

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

/**
 * The story's tickers and how each reacted: price at publication, last, move since publication,
 * abnormal move over the benchmark, the moves frozen at each horizon, the largest moves up and down.
 */
export function StoryTickers({ tickers, activeTickers, onFilter }: StoryTickersProps) {
  if (tickers.length === 0) return <p className="story-empty-note">No ticker was tagged on this story.</p>;
  const sorted = [...tickers].sort((a, b) => Number(b.primary) - Number(a.primary));
  const benchmark = sorted[0]?.reaction.benchmark ?? 'SPY';
  return (
    <div className="story-tickers-wrap">
      <table className="story-tickers">
        <thead>
          <tr>
            <th scope="col">Ticker</th>
            <th scope="col" className="num" title="Last trade at or before publication">
              At pub.
            </th>
            <th scope="col" className="num">
              Last
            </th>
            <th scope="col" className="num">
              Since pub.
            </th>
            <th
              scope="col"
              className="num"
              title={`Move since publication minus ${benchmark}'s move over the same time, in percentage points`}
            >
              Abn. vs {benchmark}
            </th>
            {HORIZONS.map((h) => (
              <th key={h} scope="col" className="num st-h" title={`Move frozen ${h} after publication`}>
                {h}
              </th>
            ))}
            <th scope="col" className="num" title="Largest move up and down since publication">
              Max ↑↓
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((t) => (
            <StoryTickerRow
              key={t.symbol}
              ticker={t}
              benchmark={benchmark}
              filtered={activeTickers.includes(t.symbol)}
              onFilter={onFilter}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StoryTickerRow({
  ticker,
  benchmark,
  filtered,
  onFilter,
}: {
  ticker: ArticleTicker;
  /** The benchmark named in the header; a ticker measured against another one says so. */
  benchmark: string;
  filtered: boolean;
  onFilter: (symbol: string) => void;
}) {
  const { reaction: r } = ticker;
  const live = useLiveReaction(ticker);
  const view = usePriceView(ticker.symbol);
  const note = priceNote(view);
  // The live move may already be past the largest move the last push carried.
  const maxUp = r.final || live.move == null ? r.maxUp : Math.max(r.maxUp ?? 0, live.move);
  const maxDown = r.final || live.move == null ? r.maxDown : Math.min(r.maxDown ?? 0, live.move);
  return (
    <tr data-testid="story-ticker" data-symbol={ticker.symbol}>
      <th scope="row">
        <button
          type="button"
          className={`st-symbol${filtered ? ' is-filtered' : ''}`}
          onClick={() => onFilter(ticker.symbol)}
          disabled={filtered}
          title={filtered ? `${ticker.symbol} is in the filter` : `Show only stories about ${ticker.symbol}`}
        >
          {ticker.symbol}
        </button>
        <span className="st-name" title={`Found by ${EVIDENCE_LABEL[ticker.evidence]}`}>
          {ticker.name ?? ''}
          {!ticker.primary && <span className="st-mention">mention</span>}
        </span>
      </th>
      <td className="num muted">
        {formatUsd(ticker.refPrice)}
        {r.refAfter && (
          <span
            className="st-flag"
            data-testid="ref-after"
            title="No trade was known at publication: the reference is the first trade after it"
          >
            first trade after
          </span>
        )}
      </td>
      <td
        className={`num st-live${view.stale ? ' is-stale' : ''}`}
        title={note ?? undefined}
        data-live={view.notLive ? 'no' : undefined}
      >
        {view.notLive && <span className="not-live-mark" role="img" aria-label="not live" />}
        {formatUsd(live.last)}
      </td>
      <td className="num">
        <Move value={live.move == null ? null : live.move / 100} className="st-move" />
      </td>
      <td className="num st-abn" data-testid="abnormal-move">
        <Signed value={live.abnormal} unit="pts" />
        {r.benchmark !== benchmark && <span className="st-vs">vs {r.benchmark}</span>}
      </td>
      {HORIZONS.map((h) => (
        <td key={h} className="num st-h">
          <HorizonValue horizon={h} reaction={r} />
        </td>
      ))}
      <td className="num st-max">
        <Signed value={maxUp} unit="pct" />
        <Signed value={maxDown} unit="pct" />
      </td>
    </tr>
  );
}
