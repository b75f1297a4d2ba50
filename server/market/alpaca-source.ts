import { canonicalSymbol } from '../../shared/index.js';
import { type AlpacaMessage, parseAlpacaFrame } from './alpaca-frames.js';
import { ProviderSource, type ProviderSourceDeps } from './provider-source.js';
import type { ConnectionDown } from './reconnecting-ws.js';

export interface AlpacaOptions {
  keyId: string;
  secretKey: string;
  /** wss://stream.data.alpaca.markets/v2/iex (or sip, test), or a local server. */
  url: string;
}

/** A subscribe or unsubscribe waiting for its answer (a subscription message or an error). */
interface Pending {
  action: 'subscribe' | 'unsubscribe';
  symbols: string[];
  timer: NodeJS.Timeout;
}

/** With no answer to a subscribe this long, it is presumed lost and the subscription is planned again. */
const ANSWER_TIMEOUT_MS = 10_000;
const MINUTE_MS = 60_000;

/** What each numbered error means for us. */
const AUTH_CODES: Record<number, string> = {
  402: 'the keys were refused (402 auth failed); check ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY',
  408: 'market data v2 is not enabled for this account (408)',
  409: 'the plan does not include this feed (409 insufficient subscription); try ALPACA_DATA_FEED=iex',
  411: 'the keys lack the market data scope (411 insufficient scope)',
};
const RECONNECT_CODES = new Set([401, 404, 407, 500]);
const SUBSCRIBE_CODES = new Set([400, 410]);

/**
 * Live trades from Alpaca's market data stream v2: welcome, then an auth message, then subscribe
 * messages answered with the whole current subscription; data arrives as arrays of typed
 * messages. Only one subscribe is in flight at a time, so a refusal (405 symbol limit) is known to
 * be about it. Minute bars, when they arrive, stand in for a symbol that had no trade that minute.
 */
export class AlpacaSource extends ProviderSource {
  readonly kind = 'alpaca';
  protected readonly label = 'Alpaca';
  private authenticated = false;
  private authTimer: NodeJS.Timeout | null = null;
  /** Trade symbols the server confirmed (its last `subscription` message). */
  private confirmed = new Set<string>();
  private pending: Pending | null = null;
  private readonly lastTradeAt = new Map<string, number>();

  constructor(
    deps: ProviderSourceDeps,
    private readonly opts: AlpacaOptions,
  ) {
    // Alpaca sends no heartbeat of its own: our pings and its pongs tell a live link from a dead one.
    super(deps, {
      name: 'Alpaca',
      url: () => opts.url,
      logUrl: opts.url,
      clientPingMs: Math.max(100, deps.silenceMs / 3),
    });
  }

  protected handleOpen(): void {
    // Nothing to send until the welcome arrives; pongs keep the link alive, so time the handshake.
    this.authenticated = false;
    this.authTimer = setTimeout(() => {
      this.downProblem = { code: 'DISCONNECTED', reason: 'no answer to the authentication; reconnecting' };
      this.ws.restart('auth-timeout');
    }, this.deps.silenceMs);
    this.authTimer.unref();
  }

  private clearAuthTimer(): void {
    if (this.authTimer) clearTimeout(this.authTimer);
    this.authTimer = null;
  }

  protected handleText(text: string): void {
    const frame = parseAlpacaFrame(text);
    if (!frame.ok) {
      this.badFrame(frame.reason, frame.detail);
      return;
    }
    for (let i = 0; i < frame.bad; i++) this.badFrame('schema');
    for (const m of frame.messages) this.handleMessage(m);
  }

  private handleMessage(m: AlpacaMessage): void {
    switch (m.kind) {
      case 'success':
        if (m.msg === 'connected') {
          this.ws.send(JSON.stringify({ action: 'auth', key: this.opts.keyId, secret: this.opts.secretKey }));
        } else if (m.msg === 'authenticated') {
          this.clearAuthTimer();
          this.authenticated = true;
          this.confirmed = new Set();
          this.setReady(true);
          this.plan();
        }
        return;
      case 'subscription':
        this.confirmed = new Set(m.trades.flatMap((s) => canonicalSymbol(s) ?? []));
        this.answered();
        this.ws.markHealthy();
        this.plan();
        return;
      case 'error':
        this.handleError(m.code, m.msg);
        return;
      case 'trade':
        this.ws.markHealthy();
        if (this.emitTick(m.symbol, m.price, m.t)) this.lastTradeAt.set(m.symbol, m.t);
        return;
      case 'bar': {
        // A bar is the minute's summary: its close stands for the price only if no trade did.
        const last = this.lastTradeAt.get(m.symbol) ?? 0;
        if (last < m.start)
          this.emitTick(m.symbol, m.close, Math.min(m.start + MINUTE_MS - 1, this.deps.clock.now()));
        return;
      }
      case 'other':
        return;
    }
  }

