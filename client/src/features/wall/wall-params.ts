import { parseSymbolList } from '../../../../shared/index.js';

/** How a wall display is configured: everything comes from its URL, so a link sets up a screen. */
export interface WallParams {
  /** Tickers of the wall (feed and tape); empty: every story, and the tickers of recent stories. */
  tickers: string[];
  /** Time each story stays on screen in rotation (ms). */
  rotateMs: number;
  /** No tick or heartbeat for this long and the wall says its data is stale (ms). */
  staleMs: number;
  /** ?theme=light|dark; absent: the browser's remembered or system theme. */
  theme: 'light' | 'dark' | null;
}

export const DEFAULT_ROTATE_S = 20;
export const DEFAULT_STALE_S = 15;
/** A wall shows this many tickers at most (tape and filter). */
export const MAX_WALL_TICKERS = 24;

function seconds(raw: string | null, fallback: number, min: number, max: number): number {
  const n = raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

/** True for the wall's path: /wall (and /wall/). */
export function isWallPath(pathname: string): boolean {
  return /^\/wall\/?$/.test(pathname);
}

/** The wall's configuration from its query string: ?tickers=BABA,NVDA&rotate=20&stale=15&theme=light. */
export function parseWallParams(search: string): WallParams {
  const params = new URLSearchParams(search);
  const tickers = parseSymbolList(params.get('tickers')).symbols.slice(0, MAX_WALL_TICKERS);
  const theme = params.get('theme');
  return {
    tickers,
    rotateMs: seconds(params.get('rotate'), DEFAULT_ROTATE_S, 3, 3_600) * 1_000,
    staleMs: seconds(params.get('stale'), DEFAULT_STALE_S, 5, 600) * 1_000,
    theme: theme === 'light' || theme === 'dark' ? theme : null,
  };
}
