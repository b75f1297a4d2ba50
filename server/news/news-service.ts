import { createHash } from 'node:crypto';
import type { Article, ArticleTicker, ValidArticleInput } from '../../shared/index.js';
import type { Clock } from '../clock.js';
import type { ReactionEngine } from '../impact/reaction-engine.js';
import type { Logger } from '../logger.js';
import { isShockable, type TickSource } from '../market/types.js';
import type { Metrics } from '../metrics.js';
import type { RealtimeGateway } from '../realtime/gateway.js';
import type { SerialQueue } from '../realtime/serial-queue.js';
import type { InsertResult, Store } from '../store/types.js';
import type { Tagger } from '../tagging/tagger.js';
import { StoryIndex } from './story-index.js';
import { toneOf } from './tone.js';

export interface IngestOptions {
  /** How the story should move each ticker (percent), for demo stories; else derived from tone. */
  moves?: Record<string, number>;
  /** Metrics label: what kind of source the story came from. */
  sourceKind?: 'api' | 'demo' | 'feed' | 'stream';
  /** When the story reached this server (a feed poll's answer, a stream message); default now. */
  receivedAt?: number;
  /**
   * The source's name in the delay histogram: a configured source's name. Default: "api" for
   * stories posted to the API (whose source names are the producers' own), else the story's source.
   */
  metricsSource?: string;
  /** The story came in a source's first answer (what it already had): its delay says nothing, it is not measured. */
  backlog?: boolean;
}

export interface IngestResult extends InsertResult {
  /** Another source had brought the same story: this one was added to its alsoFrom (created is false). */
  merged: boolean;
}

export interface SameStoryOptions {
  /** Headlines match only between stories published this close together. */
  windowMs: number;
  /** Least Jaccard similarity of two headlines' words. */
  threshold: number;
}

const DEFAULT_SAME_STORY: SameStoryOptions = { windowMs: 30 * 60_000, threshold: 0.9 };
/** Stories are remembered this long for URL matches. */
const INDEX_KEEP_MS = 24 * 3_600_000;

export interface NewsServiceDeps {
  store: Store;
  tagger: Tagger;
  tickSource: TickSource;
  reactions: { engine: ReactionEngine; benchmarkFor: (symbol: string) => string };
  gateway: RealtimeGateway;
  queue: SerialQueue;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Crash tests: die right after committing the story with this externalId (see config). */
  faultKillAfterCommit?: string;
  sameStory?: SameStoryOptions;
  /** Several nodes: tells the others of a story committed here, with how it should move prices. */
  committed?: (article: Article, moves: Record<string, number>) => void;
  /** Several nodes: tells the others of a source merged into a story here. */
  merged?: (seq: number, source: string, url: string | null) => void;
}

/** Only stories this recent move the mock market; older ones are history. */
const SHOCK_WINDOW_MS = 10 * 60_000;

/** Identity of a story for idempotent ingest. */
export function dedupeKey(input: ValidArticleInput): string {
  if (input.externalId) return `id:${input.source}\u0000${input.externalId}`;
  const hash = createHash('sha256')
    .update([input.source, input.headline, input.url ?? '', input.summary ?? ''].join('\u0000'))
    .digest('base64url');
  return `hash:${hash}`;
}

/**
 * The path of every story: tag, price its tickers at publication, commit (getting its seq), and
 * only then publish it; a retry of a known story returns the stored one and publishes nothing.
 */
export class NewsService {
  private readonly index: StoryIndex;
  private lastPrune = 0;

  constructor(private readonly deps: NewsServiceDeps) {
    const same = deps.sameStory ?? DEFAULT_SAME_STORY;
    this.index = new StoryIndex({ headlineWindowMs: same.windowMs, threshold: same.threshold });
  }

  /** Reads the recent stories back, so a story another source brought before a restart is still recognised. */
  async load(): Promise<void> {
    const since = this.deps.clock.now() - INDEX_KEEP_MS;
    for (const a of await this.deps.store.articlesPublishedSince(since, 20_000)) this.index.add(a);
    this.lastPrune = this.deps.clock.now();
  }

