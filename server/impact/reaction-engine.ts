import {
  type Article,
  type ArticleTicker,
  abnormalMove,
  HORIZON_MS,
  HORIZONS,
  type LiveReactionUpdate,
  liveTicker,
  type Mover,
  newReaction,
  percentMove,
  type Reaction,
  type ReactionUpdate,
  type Tick,
  visibleReaction,
} from '../../shared/index.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { MarketData } from '../market/market-data.js';
import type { Store } from '../store/types.js';
import type { Tag } from '../tagging/tagger.js';

export interface ReactionEngineDeps {
  store: Store;
  market: MarketData;
  clock: Clock;
  logger: Logger;
  /** The benchmark a symbol's abnormal move is measured against. */
  benchmarkFor: (symbol: string) => string;
  /** Sends changed reactions to the clients showing those stories (once per sweep). */
  publish: (sweep: ReactionSweep) => void;
  /** How long after publication a story's reaction is tracked (then frozen as final). */
  trackMs?: number;
  /**
   * Stories this recent get their live moves pushed at a sweep when they changed visibly
   * (REACTION_PUSH_STEP); older ones only when a value freezes.
   */
  liveMs?: number;
  /** Several nodes: whether this node writes reactions (the tick source's owner does; all compute them). */
  writes?: () => boolean;
}

/** A story whose live values may be pushed, with its tags (to match feed filters). */
export interface LiveStory {
  seq: number;
  tickers: readonly Pick<ArticleTicker, 'symbol' | 'primary'>[];
}

/** What one sweep pushes; the gateway picks each group of clients' part. */
export interface ReactionSweep {
  /** Stories where a value froze (horizon, late reference, final): full tickers, sent at once. */
  articles: ReactionUpdate[];
  /** Stories whose live values changed visibly since the last sweep: the compact form. */
  live: LiveReactionUpdate[];
  /**
   * The tenth of the stories due this sweep (by seq, so each story once every LIVE_SLOW_MS): the
   * current live values of those whose values changed visibly since they were last due.
   */
  slow: LiveReactionUpdate[];
  /** The stories live values are pushed for (`live` and `slow` among them), newest first. */
  stories: LiveStory[];
}

/**
 * Every story's live values go to every client showing it this often (those of a group's newest
 * REACTION_LIVE_STORIES every sweep), a tenth of the stories at each sweep so no frame is a burst.
 * Between two, a page moves them itself from ticks (see liveReaction in the client).
 */
export const LIVE_SLOW_MS = 10_000;

/** A symbol's ticks since the last sweep: its highest, lowest and latest. */
interface SinceSweep {
  high: Tick;
  low: Tick;
  last: Tick;
}

/** The distinct ticks of a SinceSweep in time order. */
const inOrder = (w: SinceSweep): Tick[] => [...new Set([w.high, w.low, w.last])].sort((a, b) => a.t - b.t);

interface Tracked {
  id: string;
  seq: number;
  publishedAt: number;
  primarySymbols: string[];
  tickers: ArticleTicker[];
  /** Needs writing to the store. */
  dirty: boolean;
  /** Changed since the last push. */
  changed: boolean;
  /** A value froze (horizon, reference, final) since the last push: push even if not recent. */
  milestone: boolean;
  /** The shown values (visibleReaction of each ticker) as last pushed or published. */
  shown: string;
  /** Live values changed visibly since the story was last due (LIVE_SLOW_MS). */
  slowDirty: boolean;
}

/** The compact live values of a story: its tracked tickers only. */
const liveUpdate = (entry: Tracked): LiveReactionUpdate => ({
  id: entry.id,
  seq: entry.seq,
  t: entry.tickers.filter((t) => t.refPrice != null).map((t) => liveTicker(t.symbol, t.reaction)),
});

const shownOf = (tickers: ArticleTicker[]) => tickers.map((t) => visibleReaction(t.reaction)).join(';');

/** A horizon is frozen this long after it passes, so the trade at its exact time has arrived. */
const GRACE_MS = 1_000;
const SWEEP_MS = 1_000;
/** A story is due for its live values at one sweep in this many (its seq modulo this). */
const SLOW_SLOTS = LIVE_SLOW_MS / SWEEP_MS;
/**
 * A story's live values are written at one sweep in this many (its seq modulo this), a sixtieth of
 * the stories at each sweep; milestones at once. Reads are served from memory (decorate), and a
 * restart replays the stored prices since the last written values, so writing every changed story
 * every few seconds only cost the ingest path (thousands of rows with a busy day's stories).
 */
