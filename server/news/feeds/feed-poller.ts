import { createHash } from 'node:crypto';
import {
  articleInputSchema,
  canonicalSymbol,
  type NewsSourceStatus,
  type ValidArticleInput,
} from '../../../shared/index.js';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { type BackoffPolicy, backoffDelay } from '../../market/backoff.js';
import type { Metrics } from '../../metrics.js';
import type { IngestOptions, IngestResult } from '../news-service.js';
import type { Resolver } from './address-guard.js';
import { FeedFetchError, fetchFeed } from './fetch-feed.js';
import type { HostLimiter } from './host-limiter.js';
import { type FeedItem, FeedParseError, parseFeed } from './parse-feed.js';
import { displayUrl } from './source-names.js';

export interface FeedPollerOptions {
  url: string;
  /** The source name its stories carry. */
  source: string;
  /** Label of the feed in metrics and the health page (unique among feeds). */
  label: string;
  intervalMs: number;
  timeoutMs: number;
  userAgent: string;
  allowPrivate: boolean;
  /** Items published longer ago are not taken in; 0: no limit. */
  maxAgeMs: number;
  resolver?: Resolver;
}

export interface FeedPollerDeps {
  ingest: (input: ValidArticleInput, opts: IngestOptions) => Promise<IngestResult>;
  /** The symbols of an SEC registrant, for EDGAR filings. */
  symbolsOfCik: (cik: number) => string[];
  limiter: HostLimiter;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** What one poll did (for tests and logs). */
export interface PollOutcome {
  result: 'ok' | 'not_modified' | 'error';
  created: number;
  merged: number;
  skipped: number;
  error?: string;
}

/** Ids of items already taken in, kept per feed so a poll only looks at what is new. */
const SEEN_MAX = 5_000;
const MAX_FUTURE_MS = 5 * 60_000;
/** Longest wait between two attempts of a failing feed. */
const MAX_BACKOFF_MS = 30 * 60_000;

/**
 * When to poll next: after a success, the interval ±10 %; after `failures` failures in a row, an
 * exponential backoff with jitter from the interval up to 30 minutes, or the server's
 * Retry-After when that is longer.
 */
export function nextPollDelay(
  failures: number,
  intervalMs: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (failures === 0) return Math.round(intervalMs * (0.9 + random() * 0.2));
  const policy: BackoffPolicy = {
    minDelayMs: intervalMs,
    maxDelayMs: Math.max(intervalMs, MAX_BACKOFF_MS),
    random,
  };
  return Math.max(backoffDelay(failures - 1, policy), retryAfterMs ?? 0);
}

/**
 * Polls one RSS or Atom feed: a conditional GET on its interval (with a little jitter), the
 * items it has not seen taken in through the news service, and on errors a backoff with jitter
 * (or the server's Retry-After). One feed failing never touches another.
 */
export class FeedPoller {
  private timer: NodeJS.Timeout | null = null;
  private readonly abort = new AbortController();
  private etag: string | null = null;
  private lastModified: string | null = null;
  private readonly seen = new Set<string>();
  private failures = 0;
  /** The server's Retry-After on the last failure. */
  private retryAfter: number | undefined;
  private polled = false;
  private running: Promise<PollOutcome> | null = null;
  private lastSuccessAt: number | null = null;
  private lastError: string | null = null;
  private nextAttemptAt: number | null = null;
  private stories = 0;
  private stopped = true;

  constructor(
    readonly opts: FeedPollerOptions,
    private readonly deps: FeedPollerDeps,
  ) {}

  /** Starts polling; the first poll after `firstDelayMs`. */
  start(firstDelayMs = 0): void {
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  status(): NewsSourceStatus {
    return {
      name: this.opts.label,
      kind: 'feed',
      url: displayUrl(this.opts.url),
      ok: this.lastSuccessAt !== null && this.failures === 0,
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.lastError,
      nextAttemptAt: this.nextAttemptAt,
      stories: this.stories,
    };
  }

  /** One poll now (the schedule is not changed). */
  poll(): Promise<PollOutcome> {
    this.running ??= this.runPoll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.nextAttemptAt = this.deps.clock.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poll().then((outcome) => this.schedule(this.nextDelay(outcome)));
    }, delayMs);
    this.timer.unref();
  }

  private nextDelay(outcome: PollOutcome): number {
    return nextPollDelay(
      outcome.result === 'error' ? this.failures : 0,
      this.opts.intervalMs,
      this.retryAfter,
    );
  }

