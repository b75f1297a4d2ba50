import {
  type Article,
  type ArticleTicker,
  abnormalMove,
  HORIZONS,
  percentMove,
  type Reaction,
  type ReactionUpdate,
} from '../../../shared/index.js';

/** Pure helpers around a story's reaction (no I/O, unit-tested). Moves are in percent. */

/** The ticker a story's reaction is summarised by: the first primary ticker, else the first one. */
export function primaryTicker(article: Pick<Article, 'tickers'>): ArticleTicker | undefined {
  return article.tickers.find((t) => t.primary) ?? article.tickers[0];
}

/** How far a reaction has got, to tell an older copy from a newer one (compared in this order). */
function progress(t: ArticleTicker): number[] {
  const r = t.reaction;
  return [
    r.final ? 1 : 0,
    HORIZONS.filter((h) => r.horizons[h]).length,
    t.refPrice != null ? 1 : 0,
    r.benchmarkRef != null ? 1 : 0,
    r.lastTime ?? 0,
  ];
}

/** True when `a` is at least as far along as `b` (a copy of the same ticker's reaction). */
export function isAtLeastAsNew(a: ArticleTicker, b: ArticleTicker): boolean {
  const pa = progress(a);
  const pb = progress(b);
  for (let i = 0; i < pa.length; i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * The tickers of a story after an update: each incoming ticker replaces the held one unless the
 * held one is further along (a snapshot fetched after the push). Returns `held` when nothing changed.
 */
export function mergeTickers(held: readonly ArticleTicker[], incoming: readonly ArticleTicker[]) {
  let changed = false;
  const next = held.map((t) => {
    const inc = incoming.find((i) => i.symbol === t.symbol);
    if (!inc || inc === t || !isAtLeastAsNew(inc, t)) return t;
    changed = true;
    return inc;
  });
  return changed ? next : (held as ArticleTicker[]);
}

/** The story with the update's reactions applied; the same object when the update is not newer. */
export function applyReactionUpdate<A extends Article>(article: A, update: ReactionUpdate): A {
  if (article.id !== update.id) return article;
  const tickers = mergeTickers(article.tickers, update.tickers);
  return tickers === article.tickers ? article : { ...article, tickers };
}

/** The newest update per story: later updates in the list win, so a batch can be applied once. */
export function latestUpdates(updates: Iterable<ReactionUpdate>): Map<string, ReactionUpdate> {
  const byId = new Map<string, ReactionUpdate>();
  for (const u of updates) byId.set(u.id, u);
  return byId;
}

/** A price with its time, as the price store keeps it. */
export interface TimedPrice {
  p: number;
  t: number;
}

export interface LiveReaction {
  /** Last price used (the live tick, or the reaction's when it is newer). */
  last: number | null;
  /** Move since publication, percent. */
  move: number | null;
  /** Move minus the benchmark's move since publication, percentage points. */
  abnormal: number | null;
}

/**
 * The ticker's move and abnormal move now, computed as the server does: from ticks (live price,
 * live benchmark price) when they are newer than the reaction, the reaction's values otherwise.
 * Ticks keep it current for stories older than the hour the server pushes every second, and past
 * the day after which their reaction is final, so it always agrees with the chips.
 */
export function liveReaction(
  ticker: Pick<ArticleTicker, 'refPrice' | 'reaction'>,
  live: TimedPrice | undefined,
  benchmark: TimedPrice | undefined,
): LiveReaction {
  const r: Reaction = ticker.reaction;
  if (!live || (r.lastTime != null && r.lastTime > live.t)) {
    return { last: r.last, move: r.move, abnormal: r.abnormal };
  }
  const move = percentMove(live.p, ticker.refPrice);
  const benchMove = percentMove(benchmark?.p, r.benchmarkRef);
  const abnormal = abnormalMove(move, benchMove) ?? (move == null ? null : r.abnormal);
  return { last: live.p, move: move ?? r.move, abnormal };
}

/** True when nothing in the story's reactions will change any more. */
export function isFinal(article: Pick<Article, 'tickers'>): boolean {
  return article.tickers.every((t) => t.reaction.final);
}
