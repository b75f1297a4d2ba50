import { memo } from 'react';
import type { Horizon, Reaction } from '../../../shared/index.js';
import { directionOf, formatPercent, formatPoints } from '../lib/format.js';

interface SignedProps {
  /** Percent (a move) or percentage points (an abnormal move); null when unknown. */
  value: number | null | undefined;
  unit: 'pct' | 'pts';
  className?: string;
}

/** A signed move already in percent, green up / red down; "—" when unknown. */
export function Signed({ value, unit, className }: SignedProps) {
  const dir = value == null ? 'none' : directionOf(value / 100);
  return (
    <span className={`signed is-${dir}${className ? ` ${className}` : ''}`} data-direction={dir}>
      {unit === 'pct' ? formatPercent(value) : formatPoints(value)}
    </span>
  );
}

const HORIZON_WORDS: Record<Horizon, string> = {
  '1m': '1 minute',
  '5m': '5 minutes',
  '15m': '15 minutes',
  '1h': '1 hour',
};

interface HorizonValueProps {
  horizon: Horizon;
  reaction: Reaction;
  /** Print the horizon ("1m") before the value, as the feed strip does. */
  label?: boolean;
  className?: string;
}

/**
 * The move frozen at a horizon after publication, or a dimmed "—" while that time has not come
 * (data-state pending|frozen); "n/a" when it passed with no price known. The abnormal move at that
 * horizon is in the hover title. Memoised: the strip around it renders at tick rate, and these
 * change only with the story's reaction.
 */
export const HorizonValue = memo(function HorizonValue({
  horizon,
  reaction,
  label = false,
  className,
}: HorizonValueProps) {
  const frozen = reaction.horizons[horizon];
  const title = frozen
    ? `${HORIZON_WORDS[horizon]} after publication: ${formatPercent(frozen.move)}` +
      (frozen.abnormal != null ? ` (${formatPoints(frozen.abnormal)} pts vs ${reaction.benchmark})` : '') +
      (frozen.move == null ? ' (no price known then)' : '')
    : `Not yet: the move is frozen ${HORIZON_WORDS[horizon]} after publication`;
  return (
    <span
      className={`horizon${frozen ? ' is-frozen' : ' is-pending'}${className ? ` ${className}` : ''}`}
      data-testid={`horizon-${horizon}`}
      data-state={frozen ? 'frozen' : 'pending'}
      title={title}
    >
      {label && <span className="horizon-label">{horizon}</span>}
      {!frozen ? (
        <span className="signed is-pending">—</span>
      ) : frozen.move == null ? (
        <span className="signed is-none">n/a</span>
      ) : (
        <Signed value={frozen.move} unit="pct" />
      )}
    </span>
  );
});