const PERSIST_SLOTS = 60;

const round = (x: number | null) => (x == null ? null : Math.round(x * 10_000) / 10_000);

/** A live reaction's abnormal move with the benchmark at `benchmarkPrice` (unchanged once final). */
const abnormalNow = (r: Reaction, benchmarkPrice: number): number | null =>
  r.final || r.move == null
    ? r.abnormal
    : round(abnormalMove(r.move, percentMove(benchmarkPrice, r.benchmarkRef)));

/**
 * Reactions of stories to prices: the reference at publication, the live move and its abnormal
 * part over the benchmark, the largest moves, and the moves at fixed horizons, frozen and stored.
 * Tracks every story published in the last day; survives a restart by reloading those stories and
 * filling in from stored bars what happened while it was down.
 */
export class ReactionEngine {
  private readonly tracked = new Map<string, Tracked>();
  /**
   * Symbol -> stories tracking it that take each of its ticks as it comes: those published after
   * the newest tick applied at the last sweep (a tick before publication must not count for them).
   */
  private readonly fresh = new Map<string, Set<Tracked>>();
  /**
   * Symbol -> stories tracking it published no later than every tick still to come: they take the
   * symbol's ticks since the last sweep at the sweep, as its highest, lowest and last price (what
   * the moves and largest moves depend on), so a tick costs the same however many stories name it.
   */
  private readonly settled = new Map<string, Set<Tracked>>();
  /** Each symbol's ticks since the last sweep, for the settled stories. */
  private readonly sinceSweep = new Map<string, SinceSweep>();
  /** Benchmark -> stories whose abnormal moves are measured against it. */
  private readonly byBenchmark = new Map<string, Set<Tracked>>();
  /**
   * The latest tick of each benchmark since the last sweep. A benchmark's tick changes the abnormal
   * move of every story measured against it (every story, for SPY): applied once per sweep, not on
   * each tick, so a busy day's stories do not make every benchmark tick cost more.
   */
  private readonly benchmarkTicks = new Map<string, Tick>();
  private readonly trackMs: number;
  private readonly liveMs: number;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private sweeps = 0;

  constructor(private readonly deps: ReactionEngineDeps) {
    this.trackMs = deps.trackMs ?? 24 * 3_600_000;
    this.liveMs = deps.liveMs ?? 3_600_000;
  }

  /** Tickers of a new story with their reference prices and fresh reactions. */
  async initialTickers(tags: Tag[], publishedAt: number): Promise<ArticleTicker[]> {
    const { market, benchmarkFor } = this.deps;
    return Promise.all(
      tags.map(async (tag) => {
        const benchmark = benchmarkFor(tag.symbol);
        const reaction = newReaction(benchmark);
        // No US-dollar price here for foreign listings, crypto and futures: nothing to track.
        if (tag.market) return { ...tag, refPrice: null, reaction: { ...reaction, final: true } };
        const ref = await market.tradeAt(tag.symbol, publishedAt);
        if (ref) {
          reaction.refTime = ref.t;
          reaction.benchmarkRef = (await market.tradeAt(benchmark, publishedAt))?.p ?? null;
        }
        return { ...tag, refPrice: ref?.p ?? null, reaction };
      }),
    );
  }

  /** Starts tracking a committed story (no-op once its tracking window is over). */
  track(article: Article): void {
    if (this.tracked.has(article.id)) return;
    if (article.tickers.every((t) => t.reaction.final)) return;
    const entry: Tracked = {
      id: article.id,
      seq: article.seq,
      publishedAt: article.publishedAt,
      primarySymbols: article.tickers.filter((t) => t.primary).map((t) => t.symbol),
      tickers: structuredClone(article.tickers),
      dirty: false,
      changed: false,
      milestone: false,
      shown: shownOf(article.tickers),
      slowDirty: false,
    };
    this.tracked.set(article.id, entry);
    for (const t of entry.tickers) {
      this.index(this.fresh, t.symbol, entry);
      this.index(this.byBenchmark, t.reaction.benchmark, entry);
    }
  }

