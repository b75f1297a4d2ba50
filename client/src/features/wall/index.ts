export { isWallPath, MAX_WALL_TICKERS, parseWallParams, type WallParams } from './wall-params.js';
export { WallView } from './wall-view.js';