  /**
   * Takes a story in. Known already (same source and id, or the same content from the same
   * source): the stored story, nothing published. Carried already by another source (same
   * canonical URL, or nearly the same headline within the window): this source is added to that
   * story's alsoFrom and article:updated is pushed. Otherwise a new story: committed, then published.
   */
  async ingest(input: ValidArticleInput, opts: IngestOptions = {}): Promise<IngestResult> {
    const { store, tagger, tickSource, gateway, queue, clock, metrics, reactions } = this.deps;
    const started = performance.now();
    const now = clock.now();
    const receivedAt = Math.min(opts.receivedAt ?? now, now);
    const publishedAt = input.publishedAt ?? receivedAt;
    const tags = tagger.tag({
      headline: input.headline,
      summary: input.summary,
      body: input.body,
      providerTickers: input.tickers,
    });
    // Foreign listings, crypto pairs and futures are tagged but not priced here (no US-dollar quote).
    const priced = tags.filter((t) => !t.market);
    tickSource.watch([...new Set(priced.flatMap((t) => [t.symbol, reactions.benchmarkFor(t.symbol)]))]);
    const tickers: ArticleTicker[] = await reactions.engine.initialTickers(tags, publishedAt);
    const tone = toneOf(input.headline, `${input.summary ?? ''} ${input.body ?? ''}`);
    const key = dedupeKey(input);
    const draft = {
      dedupeKey: key,
      headline: input.headline,
      summary: input.summary ?? null,
      body: input.body ?? null,
      source: input.source,
      url: input.url ?? null,
      externalId: input.externalId ?? null,
      publishedAt,
      receivedAt,
      tickers,
      tone,
    };
    const candidate = {
      source: input.source,
      url: draft.url,
      headline: input.headline,
      publishedAt,
      primary: tickers.filter((t) => t.primary).map((t) => t.symbol),
    };
    const result = await queue.run(async (): Promise<IngestResult> => {
      const match = this.index.find(candidate);
      if (match) {
        // A second copy from a source already listed only records its key; another source is listed.
        const also = match.sameSource
          ? null
          : { source: input.source, url: draft.url, externalId: draft.externalId, publishedAt, receivedAt };
        const r = await store.attachSource(match.seq, key, also);
        if (r.attached) {
          this.index.addSource(r.article.seq, input.source, draft.url);
          gateway.publishArticleUpdate(r.article);
          this.deps.merged?.(r.article.seq, input.source, draft.url);
        }
        return { article: r.article, created: false, merged: r.attached };
      }
      const r = await store.insertArticle(draft);
      if (
        r.created &&
        this.deps.faultKillAfterCommit &&
        draft.externalId === this.deps.faultKillAfterCommit
      ) {
        process.kill(process.pid, 'SIGKILL');
      }
      if (!r.created) return { ...r, merged: false };
      const pushedAt = clock.now();
      const article = { ...r.article, pushedAt };
      await gateway.publishArticle(article);
      this.deps.committed?.(article, this.movesFor(article, opts.moves));
      await store.markPushed(article.seq, pushedAt);
      reactions.engine.track(article);
      this.index.add(article);
      return { article, created: true, merged: false };
    });
    if (result.created && publishedAt < now - 2_000) {
      void reactions.engine
        .catchUp(result.article.id)
        .catch((err: unknown) => this.deps.logger.error({ err }, 'reaction catch-up failed'));
    }
    const kind = opts.sourceKind ?? 'api';
    metrics.articlesIngested.inc({
      result: result.created ? 'created' : result.merged ? 'merged' : 'duplicate',
      source_kind: kind,
    });
    metrics.ingestSeconds.observe((performance.now() - started) / 1000);
    if (result.created)
      this.observeDelay(
        result.article,
        opts.metricsSource ?? (kind === 'api' ? 'api' : input.source),
        opts.backlog,
      );
    if (now - this.lastPrune > 10 * 60_000) {
      this.lastPrune = now;
      this.index.prune(now - INDEX_KEEP_MS);
    }
    if (result.created && isShockable(tickSource) && now - publishedAt < SHOCK_WINDOW_MS) {
      for (const [symbol, pct] of Object.entries(this.movesFor(result.article, opts.moves))) {
        tickSource.shock(symbol, pct, Math.max(publishedAt, now - 1000));
      }
    }
    return result;
  }

  /**
   * Several nodes: a story another node committed. It is remembered for same-story matching and
   * its reactions tracked; its tickers are asked of the tick source and, when recent, its moves
   * applied (only the owner's source runs; the others keep them for a takeover).
   */
  learn(article: Article, moves?: Record<string, number>): void {
    const { tickSource, reactions, clock } = this.deps;
    this.index.add(article);
    reactions.engine.track(article);
    const priced = article.tickers.filter((t) => !t.market);
    tickSource.watch([...new Set(priced.flatMap((t) => [t.symbol, reactions.benchmarkFor(t.symbol)]))]);
    const now = clock.now();
    if (isShockable(tickSource) && now - article.publishedAt < SHOCK_WINDOW_MS) {
      for (const [symbol, pct] of Object.entries(this.movesFor(article, moves))) {
        tickSource.shock(symbol, pct, Math.max(article.publishedAt, now - 1000));
      }
    }
  }

  /** Several nodes: another node merged a source into a story. */
  learnSource(seq: number, source: string, url: string | null): void {
    this.index.addSource(seq, source, url);
  }

  private observeDelay(article: Article, source: string, backlog = false): void {
    const { storyDelay } = this.deps.metrics;
    if (!backlog) {
      storyDelay.observe(
        { source, stage: 'published_to_received' },
        Math.max(0, article.receivedAt - article.publishedAt) / 1000,
      );
    }
    if (article.pushedAt != null) {
      storyDelay.observe(
        { source, stage: 'received_to_pushed' },
        Math.max(0, article.pushedAt - article.receivedAt) / 1000,
      );
    }
  }

  /** Demo stories say how they move prices; others move with their tone, the subject most. */
  movesFor(article: Article, moves?: Record<string, number>): Record<string, number> {
    if (moves) return moves;
    const out: Record<string, number> = {};
    const direction = article.tone === 0 ? (article.seq % 2 ? 0.15 : -0.15) : article.tone;
    for (const t of article.tickers) if (!t.market) out[t.symbol] = direction * (t.primary ? 3 : 0.8);
    return out;
  }
}