  /** Reloads the stories still tracked and fills in what happened while the server was down. */
  async load(): Promise<void> {
    const now = this.deps.clock.now();
    const articles = await this.deps.store.articlesPublishedSince(now - this.trackMs, 10_000);
    for (const a of articles) this.track(a);
    for (const entry of this.tracked.values()) await this.catchUp(entry.id);
    this.deps.logger.info({ stories: this.tracked.size }, 'reactions tracked');
  }

  /**
   * Replays stored prices from the last one seen (or publication) to now, for a story tracked
   * late: after a restart, or published with a time in the past.
   */
  async catchUp(id: string): Promise<void> {
    const entry = this.tracked.get(id);
    if (!entry) return;
    const now = this.deps.clock.now();
    for (const t of entry.tickers) {
      const r = t.reaction;
      if (t.refPrice == null || r.final) continue;
      const from = Math.max(entry.publishedAt, r.lastTime ?? entry.publishedAt);
      if (now - from < 2_000) continue;
      const { points } = await this.deps.market.history(t.symbol, from, now);
      for (const p of points) this.applyPrice(entry, t, p.p, p.t);
    }
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
    this.applySinceSweep();
    await this.persist(null);
  }

  /** Updates the stories about this symbol; a benchmark's tick is applied at the next sweep. */
  onTick(tick: Tick): void {
    // MarketData passes on a symbol's ticks in time order (a late one is dropped before it gets here).
    const w = this.sinceSweep.get(tick.s);
    if (!w) this.sinceSweep.set(tick.s, { high: tick, low: tick, last: tick });
    else {
      if (tick.p > w.high.p) w.high = tick;
      if (tick.p < w.low.p) w.low = tick;
      w.last = tick;
    }
    for (const entry of this.fresh.get(tick.s) ?? []) {
      if (tick.t < entry.publishedAt) continue;
      for (const t of entry.tickers) if (t.symbol === tick.s) this.applyPrice(entry, t, tick.p, tick.t);
    }
    if (this.byBenchmark.has(tick.s)) {
      const held = this.benchmarkTicks.get(tick.s);
      if (!held || held.t <= tick.t) this.benchmarkTicks.set(tick.s, tick);
    }
  }

  /**
   * The ticks since the last sweep, to the settled stories; then the fresh stories that no tick to
   * come can precede join them.
   */
  private applySinceSweep(): void {
    for (const [symbol, w] of this.sinceSweep) {
      const ticks = inOrder(w);
      for (const entry of this.settled.get(symbol) ?? []) {
        for (const t of entry.tickers)
          if (t.symbol === symbol) for (const k of ticks) this.applyPrice(entry, t, k.p, k.t);
      }
      const fresh = this.fresh.get(symbol);
      for (const entry of fresh ?? []) {
        if (entry.publishedAt > w.last.t) continue;
        fresh?.delete(entry);
        this.index(this.settled, symbol, entry);
      }
    }
    this.sinceSweep.clear();
  }

  /** The abnormal moves against the benchmarks that ticked since the last sweep. */
  private applyBenchmarkTicks(): void {
    for (const [benchmark, tick] of this.benchmarkTicks) {
      for (const entry of this.byBenchmark.get(benchmark) ?? []) {
        if (tick.t < entry.publishedAt) continue;
        for (const t of entry.tickers)
          if (t.symbol !== benchmark && t.reaction.benchmark === benchmark)
            this.refreshAbnormal(entry, t, tick.p);
      }
    }
    this.benchmarkTicks.clear();
  }

  /** The story with its live reactions when tracked (the store may lag a few seconds). */
  decorate(article: Article): Article {
    const entry = this.tracked.get(article.id);
    if (!entry) return article;
    const tickers = structuredClone(entry.tickers);
    // A settled story's ticks since the last sweep, as the sweep will apply them.
    for (const t of tickers) {
      const w = this.settled.get(t.symbol)?.has(entry) ? this.sinceSweep.get(t.symbol) : undefined;
      if (w) for (const k of inOrder(w)) this.movedBy(t, k.p, k.t);
    }
    // A benchmark that ticked since the last sweep: its abnormal moves as of now.
    for (const t of tickers) {
      const tick = this.benchmarkTicks.get(t.reaction.benchmark);
      if (tick && tick.t >= entry.publishedAt && t.symbol !== t.reaction.benchmark)
        t.reaction.abnormal = abnormalNow(t.reaction, tick.p);
    }
    return { ...article, tickers };
  }

