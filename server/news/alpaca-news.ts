import { z } from 'zod';
import { articleInputSchema, canonicalSymbol, type NewsSourceStatus } from '../../shared/index.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { BackoffPolicy } from '../market/backoff.js';
import { type ConnectionDown, ReconnectingWebSocket } from '../market/reconnecting-ws.js';
import type { Metrics } from '../metrics.js';
import { htmlToText, lineText } from './feeds/html-text.js';
import type { NewsService } from './news-service.js';

export interface AlpacaNewsOptions {
  keyId: string;
  secretKey: string;
  /** wss://stream.data.alpaca.markets/v1beta1/news, or a local server. */
  url: string;
  silenceMs: number;
  backoff: BackoffPolicy;
  /** Wait before trying again after the keys were refused (ms). */
  authRetryMs: number;
}

export interface AlpacaNewsDeps {
  news: Pick<NewsService, 'ingest'>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

const LABEL = 'Alpaca news';

const time = z.string().transform((s, ctx) => {
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'not an RFC 3339 time' });
    return z.NEVER;
  }
  return ms;
});

const schemas = {
  success: z.object({ T: z.literal('success'), msg: z.string() }),
  error: z.object({ T: z.literal('error'), code: z.number().int(), msg: z.string() }),
  subscription: z.object({ T: z.literal('subscription'), news: z.array(z.string()).optional().default([]) }),
  /** A story: Benzinga's id, headline, summary, HTML content, symbols, times. */
  n: z.object({
    T: z.literal('n'),
    id: z.number().int().positive(),
    headline: z.string().trim().min(1),
    summary: z.string().nullish(),
    author: z.string().nullish(),
    created_at: time,
    updated_at: time.nullish(),
    url: z.string().nullish(),
    content: z.string().nullish(),
    symbols: z.array(z.string()).nullish(),
    source: z.string().nullish(),
  }),
};
type Story = z.output<typeof schemas.n>;

/** Numbered errors that mean the keys or the plan are wrong: retried slowly. */
const AUTH_CODES: Record<number, string> = {
  402: 'the keys were refused (402 auth failed); check ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY',
  409: 'the plan does not include the news stream (409 insufficient subscription)',
  411: 'the keys lack the news scope (411 insufficient scope)',
};
const RECONNECT_CODES = new Set([401, 404, 407, 500]);

