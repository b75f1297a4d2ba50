import { directionOf, formatPct } from '../lib/format.js';

interface MoveProps {
  /** Fractional move (0.0123 = +1.23 %), null when unknown. */
  value: number | null;
  /** Hide the arrow where space is tight. */
  arrow?: boolean;
  className?: string;
}

const ARROWS = { up: '▲', down: '▼', flat: '', none: '' } as const;

/** A signed percentage, green up / red down, with an arrow; "—" when unknown. */
export function Move({ value, arrow = true, className }: MoveProps) {
  const dir = value == null ? 'none' : directionOf(value);
  return (
    <span className={`move is-${dir}${className ? ` ${className}` : ''}`} data-direction={dir}>
      {/* The arrow keeps its slot when empty so the number never shifts. */}
      {arrow && (
        <span className="move-arrow" aria-hidden="true">
          {ARROWS[dir]}
        </span>
      )}
      <span className="move-value">{formatPct(value)}</span>
    </span>
  );
}
