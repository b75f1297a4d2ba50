import type { MarketProblem, MarketStatus, Tick } from '../../shared/index.js';
import { canonicalSymbol } from '../../shared/index.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { BackoffPolicy } from './backoff.js';
import type { DemandTracker } from './demand.js';
import { type ConnectionDown, ReconnectingWebSocket } from './reconnecting-ws.js';
import type { StatusReporter, TickSource } from './types.js';

export interface ProviderSourceDeps {
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  demand: DemandTracker;
  /** Most symbols to stream at once (the plan's limit); lowered when the provider refuses more. */
  symbolLimit: number;
  silenceMs: number;
  backoff: BackoffPolicy;
  /** Wait before trying again after the provider refused the keys (ms). */
  authRetryMs: number;
}

export interface Problem {
  code: MarketProblem;
  reason: string;
}

/** Demand is ranked again this often, so story tickers drop out when their window ends. */
const REPLAN_MS = 60_000;

/**
 * What every streaming provider shares: one reconnecting WebSocket, a subscription that follows
 * demand within the symbol limit, the status of which symbols are live, and the metrics. A
 * subclass speaks the provider's protocol.
 */
export abstract class ProviderSource implements TickSource, StatusReporter {
  abstract readonly kind: 'finnhub' | 'alpaca';
  /** Readable name for logs and status reasons. */
  protected abstract readonly label: string;
  protected readonly ws: ReconnectingWebSocket;
  /** Connected and, where the provider asks for it, authenticated: subscriptions may be sent. */
  protected ready = false;
  /** Why the stream is down, while it is. */
  protected downProblem: Problem | null = { code: 'DISCONNECTED', reason: 'connecting' };
  /** A problem that stops subscribing on this connection (until the next one). */
  protected subscribeProblem: Problem | null = null;
  /** The limit the provider's refusals taught us (never above the configured one). */
  protected learnedLimit: number | null = null;
  private onTickFn: ((tick: Tick) => void) | null = null;
  private lastMessageAt: number | null = null;
  private readonly listeners = new Set<(s: MarketStatus) => void>();
  private lastKey = '';
  private lastNotLiveKey = '';
  private planTimer: NodeJS.Timeout | null = null;
  private replanTimer: NodeJS.Timeout | null = null;

  constructor(
    protected readonly deps: ProviderSourceDeps,
    conn: { name: string; url: () => string; logUrl: string; clientPingMs?: number },
  ) {
    this.ws = new ReconnectingWebSocket({
      ...conn,
      name: conn.name,
      backoff: deps.backoff,
      silenceMs: deps.silenceMs,
      logger: deps.logger,
      onOpen: () => this.handleOpen(),
      onMessage: (text, binary) => {
        this.lastMessageAt = this.deps.clock.now();
        if (binary) this.badFrame('binary');
        else this.handleText(text);
      },
      onDown: (down) => this.down(down),
    });
  }

  /** The connection opened (not yet authenticated, for providers that ask for it). */
  protected abstract handleOpen(): void;
  protected abstract handleText(text: string): void;
  /** The connection ended: forget its subscriptions; return a longer wait if one is needed. */
  protected abstract handleDown(down: ConnectionDown): number | undefined;
  /** Sends what it takes to make the provider's subscription equal `want` (only called when ready). */
  protected abstract sync(want: string[]): void;
  /** Symbols the provider streams now. */
  protected abstract streaming(): ReadonlySet<string>;

  /** The source was stopped: clear the subclass's timers. */
  protected handleStop(): void {}

  start(onTick: (tick: Tick) => void): void {
    this.onTickFn = onTick;
    this.deps.logger.info(
      { source: this.kind, limit: this.deps.symbolLimit },
      `prices from ${this.label} (live)`,
    );
    this.ws.start();
    this.replanTimer = setInterval(() => this.plan(), REPLAN_MS);
    this.replanTimer.unref();
    this.publish();
  }

  stop(): void {
    this.onTickFn = null;
    this.ws.stop();
    this.handleStop();
    if (this.planTimer) clearTimeout(this.planTimer);
    if (this.replanTimer) clearInterval(this.replanTimer);
    this.planTimer = null;
    this.replanTimer = null;
    this.ready = false;
    this.deps.metrics.sourceConnected.set({ source: this.kind }, 0);
  }

  /** Tickers of a story: wanted for the next hours. */
  watch(symbols: string[]): void {
    this.deps.demand.noteStory(symbols);
    this.schedulePlan();
  }

  demandChanged(): void {
    this.schedulePlan();
  }

  get symbolLimit(): number {
    return Math.min(this.deps.symbolLimit, this.learnedLimit ?? Number.POSITIVE_INFINITY);
  }