  /** Recent stories ranked by the largest abnormal move of their primary tickers. */
  movers(
    windowMs: number,
    limit: number,
  ): { seq: number; symbol: string; move: number | null; abnormal: number | null }[] {
    const since = this.deps.clock.now() - windowMs;
    const ranked: { seq: number; symbol: string; move: number | null; abnormal: number; size: number }[] = [];
    for (const entry of this.tracked.values()) {
      if (entry.publishedAt < since) continue;
      const candidates = entry.tickers.filter((t) => t.primary);
      let best: { symbol: string; move: number | null; abnormal: number; size: number } | null = null;
      for (const t of candidates.length ? candidates : entry.tickers) {
        const a = t.reaction.abnormal;
        if (a == null) continue;
        if (!best || Math.abs(a) > best.size)
          best = { symbol: t.symbol, move: t.reaction.move, abnormal: a, size: Math.abs(a) };
      }
      if (best) ranked.push({ seq: entry.seq, ...best });
    }
    ranked.sort((a, b) => b.size - a.size || b.seq - a.seq);
    return ranked.slice(0, limit).map(({ size: _size, ...m }) => m);
  }

  /** Builds Mover answers from ranked entries, reading each story once. */
  async moverArticles(windowMs: number, limit: number): Promise<Mover[]> {
    const out: Mover[] = [];
    for (const m of this.movers(windowMs, limit)) {
      const entry = [...this.tracked.values()].find((e) => e.seq === m.seq);
      const article = entry ? await this.deps.store.getArticle(entry.id) : null;
      if (article)
        out.push({ article: this.decorate(article), symbol: m.symbol, move: m.move, abnormal: m.abnormal });
    }
    return out;
  }

  get size(): number {
    return this.tracked.size;
  }

  /** One pass: resolve late references, freeze due horizons, end tracking, persist, push. */
  sweep(): Promise<void> {
    this.sweeping ??= this.runSweep()
      .catch((err: unknown) => this.deps.logger.error({ err }, 'reaction sweep failed'))
      .finally(() => {
        this.sweeping = null;
      });
    return this.sweeping;
  }

  private async runSweep(): Promise<void> {
    const { market, clock } = this.deps;
    const now = clock.now();
    this.applySinceSweep();
    this.applyBenchmarkTicks();
    for (const entry of this.tracked.values()) {
      for (const t of entry.tickers) {
        const r = t.reaction;
        if (r.final) continue;
        if (t.refPrice == null) {
          const first = await market.firstTradeAfter(t.symbol, entry.publishedAt, this.trackMs);
          if (first) {
            t.refPrice = first.p;
            r.refTime = first.t;
            r.refAfter = true;
            this.milestone(entry);
          }
        }
        if (t.refPrice != null && r.benchmarkRef == null && r.refTime != null) {
          r.benchmarkRef =
            (await market.tradeAt(r.benchmark, Math.max(r.refTime, entry.publishedAt)))?.p ?? null;
          if (r.benchmarkRef != null) this.milestone(entry);
        }
        for (const h of HORIZONS) {
          const at = entry.publishedAt + HORIZON_MS[h];
          if (r.horizons[h] || now < at + GRACE_MS) continue;
          const price = t.refPrice == null ? null : (await market.tradeAt(t.symbol, at))?.p;
          const bench = r.benchmarkRef == null ? null : (await market.tradeAt(r.benchmark, at))?.p;
          const move = round(percentMove(price, t.refPrice));
          r.horizons[h] = { move, abnormal: round(abnormalMove(move, percentMove(bench, r.benchmarkRef))) };
          this.milestone(entry);
        }
        if (now >= entry.publishedAt + this.trackMs) {
          r.final = true;
          this.milestone(entry);
        }
      }
    }
    this.sweeps++;
    await this.persist(this.sweeps % PERSIST_SLOTS);
    this.push(now);
    for (const entry of this.tracked.values()) {
      if (entry.tickers.every((t) => t.reaction.final) && !entry.dirty) this.untrack(entry);
    }
  }

  private applyPrice(entry: Tracked, t: ArticleTicker, price: number, time: number): void {
    if (!this.movedBy(t, price, time)) return;
    entry.changed = true;
    entry.dirty = true;
  }

