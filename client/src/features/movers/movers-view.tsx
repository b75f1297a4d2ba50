import type { ReactNode } from 'react';
import type { Article, MoverWindow } from '../../../../shared/index.js';
import { StateMessage } from '../../components/state-message.js';
import { MoverRow } from './mover-row.js';
import { MOVER_WINDOW_CHOICES } from './movers-queries.js';
import type { Movers } from './use-movers.js';

interface MoversViewProps {
  movers: Movers;
  /** The Stories | Movers switch, composed by the app shell. */
  tabs: ReactNode;
  tickers: readonly string[];
  selectedId: string | null;
  onSelect: (article: Article) => void;
  onWindowChange: (window: MoverWindow) => void;
}

const WINDOW_WORDS: Record<MoverWindow, string> = {
  '15m': 'the last 15 minutes',
  '1h': 'the last hour',
  '4h': 'the last 4 hours',
  '1d': 'the last day',
};

/** Recent stories ranked by the abnormal move of their tickers, live, with a window selector. */
export function MoversView({ movers, tabs, tickers, selectedId, onSelect, onWindowChange }: MoversViewProps) {
  const scale = Math.max(0, ...movers.items.map((m) => Math.abs(m.abnormal ?? 0)));
  let body: ReactNode;
  if (movers.isLoading) {
    body = <StateMessage title="Loading movers…" />;
  } else if (movers.error && movers.items.length === 0) {
    body = (
      <StateMessage
        tone="error"
        title="Movers could not be loaded"
        action={{ label: 'Try again', onClick: movers.retry }}
      >
        {movers.error.message}
      </StateMessage>
    );
  } else if (movers.items.length === 0) {
    body = (
      <StateMessage title={`No story moved its tickers in ${WINDOW_WORDS[movers.window]}`}>
        Stories appear here ranked by how far their ticker moved against the market since publication.
      </StateMessage>
    );
  } else {
    body = (
      <ol
        className="mover-rows"
        aria-label={`Stories of ${WINDOW_WORDS[movers.window]}, biggest abnormal move first`}
      >
        {movers.items.map((m, i) => (
          <MoverRow
            key={m.article.id}
            mover={m}
            rank={i + 1}
            scale={scale}
            selected={m.article.id === selectedId}
            onSelect={onSelect}
          />
        ))}
      </ol>
    );
  }

  return (
    <section
      className={`feed movers${movers.isSwitching ? ' is-switching' : ''}`}
      aria-label="Movers on news"
      data-testid="movers-view"
    >
      <header className="panel-header">
        {tabs}
        <span className="panel-sub" title="Move since publication minus the benchmark's move">
          by abnormal move{tickers.length > 0 ? ` · ${tickers.join(', ')}` : ''}
        </span>
        <fieldset className="segmented panel-tools" data-testid="movers-window">
          <legend className="visually-hidden">Stories published in</legend>
          {MOVER_WINDOW_CHOICES.map((w) => (
            <button
              type="button"
              key={w}
              aria-pressed={movers.window === w}
              onClick={() => onWindowChange(w)}
              title={`Stories published in ${WINDOW_WORDS[w]}`}
            >
              {w === '1d' ? '1D' : w}
            </button>
          ))}
        </fieldset>
      </header>
      <div className="feed-scroll">{body}</div>
    </section>
  );
}
