import {
  type Article,
  type ArticleTicker,
  abnormalMove,
  HORIZONS,
  type LiveReactionUpdate,
  percentMove,
  type Reaction,
  type ReactionUpdate,
  withLiveTicker,
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

/** A pushed reaction change: full tickers (a value froze) or only the live numbers. */
export type ReactionChange = ReactionUpdate | LiveReactionUpdate;

const isLive = (u: ReactionChange): u is LiveReactionUpdate => 't' in u;

/**
 * The tickers with a compact update's live values merged into their reactions, where those are not
 * older than the held ones (by lastTime). Returns `held` when nothing changed.
 */
export function mergeLive(held: readonly ArticleTicker[], update: LiveReactionUpdate): ArticleTicker[] {
  let changed = false;
  const next = held.map((t) => {
    const inc = update.t.find((l) => l[0] === t.symbol);
    if (!inc) return t;
    const r = t.reaction;
    const lastTime = inc[6];
    if (r.final || (r.lastTime != null && (lastTime == null || lastTime < r.lastTime))) return t;
    const reaction = withLiveTicker(r, inc);
    if (
      reaction.move === r.move &&
      reaction.abnormal === r.abnormal &&
      reaction.maxUp === r.maxUp &&
      reaction.maxDown === r.maxDown &&
      reaction.last === r.last &&
      reaction.lastTime === r.lastTime
    )
      return t;
    changed = true;
    return { ...t, reaction };
  });
  return changed ? next : (held as ArticleTicker[]);
}

/** The story with the update's reactions applied; the same object when the update is not newer. */
export function applyReactionUpdate<A extends Article>(article: A, update: ReactionChange): A {
  if (article.id !== update.id) return article;
  const tickers = isLive(update)
    ? mergeLive(article.tickers, update)
    : mergeTickers(article.tickers, update.tickers);
  return tickers === article.tickers ? article : { ...article, tickers };
}

/**
 * The newest change per story, so a batch can be applied once: a later full update wins; a later
 * live one is merged into an earlier full one (its frozen values kept).
 */
export function latestUpdates(updates: Iterable<ReactionChange>): Map<string, ReactionChange> {
  const byId = new Map<string, ReactionChange>();
  for (const u of updates) {
    const prev = byId.get(u.id);
    if (prev && !isLive(prev) && isLive(u)) byId.set(u.id, { ...prev, tickers: mergeLive(prev.tickers, u) });
    else byId.set(u.id, u);
  }
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
