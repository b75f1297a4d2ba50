import { parseFinnhubFrame } from './finnhub-frames.js';
import { ProviderSource, type ProviderSourceDeps } from './provider-source.js';
import type { ConnectionDown } from './reconnecting-ws.js';

export interface FinnhubOptions {
  apiKey: string;
  /** wss://ws.finnhub.io, or a local server; the key is added as `?token=`. */
  url: string;
}

/** The URL to connect to: the endpoint with the key as `token`. */
export function finnhubUrl(url: string, apiKey: string): string {
  const u = new URL(url);
  u.searchParams.set('token', apiKey);
  return u.toString();
}

/**
 * Live trades from Finnhub: the key travels in the URL, one subscribe message per symbol, no
 * acknowledgement, trades in batches, a ping about once a minute. Past the plan's symbol cap the
 * server answers each extra subscribe with "Subscribing to too many symbols" without naming it.
 */
export class FinnhubSource extends ProviderSource {
  readonly kind = 'finnhub';
  protected readonly label = 'Finnhub';
  /** What this connection has subscribed, in the order sent. */
  private readonly subscribed = new Set<string>();

  constructor(deps: ProviderSourceDeps, opts: FinnhubOptions) {
    const logUrl = new URL(opts.url);
    logUrl.search = '';
    super(deps, { name: 'Finnhub', url: () => finnhubUrl(opts.url, opts.apiKey), logUrl: logUrl.toString() });
  }

  protected handleOpen(): void {
    this.subscribed.clear();
    this.setReady(true);
    this.plan();
  }

  protected handleText(text: string): void {
    const ev = parseFinnhubFrame(text);
    switch (ev.kind) {
      case 'bad':
        this.badFrame(ev.reason, ev.detail);
        return;
      case 'ping':
        this.ws.markHealthy();
        return;
      case 'trades':
        this.ws.markHealthy();
        for (const trade of ev.trades) this.emitTick(trade.s, trade.p, trade.t);
        return;
      case 'error':
        this.providerError(ev.tooManySymbols ? 'too-many-symbols' : 'error', ev.message);
        if (ev.tooManySymbols) {
          // Each refusal stands for one subscribe past the cap; the last sent are the least wanted,
          // so one less than what we hold converges on the cap as the refusals come in.
          this.lowerLimit(this.subscribed.size - 1, ev.message);
          this.plan();
        }
        return;
      case 'other':
        return;
    }
  }

  protected handleDown(down: ConnectionDown): number | undefined {
    this.subscribed.clear();
    if (down.status === 401 || down.status === 403) {
      this.downProblem = {
        code: 'AUTH_FAILED',
        reason: `the key was refused (HTTP ${down.status}); check FINNHUB_API_KEY`,
      };
      this.deps.logger.error(
        { source: this.kind, status: down.status, retryMs: this.deps.authRetryMs },
        'Finnhub refused FINNHUB_API_KEY; retrying slowly',
      );
      return this.deps.authRetryMs;
    }
    if (down.status === 429) {
      this.downProblem = { code: 'CONNECTION_LIMIT', reason: 'too many connections or requests (HTTP 429)' };
      return Math.min(this.deps.authRetryMs, Math.max(this.deps.backoff.maxDelayMs, 60_000));
    }
    this.downProblem = {
      code: 'DISCONNECTED',
      reason: down.reason === 'silence' ? 'the stream went silent; reconnecting' : 'reconnecting',
    };
    return undefined;
  }

  protected sync(want: string[]): void {
    const wanted = new Set(want);
    for (const s of [...this.subscribed]) {
      if (wanted.has(s)) continue;
      this.ws.send(JSON.stringify({ type: 'unsubscribe', symbol: s }));
      this.subscribed.delete(s);
    }
    for (const s of want) {
      if (this.subscribed.has(s)) continue;
      if (!this.ws.send(JSON.stringify({ type: 'subscribe', symbol: s }))) return;
      this.subscribed.add(s);
    }
  }

  protected streaming(): ReadonlySet<string> {
    return this.subscribed;
  }
}