  private async runPoll(): Promise<PollOutcome> {
    const { metrics, logger, clock, limiter } = this.deps;
    const { label, url } = this.opts;
    this.retryAfter = undefined;
    await limiter.take(new URL(url).hostname, this.abort.signal);
    if (this.abort.signal.aborted)
      return { result: 'error', created: 0, merged: 0, skipped: 0, error: 'stopped' };
    let outcome: PollOutcome;
    try {
      const res = await fetchFeed({
        url,
        etag: this.etag,
        lastModified: this.lastModified,
        timeoutMs: this.opts.timeoutMs,
        userAgent: this.opts.userAgent,
        allowPrivate: this.opts.allowPrivate,
        resolver: this.opts.resolver,
        signal: this.abort.signal,
      });
      const receivedAt = clock.now();
      if (res.status === 'not-modified') {
        metrics.newsFetches.inc({ feed: label, result: 'not_modified' });
        outcome = { result: 'not_modified', created: 0, merged: 0, skipped: 0 };
      } else {
        const feed = parseFeed(res.body, res.url);
        metrics.newsFetches.inc({ feed: label, result: 'ok' });
        for (const s of feed.skipped) {
          metrics.newsBadItems.inc({ source: label, reason: s.reason });
          logger.debug({ feed: label, ...s }, 'malformed feed item skipped');
        }
        outcome = await this.takeIn(feed.items, receivedAt, !this.polled);
        outcome.skipped += feed.skipped.length;
        // Validators are kept only once the items are in: a failed ingest is retried with a full GET.
        this.etag = res.etag;
        this.lastModified = res.lastModified;
        this.polled = true;
      }
      this.failures = 0;
      this.lastSuccessAt = receivedAt;
      this.lastError = null;
      metrics.newsSourceUp.set({ source: label }, 1);
    } catch (err) {
      outcome = this.failed(err);
    }
    return outcome;
  }

  private failed(err: unknown): PollOutcome {
    const { metrics, logger } = this.deps;
    const { label } = this.opts;
    this.failures += 1;
    let result: string;
    if (err instanceof FeedFetchError) {
      result = err.code === 'http' ? `http_${err.status}` : err.code.replace('-', '_');
      this.retryAfter = err.retryAfterMs;
    } else if (err instanceof FeedParseError) {
      result = 'bad_feed';
    } else {
      result = 'error';
    }
    const message = (err as Error).message;
    if (this.abort.signal.aborted)
      return { result: 'error', created: 0, merged: 0, skipped: 0, error: 'stopped' };
    this.lastError = message;
    metrics.newsFetches.inc({ feed: label, result });
    metrics.newsSourceUp.set({ source: label }, 0);
    // The first failure and every tenth are worth a warning; the ones between, a debug line.
    const log = this.failures === 1 || this.failures % 10 === 0 ? logger.warn : logger.debug;
    log.call(
      logger,
      { feed: label, url: displayUrl(this.opts.url), result, failures: this.failures },
      `news feed ${label} failed: ${message}`,
    );
    return { result: 'error', created: 0, merged: 0, skipped: 0, error: message };
  }

  /** Takes in the items not seen before, oldest first. */
  private async takeIn(items: FeedItem[], receivedAt: number, backlog: boolean): Promise<PollOutcome> {
    const { metrics, logger, ingest } = this.deps;
    const { source, label } = this.opts;
    const outcome: PollOutcome = { result: 'ok', created: 0, merged: 0, skipped: 0 };
    const fresh = items.filter((i) => !this.seen.has(i.id));
    fresh.sort((a, b) => (a.publishedAt ?? receivedAt) - (b.publishedAt ?? receivedAt));
    for (const item of fresh) {
      if (item.badDate) metrics.newsBadItems.inc({ source: label, reason: 'bad_date' });
      if (
        this.opts.maxAgeMs > 0 &&
        item.publishedAt !== null &&
        item.publishedAt < receivedAt - this.opts.maxAgeMs
      ) {
        metrics.newsItems.inc({ source: label, result: 'too_old' });
        this.remember(item.id);
        continue;
      }
      const parsed = articleInputSchema.safeParse(this.toInput(item, receivedAt));
      if (!parsed.success) {
        metrics.newsItems.inc({ source: label, result: 'invalid' });
        metrics.newsBadItems.inc({ source: label, reason: 'invalid' });
        logger.debug({ feed: label, id: item.id, issues: parsed.error.issues }, 'feed item refused');
        outcome.skipped += 1;
        this.remember(item.id);
        continue;
      }
      const r = await ingest(parsed.data, {
        sourceKind: 'feed',
        receivedAt,
        metricsSource: source,
        backlog,
      });
      const result = r.created ? 'created' : r.merged ? 'merged' : 'duplicate';
      metrics.newsItems.inc({ source: label, result });
      if (r.created) outcome.created += 1;
      if (r.merged) outcome.merged += 1;
      if (r.created || r.merged) this.stories += 1;
      this.remember(item.id);
    }
    return outcome;
  }

  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > SEEN_MAX) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  private toInput(item: FeedItem, receivedAt: number) {
    const tickers = new Set(item.tickers);
    for (const cik of item.ciks) for (const s of this.deps.symbolsOfCik(cik)) tickers.add(s);
    const id =
      item.id.length <= 200 ? item.id : `sha256:${createHash('sha256').update(item.id).digest('base64url')}`;
    // A date in the future is a clock or zone mistake of the feed: the story is as new as its arrival.
    const publishedAt =
      item.publishedAt !== null && item.publishedAt <= receivedAt + MAX_FUTURE_MS
        ? item.publishedAt
        : receivedAt;
    return {
      headline: item.title,
      summary: item.summary || null,
      body: item.body || null,
      source: this.opts.source,
      url: item.link && item.link.length <= 2_000 ? item.link : null,
      externalId: id,
      publishedAt,
      tickers: [...tickers].flatMap((t) => canonicalSymbol(t) ?? []).slice(0, 50),
    };
  }
}
