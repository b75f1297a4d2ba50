import { io } from 'socket.io-client';
import { FeedCursor } from '../../client/src/lib/feed-cursor.js';
import { startFeedSync } from '../../client/src/lib/feed-sync.js';
import type { Ack, Article, ArticlePage, FeedSubscribed, Handshake, Tick } from '../../shared/index.js';
import type { TestSocket } from './client.js';

export interface FeedClientOptions {
  /** Feed filter (default: every story). */
  tickers?: string[];
  /** Tick symbols to follow (ticks:subscribe on every connect); default none asked explicitly. */
  tickSymbols?: string[];
  /** Socket.IO client options for a test that needs quick reconnects. */
  reconnectionDelay?: number;
  /** Grace before a suspected gap is asked for (ms); the app's default is 1,000. */
  graceMs?: number;
}

/**
 * A headless client that keeps its story log the way the app does: the same FeedCursor and
 * startFeedSync (gap detection while connected, resume from its position in every handshake,
 * reload over REST on feed:reset or a gap it cannot fill), and the latest price per symbol,
 * never replacing a newer tick with an older one.
 */
export class FeedClient {
  readonly socket: TestSocket;
  readonly cursor = new FeedCursor();
  /** Every story it holds, by seq (each once). */
  readonly stories = new Map<number, Article>();
  /** Seqs in the order they arrived, duplicates included (to count them). */
  readonly arrivals: number[] = [];
  readonly prices = new Map<string, Tick>();
  resumes = 0;
  reloads = 0;
  resets = 0;
  disconnects: { at: number; reason: string }[] = [];
  /** Local time each story first arrived, by seq (latency figures). */
  readonly arrivedAt = new Map<number, number>();
  private readonly stopSync: () => void;
  private loading = false;

  constructor(
    readonly url: string,
    private readonly opts: FeedClientOptions = {},
  ) {
    const tickers = opts.tickers ?? [];
    this.cursor.dense = tickers.length === 0;
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: opts.reconnectionDelay ?? 100,
      reconnectionDelayMax: (opts.reconnectionDelay ?? 100) * 4,
      timeout: 3_000,
      auth: (cb) => {
        const auth: Handshake = { tickers };
        if (this.cursor.known) auth.lastSeq = this.cursor.complete;
        cb(auth);
      },
    });
    this.socket.on('server:hello', () => {
      // A fresh client takes the recent log over REST and starts from its position, as the app does.
      if (!this.cursor.known && !this.loading) void this.reload();
    });
    this.socket.on('article:published', (a) => {
      this.arrivals.push(a.seq);
      if (!this.stories.has(a.seq)) {
        this.stories.set(a.seq, a);
        this.arrivedAt.set(a.seq, Date.now());
      }
    });
    this.socket.on('feed:reset', () => {
      this.resets++;
      void this.reload();
    });
    this.socket.on('ticks:batch', (batch) => {
      for (const t of batch.ticks) {
        const held = this.prices.get(t.s);
        if (!held || held.t <= t.t) this.prices.set(t.s, t);
      }
    });
    this.socket.on('disconnect', (reason) => this.disconnects.push({ at: Date.now(), reason }));
    if (opts.tickSymbols) {
      const symbols = opts.tickSymbols;
      this.socket.on('connect', () => {
        this.socket.emit('ticks:subscribe', { symbols }, () => {});
        // Ticks missed while away: the latest price of each comes back over REST (as the chart window does).
        void this.refreshQuotes(symbols);
      });
    }
    this.stopSync = startFeedSync({
      socket: this.socket,
      cursor: this.cursor,
      graceMs: opts.graceMs ?? 300,
      resume: (lastSeq) => this.resume(lastSeq),
      onResume: () => {
        this.resumes++;
      },
      onReload: () => {
        this.reloads++;
        void this.reload();
      },
    });
  }

  /** Resolves once connected and holding a position (its first snapshot loaded). */
  async connected(): Promise<void> {
    while (!this.socket.connected || !this.cursor.known) await new Promise((r) => setTimeout(r, 20));
  }

  /** Seqs held, ascending. */
  seqs(): number[] {
    return [...this.stories.keys()].sort((a, b) => a - b);
  }

  close(): void {
    this.stopSync();
    this.socket.disconnect();
  }

  private resume(lastSeq: number): Promise<Ack<FeedSubscribed>> {
    return this.socket
      .timeout(5_000)
      .emitWithAck('feed:subscribe', { tickers: this.opts.tickers ?? [], lastSeq })
      .catch(() => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'no answer' } }) as const);
  }

  /** The app's reload: the whole recent log over REST, then the position it gives. */
  private async reload(): Promise<void> {
    this.loading = true;
    try {
      await this.loadLog();
    } catch {
      // the next heartbeat or reconnect tries again
    } finally {
      this.loading = false;
    }
  }

  private async loadLog(): Promise<void> {
    const tickers = this.opts.tickers ?? [];
    const q = tickers.length ? `&tickers=${tickers.join(',')}` : '';
    let latest = -1;
    for (let before: number | null = null; ; ) {
      const b: string = before ? `&beforeSeq=${before}` : '';
      const page = (await (await fetch(`${this.url}/api/articles?limit=500${q}${b}`)).json()) as ArticlePage;
      if (latest < 0) latest = page.latestSeq;
      for (const a of page.articles) if (!this.stories.has(a.seq)) this.stories.set(a.seq, a);
      if (page.nextBeforeSeq == null) break;
      before = page.nextBeforeSeq;
    }
    // A first load gives the position (stories that came live meanwhile stay held past it); a
    // reload after feed:reset starts over from it.
    if (this.cursor.known) this.cursor.reset(Math.max(latest, 0));
    else this.cursor.confirm(Math.max(latest, 0));
  }

  private async refreshQuotes(symbols: string[]): Promise<void> {
    try {
      const res = await fetch(`${this.url}/api/quotes?symbols=${symbols.join(',')}`);
      const body = (await res.json()) as { quotes: { symbol: string; price: number; t: number }[] };
      for (const q of body.quotes) {
        const held = this.prices.get(q.symbol);
        if (!held || held.t <= q.t) this.prices.set(q.symbol, { s: q.symbol, p: q.price, t: q.t });
      }
    } catch {
      // the next connect asks again
    }
  }
}