  status(): MarketStatus {
    const ranked = this.deps.demand.ranked();
    const streaming = this.ready ? this.streaming() : new Set<string>();
    const live = ranked.filter((s) => streaming.has(s));
    const notLive = ranked.filter((s) => !streaming.has(s));
    const overLimit = ranked.length > this.symbolLimit;
    const problem: Problem | null = !this.ready
      ? (this.downProblem ?? { code: 'DISCONNECTED', reason: 'connecting' })
      : (this.subscribeProblem ??
        (overLimit
          ? {
              code: 'SYMBOL_LIMIT',
              reason: `${ranked.length} symbols wanted, ${this.symbolLimit} streamed at most${
                this.learnedLimit !== null && this.learnedLimit < this.deps.symbolLimit
                  ? ' (the provider refused more)'
                  : ''
              }: the least watched are not live`,
            }
          : null));
    return {
      source: this.kind,
      connected: this.ready,
      liveSymbols: live,
      notLive,
      symbolLimit: this.symbolLimit,
      problem: problem?.code ?? null,
      reason: problem ? `${this.label}: ${problem.reason}` : null,
      lastMessageAt: this.lastMessageAt,
    };
  }

  onStatus(listener: (status: MarketStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ranks demand and brings the subscription in line, then tells listeners if the status changed. */
  protected plan(): void {
    if (this.planTimer) clearTimeout(this.planTimer);
    this.planTimer = null;
    if (this.ready && !this.subscribeProblem) {
      this.sync(this.deps.demand.ranked().slice(0, this.symbolLimit));
    }
    this.publish();
  }

  /** Many demand changes in a burst (a story with ten tickers) make one plan. */
  protected schedulePlan(): void {
    if (this.planTimer || !this.onTickFn) return;
    this.planTimer = setTimeout(() => this.plan(), 20);
    this.planTimer.unref();
  }

  protected setReady(ready: boolean): void {
    this.ready = ready;
    if (ready) {
      this.downProblem = null;
      this.subscribeProblem = null;
    }
    this.deps.metrics.sourceConnected.set({ source: this.kind }, ready ? 1 : 0);
  }

  /** The provider refused more symbols: stream at most n from now on. */
  protected lowerLimit(n: number, why: string): void {
    const limit = Math.max(1, Math.min(n, this.symbolLimit));
    if (limit === this.learnedLimit) return;
    this.learnedLimit = limit;
    this.deps.logger.warn(
      { source: this.kind, limit, configured: this.deps.symbolLimit },
      `${this.label} refused more symbols (${why}); streaming at most ${limit} from now on`,
    );
  }

  /** Passes on a trade as a tick, if its symbol is a US ticker this server knows how to show. */
  protected emitTick(symbol: string, price: number, t: number): boolean {
    const s = canonicalSymbol(symbol);
    if (!s || !this.onTickFn) return false;
    this.onTickFn({ s, p: price, t });
    return true;
  }

  protected badFrame(reason: string, detail?: string): void {
    this.deps.metrics.sourceBadFrames.inc({ source: this.kind, reason });
    this.deps.logger.debug({ source: this.kind, reason, detail }, 'bad frame skipped');
  }

  protected providerError(code: string | number, message: string): void {
    this.deps.metrics.sourceErrors.inc({ source: this.kind, code: String(code) });
    this.deps.logger.warn({ source: this.kind, code, message }, `${this.label} reported an error`);
  }

  private down(down: ConnectionDown): number | undefined {
    this.setReady(false);
    this.subscribeProblem = null;
    const wait = this.handleDown(down);
    this.deps.metrics.sourceReconnects.inc({
      source: this.kind,
      reason: down.status ? `http-${down.status}` : down.reason,
    });
    this.publish();
    return wait;
  }

  private publish(): void {
    const status = this.status();
    const { lastMessageAt: _, ...rest } = status;
    const key = JSON.stringify(rest);
    const { metrics, logger } = this.deps;
    metrics.sourceSymbols.set({ state: 'live' }, status.liveSymbols?.length ?? 0);
    metrics.sourceSymbols.set({ state: 'not_live' }, status.notLive.length);
    if (key === this.lastKey) return;
    this.lastKey = key;
    const notLiveKey = status.problem === 'SYMBOL_LIMIT' ? status.notLive.join(',') : '';
    if (notLiveKey && notLiveKey !== this.lastNotLiveKey) {
      logger.warn(
        { source: this.kind, limit: status.symbolLimit, notLive: status.notLive.slice(0, 50) },
        `more symbols wanted than ${this.label} streams: ${status.notLive.length} not live`,
      );
    }
    this.lastNotLiveKey = notLiveKey;
    for (const l of this.listeners) l(status);
  }

  /** For subclasses: the status may have changed. */
  protected changed(): void {
    this.publish();
  }
}
