/**
 * Burn-in care for a screen that shows the same layout for weeks: the whole wall drifts slowly
 * along a Lissajous path a few pixels wide, so no edge or glyph stays on the same pixels for hours,
 * and the static chrome breathes between full and slightly dimmed brightness.
 */

export interface BurnInShift {
  /** Offset in units of the maximum amplitude, each in [-1, 1]. */
  x: number;
  y: number;
  /** Opacity of the static chrome (labels, frames), in [DIM_MIN, 1]. */
  chrome: number;
}

/** Periods are prime numbers of minutes apart so the path takes days to repeat exactly. */
const PERIOD_X_MS = 17 * 60_000;
const PERIOD_Y_MS = 23 * 60_000;
const PERIOD_DIM_MS = 41 * 60_000;
export const DIM_MIN = 0.86;

/** Where the wall sits at `now` (epoch ms). Moves at most ~0.4 % of the amplitude per second. */
export function burnInShift(now: number): BurnInShift {
  const x = Math.sin((2 * Math.PI * now) / PERIOD_X_MS);
  const y = Math.sin((2 * Math.PI * now) / PERIOD_Y_MS + Math.PI / 3);
  const wave = (1 + Math.cos((2 * Math.PI * now) / PERIOD_DIM_MS)) / 2;
  return { x, y, chrome: DIM_MIN + (1 - DIM_MIN) * wave };
}