  private handleError(code: number, msg: string): void {
    this.providerError(code, msg);
    const auth = AUTH_CODES[code];
    if (auth) {
      this.downProblem = { code: 'AUTH_FAILED', reason: auth };
      this.deps.logger.error(
        { source: this.kind, code, retryMs: this.deps.authRetryMs },
        `Alpaca: ${auth}; retrying slowly`,
      );
      this.ws.restart('auth-failed', this.deps.authRetryMs);
      return;
    }
    if (code === 406) {
      this.downProblem = {
        code: 'CONNECTION_LIMIT',
        reason: 'another connection already uses these keys (406 connection limit exceeded)',
      };
      const wait = Math.min(this.deps.authRetryMs, Math.max(this.deps.backoff.maxDelayMs, 60_000));
      this.deps.logger.error(
        { source: this.kind, retryMs: wait },
        'Alpaca allows one connection per feed and these keys already have one; retrying slowly',
      );
      this.ws.restart('connection-limit', wait);
      return;
    }
    if (code === 405) {
      const sent = this.pending?.action === 'subscribe' ? this.pending.symbols.length : 0;
      const before = this.symbolLimit;
      this.answered();
      // Try half of what was refused on top of what is held; a refusal of one settles the limit.
      this.lowerLimit(this.confirmed.size + Math.floor(sent / 2), `${code} ${msg}`);
      if (this.symbolLimit < before) this.plan();
      else {
        this.subscribeProblem = {
          code: 'SYMBOL_LIMIT',
          reason: `refused even ${before} symbols (${code} ${msg})`,
        };
        this.changed();
      }
      return;
    }
    if (code === 403) return; // already authenticated: harmless
    if (SUBSCRIBE_CODES.has(code)) {
      this.answered();
      this.subscribeProblem = { code: 'PROVIDER_ERROR', reason: `subscribing failed (${code} ${msg})` };
      this.changed();
      return;
    }
    if (RECONNECT_CODES.has(code) || !this.authenticated) {
      this.downProblem = { code: 'DISCONNECTED', reason: `${code} ${msg}; reconnecting` };
      this.ws.restart(`error-${code}`);
    }
  }

  protected override handleStop(): void {
    this.clearAuthTimer();
    this.answered();
  }

  protected handleDown(down: ConnectionDown): number | undefined {
    this.clearAuthTimer();
    this.authenticated = false;
    this.confirmed = new Set();
    this.answered();
    if (down.reason === 'auth-failed' || down.reason === 'connection-limit') return undefined;
    if (down.status === 401 || down.status === 403) {
      this.downProblem = { code: 'AUTH_FAILED', reason: AUTH_CODES[402] as string };
      return this.deps.authRetryMs;
    }
    if (down.reason.startsWith('error-') || down.reason === 'auth-timeout') return undefined;
    this.downProblem = {
      code: 'DISCONNECTED',
      reason: down.reason === 'silence' ? 'the stream went silent; reconnecting' : 'reconnecting',
    };
    return undefined;
  }

  protected sync(want: string[]): void {
    if (this.pending) return;
    const wanted = new Set(want);
    const remove = [...this.confirmed].filter((s) => !wanted.has(s));
    if (remove.length > 0) {
      this.request('unsubscribe', remove);
      return;
    }
    const add = want.filter((s) => !this.confirmed.has(s));
    if (add.length > 0) this.request('subscribe', add);
  }

  private request(action: Pending['action'], symbols: string[]): void {
    if (!this.ws.send(JSON.stringify({ action, trades: symbols }))) return;
    const timer = setTimeout(() => {
      this.deps.logger.warn({ source: this.kind, action }, 'Alpaca did not answer a subscription change');
      this.pending = null;
      this.plan();
    }, ANSWER_TIMEOUT_MS);
    timer.unref();
    this.pending = { action, symbols, timer };
  }

  private answered(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
  }

  protected streaming(): ReadonlySet<string> {
    return this.confirmed;
  }
}
