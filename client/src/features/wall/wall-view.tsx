import type { CSSProperties, ReactNode } from 'react';
import type { Article } from '../../../../shared/index.js';
import { useNow } from '../../lib/clock.js';
import { useViewport } from '../../lib/use-viewport.js';
import { useViewTokenRefused } from '../../lib/view-token.js';
import { type RotationConfig, type RotationState, rotationProgress } from './rotation.js';
import { useBurnIn } from './use-burn-in.js';
import { useWallRotation } from './use-wall-rotation.js';
import { WallHeader } from './wall-header.js';
import { WallHeadlines } from './wall-headlines.js';
import type { WallParams } from './wall-params.js';
import { WallStory } from './wall-story.js';
import { WallTape } from './wall-tape.js';

/** Headlines listed beside the story. */
const HEADLINES = 6;
/** Width of a tape cell, in wall units (1 % of the shorter side). */
const TAPE_CELL_UNITS = 28;

interface WallViewProps {
  params: WallParams;
  /** The wall's stories, newest first. */
  articles: readonly Article[];
  /** False until the first snapshot of stories is in. */
  ready: boolean;
  /** Tickers on the tape (the URL's, or those of recent stories). */
  tapeSymbols: readonly string[];
  /** The connection state and the banner when the data is not live, composed by the app shell. */
  status: ReactNode;
  banner: ReactNode;
  renderChart: (article: Article, unitPx: number) => ReactNode;
}

/**
 * A display nobody touches: the current story large with its chart, the latest headlines, a tape
 * of live prices and the New York clock. Sized from the viewport, no scrolling, no hover; the whole
 * stage drifts a few pixels over minutes against burn-in.
 */
export function WallView({
  params,
  articles,
  ready,
  tapeSymbols,
  status,
  banner,
  renderChart,
}: WallViewProps) {
  const viewport = useViewport();
  const { state, config } = useWallRotation(articles, ready, params.rotateMs);
  const tokenRefused = useViewTokenRefused();
  const shift = useBurnIn();
  const current = articles.find((a) => a.id === state.currentId) ?? articles[0];
  const breaking = state.mode === 'breaking' && current?.id === state.currentId;
  // Padding, drift and the tape's label take about 14 units of the width.
  const columns = Math.max(2, Math.floor((viewport.width / viewport.unit - 14) / TAPE_CELL_UNITS));
  const scope = params.tickers.length > 0 ? params.tickers.join(' · ') : 'All stories';
  const style = {
    '--shift-x': shift.x.toFixed(4),
    '--shift-y': shift.y.toFixed(4),
    '--chrome': shift.chrome.toFixed(3),
  } as CSSProperties;

  return (
    <div
      className={`wall${viewport.portrait ? ' is-portrait' : ' is-landscape'}`}
      data-testid="wall"
      data-rotation={state.mode}
    >
      <div className="wall-stage" style={style} data-testid="wall-stage">
        <WallHeader scope={scope} status={status} />
        <main className="wall-main">
          <div className="wall-story-area">
            {current ? (
              <WallStory
                article={current}
                breaking={breaking}
                progress={<RotationProgress state={state} config={config} />}
              />
            ) : (
              <div className="wall-empty" data-testid="wall-empty">
                <h1 className="wall-headline">
                  {tokenRefused
                    ? 'This screen needs a viewer token'
                    : ready
                      ? 'Waiting for the first story…'
                      : 'Loading stories…'}
                </h1>
                <p className="wall-summary">
                  {tokenRefused
                    ? 'Open it with ?token=… at the end of its address (ask whoever runs this Tickerwire).'
                    : params.tickers.length > 0
                      ? `Stories about ${params.tickers.join(', ')} appear here the moment they are published.`
                      : 'Stories appear here the moment they are published.'}
                </p>
              </div>
            )}
          </div>
          <div className="wall-chart-area">
            {current && current.tickers.length > 0 && renderChart(current, viewport.unit)}
          </div>
          <WallHeadlines articles={articles.slice(0, HEADLINES)} currentId={current?.id ?? null} />
        </main>
        {tapeSymbols.length > 0 && (
          <WallTape symbols={tapeSymbols} columns={columns} rows={viewport.portrait ? 2 : 1} />
        )}
      </div>
      {banner}
    </div>
  );
}

/** How long the story stays up, as a bar (its own component: it is the only part redrawn every second). */
function RotationProgress({ state, config }: { state: RotationState; config: RotationConfig }) {
  const now = useNow(1_000);
  return (
    <div className="wall-progress" aria-hidden="true">
      <div
        className="wall-progress-bar"
        style={{ transform: `scaleX(${rotationProgress(state, now, config).toFixed(3)})` }}
      />
    </div>
  );
}
