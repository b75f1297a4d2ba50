import WebSocket from 'ws';
import type { Logger } from '../logger.js';
import { type BackoffPolicy, backoffDelay } from './backoff.js';

/** Why a connection ended, as told to the owner before the next attempt is scheduled. */
export interface ConnectionDown {
  /** 'closed' (by the server), 'error' (could not connect), 'http' (upgrade refused), 'silence', or the owner's reason. */
  reason: string;
  /** WebSocket close code, when the server closed. */
  code?: number;
  /** HTTP status, when the upgrade was refused (401 = bad key). */
  status?: number;
  /** The connection had opened before it ended. */
  wasOpen: boolean;
  /** The socket's last error message, if any (never carries the URL). */
  error?: string;
}

export interface ReconnectingWebSocketOptions {
  /** Name of the source, for logs. */
  name: string;
  /** Computed at each attempt; may carry a key, so it is never logged (see logUrl). */
  url: () => string;
  /** The URL with any key removed, for logs. */
  logUrl: string;
  backoff: BackoffPolicy;
  /**
   * With no message, no ping and (when clientPingMs is set) no pong for this long, the link is
   * presumed dead and replaced.
   */
  silenceMs: number;
  /** Send WebSocket pings this often and count the pongs as life (for providers without heartbeats). */
  clientPingMs?: number;
  logger: Logger;
  onOpen(): void;
  /** A frame arrived; providers speak JSON text, so `binary` frames are for the owner to reject. */
  onMessage(text: string, binary: boolean): void;
  /** The connection ended; return a delay (ms) to wait longer than the backoff would. */
  onDown(down: ConnectionDown): number | undefined;
}

/**
 * One WebSocket that stays up: reconnects with exponential backoff and jitter, and replaces a
 * link that goes silent (a half-open TCP connection never tells on itself).
 */
export class ReconnectingWebSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private silenceTimer: NodeJS.Timeout | null = null;
  /** When the current connection last showed life (epoch ms). */
  private lastSeenAt = 0;
  private pingTimer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** Set by restart() or silence: why the current socket is being dropped, and how long to wait. */
  private dropping: { reason: string; delayMs?: number } | null = null;
  private httpStatus: number | undefined;
  private lastError: string | undefined;
  private opened = false;
  /** When the next attempt is due (epoch ms), while waiting. */
  nextAttemptAt: number | null = null;

  constructor(private readonly opts: ReconnectingWebSocketOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.nextAttemptAt = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
    }
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends a text frame; false when there is no open connection. */
  send(text: string): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(text);
    return true;
  }

  /** Drops the connection and reconnects after the backoff, or after delayMs when given. */
  restart(reason: string, delayMs?: number): void {
    if (this.stopped || !this.ws) return;
    this.dropping = { reason, delayMs };
    this.ws.terminate();
  }

  /** The connection has proven itself (data flows): the next drop starts the backoff afresh. */
  markHealthy(): void {
    this.attempt = 0;
  }

  private connect(): void {
    this.retryTimer = null;
    this.nextAttemptAt = null;
    this.dropping = null;
    this.httpStatus = undefined;
    this.lastError = undefined;
    this.opened = false;
    const { logger } = this.opts;
    logger.debug({ url: this.opts.logUrl }, 'tick source connecting');
    const ws = new WebSocket(this.opts.url(), {
      handshakeTimeout: Math.min(this.opts.silenceMs, 30_000),
      perMessageDeflate: false,
    });
    this.ws = ws;
    ws.on('unexpected-response', (_req, res) => {
      this.httpStatus = res.statusCode;
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      this.opened = true;
      this.touch();
      // One timer per connection, not one per message: trades can arrive hundreds a second.
      this.silenceTimer = setInterval(() => this.checkSilence(), Math.max(25, this.opts.silenceMs / 4));
      this.silenceTimer.unref();
      if (this.opts.clientPingMs) {
        this.pingTimer = setInterval(() => {
          if (ws.readyState === WebSocket.OPEN) ws.ping();
        }, this.opts.clientPingMs);
        this.pingTimer.unref();
      }
      this.opts.onOpen();
    });
    ws.on('message', (data, isBinary) => {
      this.touch();
      this.opts.onMessage(isBinary ? '' : data.toString(), isBinary);
    });
    ws.on('ping', () => this.touch());
    if (this.opts.clientPingMs) ws.on('pong', () => this.touch());
    ws.on('error', (err) => {
      this.lastError = err.message;
    });
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.clearTimers();
      if (this.stopped) return;
      const down: ConnectionDown = this.dropping
        ? { reason: this.dropping.reason, wasOpen: this.opened }
        : this.httpStatus !== undefined
          ? { reason: 'http', status: this.httpStatus, wasOpen: false }
          : this.opened
            ? { reason: 'closed', code, wasOpen: true }
            : { reason: 'error', wasOpen: false, error: this.lastError };
      const asked = this.opts.onDown(down);
      const backoff = backoffDelay(this.attempt, this.opts.backoff);
      this.attempt += 1;
      const delay = Math.max(backoff, asked ?? 0, this.dropping?.delayMs ?? 0);
      const log = down.wasOpen ? logger.warn : logger.info;
      log.call(
        logger,
        { source: this.opts.name.toLowerCase(), url: this.opts.logUrl, ...down, delayMs: delay },
        `${this.opts.name} connection ended (${down.status ? `HTTP ${down.status}` : down.reason}); next attempt in ${Math.round(delay / 100) / 10} s`,
      );
      this.schedule(delay);
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.nextAttemptAt = Date.now() + delayMs;
    this.retryTimer = setTimeout(() => this.connect(), delayMs);
    this.retryTimer.unref();
  }

  private touch(): void {
    this.lastSeenAt = Date.now();
  }

  private checkSilence(): void {
    if (Date.now() - this.lastSeenAt <= this.opts.silenceMs || this.dropping) return;
    this.opts.logger.warn(
      { source: this.opts.name.toLowerCase(), url: this.opts.logUrl, silenceMs: this.opts.silenceMs },
      `${this.opts.name} went silent; replacing the connection`,
    );
    this.restart('silence');
  }

  private clearTimers(): void {
    if (this.silenceTimer) clearInterval(this.silenceTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.silenceTimer = null;
    this.pingTimer = null;
  }
}
