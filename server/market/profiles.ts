import { hashString } from './rng.js';

/** Starting price (USD) and annualised volatility of a symbol in the mock market. */
export interface Profile {
  price: number;
  vol: number;
  /** Sensitivity to the common market factor. */
  beta: number;
}

/** Roughly realistic levels for well-known names, so the demo reads like a real tape. */
const KNOWN: Record<string, [price: number, vol: number, beta: number]> = {
  SPY: [668, 0.14, 1],
  QQQ: [598, 0.18, 1.15],
  AAPL: [252, 0.26, 1.05],
  MSFT: [512, 0.24, 1.0],
  NVDA: [182, 0.48, 1.6],
  AMD: [164, 0.52, 1.6],
  AVGO: [338, 0.42, 1.4],
  TSM: [281, 0.38, 1.3],
  INTC: [33, 0.5, 1.2],
  META: [752, 0.36, 1.25],
  GOOGL: [246, 0.3, 1.1],
  AMZN: [221, 0.32, 1.15],
  TSLA: [426, 0.62, 1.9],
  NFLX: [1215, 0.34, 1.1],
  ORCL: [291, 0.42, 1.2],
  BABA: [163, 0.45, 1.1],
  JD: [36, 0.45, 1.1],
  PDD: [128, 0.5, 1.1],
  BIDU: [118, 0.45, 1.1],
  NIO: [7.4, 0.75, 1.4],
  'BRK.B': [498, 0.16, 0.8],
  JPM: [309, 0.22, 1.05],
  GS: [781, 0.28, 1.25],
  MS: [156, 0.28, 1.2],
  BAC: [51, 0.26, 1.1],
  WFC: [82, 0.26, 1.1],
  XOM: [113, 0.24, 0.6],
  CVX: [156, 0.24, 0.65],
  LLY: [815, 0.32, 0.6],
  NVO: [55, 0.4, 0.6],
  PFE: [24.6, 0.24, 0.5],
  MRNA: [26, 0.6, 0.9],
  WMT: [102, 0.18, 0.55],
  COST: [921, 0.2, 0.7],
  TGT: [90, 0.32, 0.85],
  KO: [67, 0.14, 0.45],
  PEP: [141, 0.16, 0.45],
  F: [11.9, 0.34, 1.1],
  GM: [58, 0.34, 1.15],
  DAL: [57, 0.4, 1.3],
  UAL: [99, 0.46, 1.4],
  BA: [216, 0.34, 1.1],
  CAT: [477, 0.3, 1.1],
  LYFT: [22, 0.55, 1.4],
};

/** A symbol's profile: the known one, or a stable made-up one derived from its name. */
export function profileFor(symbol: string): Profile {
  const known = KNOWN[symbol];
  if (known) return { price: known[0], vol: known[1], beta: known[2] };
  const h = hashString(symbol);
  return {
    price: Math.round((8 + (h % 2_400) / 10) * 100) / 100,
    vol: 0.25 + ((h >>> 12) % 40) / 100,
    beta: 0.7 + ((h >>> 20) % 80) / 100,
  };
}
