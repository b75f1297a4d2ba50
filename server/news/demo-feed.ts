import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ShockableSource } from '../market/types.js';
import { DEMO_STORIES, type DemoStory } from './demo-stories.js';
import type { NewsService } from './news-service.js';

/** How many of the demo stories are placed in the past at first start, so the page is never empty. */
const BACKFILLED = 8;

export interface PlannedStory {
  story: DemoStory;
  publishedAt: number;
}

/**
 * The demo news feed: at first start a few stories already happened over the backfilled hours
 * (their moves are in the price history), then the rest are released on a timer, Alibaba's first,
 * looping for as long as the server runs.
 */
export class DemoFeed {
  private timer: NodeJS.Timeout | null = null;
  private next = 0;
  private loop = 0;
  private readonly runId: string;

  constructor(
    private readonly news: NewsService,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly stories: DemoStory[] = DEMO_STORIES,
  ) {
    this.runId = clock.now().toString(36);
  }

  /** Every ticker the demo will mention (so the market can fill in their history up front). */
  get symbols(): string[] {
    return [...new Set(this.stories.flatMap((s) => s.tickers))];
  }

  /** The stories placed in the past, oldest first, spread over the backfilled window. */
  planBackfill(now: number, windowMs: number): PlannedStory[] {
    const chosen = this.stories.slice(-BACKFILLED);
    if (windowMs <= 0) return [];
    const step = (windowMs * 0.85) / chosen.length;
    return chosen.map((story, i) => ({
      story,
      publishedAt: Math.round(now - windowMs * 0.9 + i * step + (i % 3) * step * 0.2),
    }));
  }

  /** Registers the planned stories' moves before the price history is generated. */
  shockPlanned(plan: PlannedStory[], market: ShockableSource): void {
    for (const { story, publishedAt } of plan) {
      for (const [symbol, pct] of Object.entries(story.moves)) market.shock(symbol, pct, publishedAt);
    }
  }

  /** Stores the planned stories (their moves are already in the history). */
  async ingestPlanned(plan: PlannedStory[]): Promise<void> {
    for (const { story, publishedAt } of plan) {
      await this.news.ingest(this.toInput(story, `backfill:${story.key}`, publishedAt), {
        sourceKind: 'demo',
        moves: {},
        backlog: true,
      });
    }
  }

  start(firstDelayMs = 1_500): void {
    const tick = () => {
      void this.releaseNext().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, firstDelayMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Publishes the next story now. */
  async releaseNext(): Promise<void> {
    const story = this.stories[this.next];
    if (!story) return;
    this.next = (this.next + 1) % this.stories.length;
    if (this.next === 0) this.loop++;
    try {
      await this.news.ingest(
        this.toInput(story, `${this.runId}:${this.loop}:${story.key}`, this.clock.now()),
        {
          sourceKind: 'demo',
          moves: story.moves,
        },
      );
    } catch (err) {
      this.logger.error({ err, story: story.key }, 'demo story failed');
    }
  }

  private toInput(story: DemoStory, id: string, publishedAt: number) {
    return {
      headline: story.headline,
      summary: story.summary,
      body: story.body,
      source: story.source,
      url: undefined,
      externalId: `demo:${id}`,
      publishedAt,
      tickers: story.tickers,
    };
  }
}
