import { z } from 'zod';

/** One price update: symbol, last price in US dollars, time in epoch ms. */
export const tickSchema = z.object({
  s: z.string(),
  p: z.number().positive(),
  t: z.number().int(),
});
export type Tick = z.infer<typeof tickSchema>;

/** Ticks flushed together, oldest first per symbol; the last of a symbol is its latest price. */
export interface TicksBatch {
  ticks: Tick[];
}

/** A point of a price series: time (epoch ms, start of the bucket) and close price in US dollars. */
export interface PricePoint {
  t: number;
  p: number;
}

/** Answer of GET /api/tickers/:symbol/history. */
export interface PriceHistory {
  symbol: string;
  from: number;
  to: number;
  /** Width of one point in ms (1000 = one-second bars). */
  resolutionMs: number;
  points: PricePoint[];
}

/** Last known price per symbol (GET /api/quotes). */
export interface Quote {
  symbol: string;
  price: number;
  t: number;
}

/** Answer of GET /api/quotes. */
export interface QuotesResponse {
  quotes: Quote[];
}