/** "benzinga" → "Benzinga": the source name the stories carry. */
function sourceName(raw: string | null | undefined): string {
  const s = (raw ?? '').trim();
  if (!s) return 'Benzinga';
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Alpaca's real-time news (Benzinga stories with their symbols) as a push source: the welcome,
 * auth, a subscription to every story, and each story taken in through the news service, in
 * the order it arrived. The link reconnects with backoff, is pinged and replaced when silent,
 * and subscribes again after every reconnect; a refused key is retried slowly.
 */
export class AlpacaNewsSource {
  private readonly ws: ReconnectingWebSocket;
  private ready = false;
  private authTimer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private lastSuccessAt: number | null = null;
  private lastError: string | null = 'connecting';
  private stories = 0;

  constructor(
    private readonly opts: AlpacaNewsOptions,
    private readonly deps: AlpacaNewsDeps,
  ) {
    this.ws = new ReconnectingWebSocket({
      name: LABEL,
      url: () => opts.url,
      logUrl: opts.url,
      backoff: opts.backoff,
      silenceMs: opts.silenceMs,
      // The news stream can be quiet for a long time: our pings and its pongs tell a live link from a dead one.
      clientPingMs: Math.max(100, opts.silenceMs / 3),
      logger: deps.logger,
      onOpen: () => this.handleOpen(),
      onMessage: (text, binary) => (binary ? this.bad('binary') : this.handleText(text)),
      onDown: (down) => this.handleDown(down),
    });
  }

  start(): void {
    this.deps.logger.info({ source: 'alpaca-news', url: this.opts.url }, 'news from Alpaca (live)');
    this.ws.start();
  }

  async stop(): Promise<void> {
    this.ws.stop();
    this.clearAuthTimer();
    this.setReady(false);
    await this.chain;
  }

  status(): NewsSourceStatus {
    return {
      name: LABEL,
      kind: 'stream',
      url: this.opts.url,
      ok: this.ready,
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.ready ? null : this.lastError,
      nextAttemptAt: this.ws.nextAttemptAt,
      stories: this.stories,
    };
  }

  private setReady(ready: boolean): void {
    this.ready = ready;
    this.deps.metrics.newsSourceUp.set({ source: LABEL }, ready ? 1 : 0);
  }

  private handleOpen(): void {
    this.clearAuthTimer();
    this.authTimer = setTimeout(() => {
      this.lastError = 'no answer to the authentication';
      this.ws.restart('auth-timeout');
    }, this.opts.silenceMs);
    this.authTimer.unref();
  }

  private clearAuthTimer(): void {
    if (this.authTimer) clearTimeout(this.authTimer);
    this.authTimer = null;
  }

  private handleText(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.bad('json', text.slice(0, 80));
      return;
    }
    if (!Array.isArray(raw)) {
      this.bad('schema', 'not an array of messages');
      return;
    }
    for (const m of raw) this.handleMessage(m);
  }

  private handleMessage(m: unknown): void {
    const type = typeof m === 'object' && m !== null ? (m as { T?: unknown }).T : undefined;
    const parse = <S extends z.ZodType>(schema: S): z.output<S> | null => {
      const r = schema.safeParse(m);
      if (!r.success) this.bad('schema', String(type));
      return r.success ? r.data : null;
    };
    switch (type) {
      case 'success': {
        const ok = parse(schemas.success);
        if (ok?.msg === 'connected') {
          this.ws.send(JSON.stringify({ action: 'auth', key: this.opts.keyId, secret: this.opts.secretKey }));
        } else if (ok?.msg === 'authenticated') {
          this.clearAuthTimer();
          this.setReady(true);
          this.lastSuccessAt = this.deps.clock.now();
          this.ws.send(JSON.stringify({ action: 'subscribe', news: ['*'] }));
        }
        return;
      }
      case 'subscription':
        if (parse(schemas.subscription)) this.ws.markHealthy();
        return;
      case 'error': {
        const e = parse(schemas.error);
        if (e) this.handleError(e.code, e.msg);
        return;
      }
      case 'n': {
        const story = parse(schemas.n);
        if (!story) return;
        this.ws.markHealthy();
        const receivedAt = this.deps.clock.now();
        this.lastSuccessAt = receivedAt;
        this.chain = this.chain.then(() => this.take(story, receivedAt));
        return;
      }
      default:
        if (typeof type !== 'string') this.bad('schema', 'no message type');
    }
  }

  private async take(story: Story, receivedAt: number): Promise<void> {
    const { metrics, logger, news } = this.deps;
    const content = story.content ? htmlToText(story.content, 100_000) : '';
    const summary = story.summary ? htmlToText(story.summary, 5_000) : content.slice(0, 5_000);
    const url = story.url && /^https?:\/\//i.test(story.url) && story.url.length <= 2_000 ? story.url : null;
    const input = articleInputSchema.safeParse({
      headline: lineText(story.headline),
      summary: summary || null,
      body: content && content !== summary ? content : null,
      source: sourceName(story.source),
      url,
      externalId: String(story.id),
      publishedAt: Math.min(story.created_at, receivedAt),
      tickers: (story.symbols ?? []).flatMap((s) => canonicalSymbol(s) ?? []).slice(0, 50),
    });
    if (!input.success) {
      this.bad('invalid', String(story.id));
      return;
    }
    try {
      const r = await news.ingest(input.data, {
        sourceKind: 'stream',
        receivedAt,
        metricsSource: input.data.source,
      });
      metrics.newsItems.inc({
        source: LABEL,
        result: r.created ? 'created' : r.merged ? 'merged' : 'duplicate',
      });
      if (r.created || r.merged) this.stories += 1;
    } catch (err) {
      logger.error({ err, source: 'alpaca-news', id: story.id }, 'news story could not be stored');
    }
  }

  private handleError(code: number, msg: string): void {
    const { metrics, logger } = this.deps;
    metrics.newsErrors.inc({ source: LABEL, code: String(code) });
    logger.warn({ source: 'alpaca-news', code, message: msg }, 'Alpaca news reported an error');
    const auth = AUTH_CODES[code];
    if (auth) {
      this.lastError = auth;
      logger.error(
        { source: 'alpaca-news', code, retryMs: this.opts.authRetryMs },
        `Alpaca news: ${auth}; retrying slowly`,
      );
      this.ws.restart('auth-failed', this.opts.authRetryMs);
    } else if (code === 406) {
      this.lastError = 'another connection already uses these keys (406 connection limit exceeded)';
      this.ws.restart(
        'connection-limit',
        Math.min(this.opts.authRetryMs, Math.max(this.opts.backoff.maxDelayMs, 60_000)),
      );
    } else if (RECONNECT_CODES.has(code) || !this.ready) {
      this.lastError = `${code} ${msg}`;
      this.ws.restart(`error-${code}`);
    }
  }

  private handleDown(down: ConnectionDown): number | undefined {
    this.clearAuthTimer();
    this.setReady(false);
    this.deps.metrics.newsReconnects.inc({
      source: LABEL,
      reason: down.status ? `http-${down.status}` : down.reason,
    });
    if (down.status === 401 || down.status === 403) {
      this.lastError = AUTH_CODES[402] as string;
      return this.opts.authRetryMs;
    }
    if (down.reason === 'silence') this.lastError = 'the stream went silent; reconnecting';
    else if (
      !down.reason.startsWith('error-') &&
      !['auth-failed', 'connection-limit', 'auth-timeout'].includes(down.reason)
    )
      this.lastError = down.error ?? 'disconnected; reconnecting';
    return undefined;
  }

  private bad(reason: string, detail?: string): void {
    this.deps.metrics.newsBadItems.inc({ source: LABEL, reason });
    this.deps.logger.debug({ source: 'alpaca-news', reason, detail }, 'bad news message skipped');
  }
}