  /** Moves a ticker's live reaction to a trade; false when it is final or the trade is older than its last. */
  private movedBy(t: ArticleTicker, price: number, time: number): boolean {
    const r = t.reaction;
    if (r.final || (r.lastTime != null && time < r.lastTime)) return false;
    r.last = price;
    r.lastTime = time;
    const move = percentMove(price, t.refPrice);
    if (move == null) return true;
    r.move = round(move);
    if (r.maxUp == null || move > r.maxUp) r.maxUp = round(Math.max(0, move));
    if (r.maxDown == null || move < r.maxDown) r.maxDown = round(Math.min(0, move));
    r.abnormal = round(
      abnormalMove(move, percentMove(this.deps.market.lastPrice(r.benchmark)?.p, r.benchmarkRef)),
    );
    return true;
  }

  private refreshAbnormal(entry: Tracked, t: ArticleTicker, benchmarkPrice: number): void {
    const r = t.reaction;
    if (r.final || r.move == null) return;
    r.abnormal = abnormalNow(r, benchmarkPrice);
    entry.changed = true;
    entry.dirty = true;
  }

  private milestone(entry: Tracked): void {
    entry.changed = true;
    entry.dirty = true;
    entry.milestone = true;
  }

  /**
   * Writes the dirty stories of a persist slot (with every milestone), or all of them (null), all
   * issued at once so a store can commit them together.
   */
  private async persist(slot: number | null): Promise<void> {
    if (this.deps.writes && !this.deps.writes()) {
      // Another node writes the same values (from the same ticks).
      for (const entry of this.tracked.values()) entry.dirty = false;
      return;
    }
    const writes: Promise<void>[] = [];
    for (const entry of this.tracked.values()) {
      if (!entry.dirty || (slot !== null && !entry.milestone && entry.seq % PERSIST_SLOTS !== slot)) continue;
      entry.dirty = false;
      writes.push(this.deps.store.updateArticleTickers(entry.seq, structuredClone(entry.tickers)));
    }
    await Promise.all(writes);
  }

  /**
   * Milestones go in full; a visible change of the live values only as numbers (compact), so a
   * second's frame stays small with hundreds of stories moving. Which clients get which live
   * values (a group's newest stories every sweep, older ones every LIVE_SLOW_MS) is the gateway's.
   */
  private push(now: number): void {
    const articles: ReactionUpdate[] = [];
    const live: LiveReactionUpdate[] = [];
    const slow: LiveReactionUpdate[] = [];
    const slot = this.sweeps % SLOW_SLOTS;
    const stories: LiveStory[] = [];
    for (const entry of this.tracked.values()) {
      const recent = entry.publishedAt >= now - this.liveMs;
      if (entry.changed) {
        if (entry.milestone) {
          articles.push({ id: entry.id, seq: entry.seq, tickers: structuredClone(entry.tickers) });
          entry.shown = shownOf(entry.tickers);
          entry.slowDirty = false;
        } else if (recent) {
          // A tick moves `last` every time; the screen shows moves to 0.01: push only what it would show.
          const shown = shownOf(entry.tickers);
          if (shown !== entry.shown) {
            entry.shown = shown;
            entry.slowDirty = true;
            live.push(liveUpdate(entry));
          }
        }
        entry.changed = false;
        entry.milestone = false;
      }
      if (recent || entry.slowDirty) stories.push({ seq: entry.seq, tickers: entry.tickers });
      if (entry.slowDirty && entry.seq % SLOW_SLOTS === slot) {
        entry.slowDirty = false;
        slow.push(liveUpdate(entry));
      }
    }
    if (articles.length || live.length || slow.length) {
      stories.sort((a, b) => b.seq - a.seq);
      this.deps.publish({ articles, live, slow, stories });
    }
  }

  private index(by: Map<string, Set<Tracked>>, symbol: string, entry: Tracked): void {
    let set = by.get(symbol);
    if (!set) {
      set = new Set();
      by.set(symbol, set);
    }
    set.add(entry);
  }

  private untrack(entry: Tracked): void {
    this.tracked.delete(entry.id);
    for (const t of entry.tickers) {
      this.fresh.get(t.symbol)?.delete(entry);
      this.settled.get(t.symbol)?.delete(entry);
      this.byBenchmark.get(t.reaction.benchmark)?.delete(entry);
    }
  }
}
