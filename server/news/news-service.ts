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
import { toneOf } from './tone.js';

export interface IngestOptions {
  /** How the story should move each ticker (percent), for demo stories; else derived from tone. */
  moves?: Record<string, number>;
  /** Metrics label: where the story came from. */
  sourceKind?: 'api' | 'demo';
}

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
  constructor(private readonly deps: NewsServiceDeps) {}

  async ingest(input: ValidArticleInput, opts: IngestOptions = {}): Promise<InsertResult> {
    const { store, tagger, tickSource, gateway, queue, clock, metrics, reactions } = this.deps;
    const started = performance.now();
    const now = clock.now();
    const publishedAt = input.publishedAt ?? now;
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
    const draft = {
      dedupeKey: dedupeKey(input),
      headline: input.headline,
      summary: input.summary ?? null,
      body: input.body ?? null,
      source: input.source,
      url: input.url ?? null,
      externalId: input.externalId ?? null,
      publishedAt,
      receivedAt: now,
      tickers,
      tone,
    };
    const result = await queue.run(async () => {
      const r = await store.insertArticle(draft);
      if (
        r.created &&
        this.deps.faultKillAfterCommit &&
        draft.externalId === this.deps.faultKillAfterCommit
      ) {
        process.kill(process.pid, 'SIGKILL');
      }
      if (r.created) {
        gateway.publishArticle(r.article);
        reactions.engine.track(r.article);
      }
      return r;
    });
    if (result.created && publishedAt < now - 2_000) {
      void reactions.engine
        .catchUp(result.article.id)
        .catch((err: unknown) => this.deps.logger.error({ err }, 'reaction catch-up failed'));
    }
    metrics.articlesIngested.inc({
      result: result.created ? 'created' : 'duplicate',
      source_kind: opts.sourceKind ?? 'api',
    });
    metrics.ingestSeconds.observe((performance.now() - started) / 1000);
    if (result.created && isShockable(tickSource) && now - publishedAt < SHOCK_WINDOW_MS) {
      for (const [symbol, pct] of Object.entries(this.movesFor(result.article, opts.moves))) {
        tickSource.shock(symbol, pct, Math.max(publishedAt, now - 1000));
      }
    }
    return result;
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
