import { z } from 'zod';

/** Fixed windows after publication at which a story's move is frozen and kept. */
export const HORIZONS = ['1m', '5m', '15m', '1h'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const HORIZON_MS: Record<Horizon, number> = {
  '1m': 60_000,
  '5m': 5 * 60_000,
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
};

/** A ticker's move at a horizon, in percent (abnormal: percentage points over the benchmark). */
export interface HorizonMove {
  move: number | null;
  abnormal: number | null;
}

/**
 * How a ticker reacted to a story. Moves are percent from the reference price (the ticker's
 * `refPrice`); abnormal moves are the ticker's move minus its benchmark's move over the same
 * window, in percentage points.
 */
export interface Reaction {
  /** What the move is compared with (SPY unless configured per symbol). */
  benchmark: string;
  /** Time of the reference trade (epoch ms); null while no trade is known. */
  refTime: number | null;
  /** True when no trade was known at or before publication and the first one after it is the reference. */
  refAfter: boolean;
  /** The benchmark's price at the reference time. */
  benchmarkRef: number | null;
  /** Last price seen and its time. */
  last: number | null;
  lastTime: number | null;
  /** Move since publication, as of lastTime. */
  move: number | null;
  abnormal: number | null;
  /** Largest move up and down since publication (percent; maxUp >= 0 >= maxDown once known). */
  maxUp: number | null;
  maxDown: number | null;
  /** Moves at +1 min, +5 min, +15 min and +1 h, once those times have passed. */
  horizons: Partial<Record<Horizon, HorizonMove>>;
  /** Tracking has ended (a day after publication): nothing here changes any more. */
  final: boolean;
}

/** Percent move from a reference price; null when either is unknown. */
export function percentMove(price: number | null | undefined, ref: number | null | undefined): number | null {
  if (price == null || ref == null || ref <= 0) return null;
  return (price / ref - 1) * 100;
}

/** Ticker move minus benchmark move (percentage points); null when either is unknown. */
export function abnormalMove(move: number | null, benchmarkMove: number | null): number | null {
  return move == null || benchmarkMove == null ? null : move - benchmarkMove;
}

/** Time windows for GET /api/movers. */
export const MOVER_WINDOWS = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '4h': 4 * 3_600_000,
  '1d': 86_400_000,
} as const;
export type MoverWindow = keyof typeof MOVER_WINDOWS;

/** A reaction before any price is known. */
export function newReaction(benchmark: string): Reaction {
  return {
    benchmark,
    refTime: null,
    refAfter: false,
    benchmarkRef: null,
    last: null,
    lastTime: null,
    move: null,
    abnormal: null,
    maxUp: null,
    maxDown: null,
    horizons: {},
    final: false,
  };
}

/**
 * The smallest change of a live move the screen shows (moves print with 2 decimals: 0.01 percent,
 * or percentage points for an abnormal move). The server pushes a story's live values only when one
 * of them changed by at least this much since the last push, or when a value froze.
 */
export const REACTION_PUSH_STEP = 0.01;

/** A reaction's shown live values in REACTION_PUSH_STEP units, to tell a visible change from noise. */
export function visibleReaction(r: Reaction): string {
  const q = (x: number | null) => (x == null ? '' : Math.round(x / REACTION_PUSH_STEP));
  return `${q(r.move)}|${q(r.abnormal)}|${q(r.maxUp)}|${q(r.maxDown)}`;
}

/** A live move as pushed: rounded to what the screen shows (REACTION_PUSH_STEP, 2 decimals). */
export function shownMove(x: number | null): number | null {
  return x == null ? null : Math.round(x * 100) / 100;
}

const liveNumber = z.number().finite().nullable();

/**
 * One ticker's live values in a compact reactions:updated frame:
 * [symbol, move, abnormal, maxUp, maxDown, last, lastTime]. Moves are rounded to 2 decimals.
 */
export const liveTickerSchema = z.tuple([
  z.string().min(1),
  liveNumber,
  liveNumber,
  liveNumber,
  liveNumber,
  liveNumber,
  liveNumber,
]);
export type LiveTicker = z.infer<typeof liveTickerSchema>;

/**
 * A story whose live values changed visibly and nothing froze: only the live numbers of its
 * tracked tickers (`t`), merged by the client into the reaction it holds. A milestone (a horizon
 * froze, a late reference, final) comes as a full ReactionUpdate instead.
 */
export const liveReactionUpdateSchema = z.object({
  id: z.string().min(1),
  seq: z.number().int(),
  t: z.array(liveTickerSchema),
});
export type LiveReactionUpdate = z.infer<typeof liveReactionUpdateSchema>;

/** The compact form of a ticker's live values. */
export function liveTicker(symbol: string, r: Reaction): LiveTicker {
  return [
    symbol,
    shownMove(r.move),
    shownMove(r.abnormal),
    shownMove(r.maxUp),
    shownMove(r.maxDown),
    r.last,
    r.lastTime,
  ];
}

/** The reaction with a compact frame's live values applied. */
export function withLiveTicker(
  r: Reaction,
  [, move, abnormal, maxUp, maxDown, last, lastTime]: LiveTicker,
): Reaction {
  return { ...r, move, abnormal, maxUp, maxDown, last, lastTime };
}
