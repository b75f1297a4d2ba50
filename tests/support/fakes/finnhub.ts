import { fixtureText, readSession } from '../fixtures.js';
import { FakeWsServer } from './fake-ws-server.js';

const session = readSession('ws/finnhub/session.jsonl');
const serverFrame = (type: string) =>
  JSON.stringify(session.find((l) => l.dir === 'S' && (l.frame as { type?: string })?.type === type)?.frame);
/** The frames Finnhub sends, exactly as recorded. */
export const FINNHUB_FRAMES = {
  ping: serverFrame('ping'),
  trade: serverFrame('trade'),
  tooManySymbols: serverFrame('error'),
  realTrade: fixtureText('ws/finnhub/trade_frame_real_2022-12-29.json').trim(),
};
const template = (JSON.parse(FINNHUB_FRAMES.trade) as { data: Record<string, unknown>[] }).data[0];

export interface FakeFinnhubOptions {
  token: string;
  /** Subscribes past this many symbols are refused with the recorded error (none by default). */
  symbolLimit?: number;
}

/**
 * A stand-in for wss://ws.finnhub.io: the token in the query (401 otherwise), subscribe and
 * unsubscribe per symbol without an answer, the recorded "too many symbols" error past the cap,
 * and trades, pings or garbage on demand.
 */
export class FakeFinnhub {
  /** Symbols subscribed on the newest connection. */
  readonly subscribed = new Set<string>();
  private constructor(readonly server: FakeWsServer) {}

  static async start(opts: FakeFinnhubOptions): Promise<FakeFinnhub> {
    let fake: FakeFinnhub | undefined;
    const server = await FakeWsServer.start({
      refuse: (req) =>
        new URL(req.url ?? '/', 'http://x').searchParams.get('token') === opts.token ? null : 401,
      onConnection: () => fake?.subscribed.clear(),
      onMessage: (ws, text, conn) => {
        if (!fake || conn !== fake.server.connections) return;
        const msg = JSON.parse(text) as { type: string; symbol: string };
        if (msg.type === 'subscribe') {
          if (
            opts.symbolLimit !== undefined &&
            fake.subscribed.size >= opts.symbolLimit &&
            !fake.subscribed.has(msg.symbol)
          ) {
            ws.send(FINNHUB_FRAMES.tooManySymbols);
          } else fake.subscribed.add(msg.symbol);
        } else if (msg.type === 'unsubscribe') fake.subscribed.delete(msg.symbol);
      },
    });
    fake = new FakeFinnhub(server);
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  /** Sends a trade batch shaped like the recorded one, one trade per symbol given. */
  trades(prices: Record<string, number>, t = Date.now()): void {
    const data = Object.entries(prices).map(([s, p]) => ({ ...template, s, p, t }));
    this.server.broadcast(JSON.stringify({ data, type: 'trade' }));
  }

  /** Trades for every subscribed symbol, at a price derived from `base`. */
  tradeSubscribed(base = 100, t = Date.now()): void {
    this.trades(Object.fromEntries([...this.subscribed].map((s, i) => [s, base + i])), t);
  }

  send(data: string | Buffer): void {
    this.server.broadcast(data);
  }

  /** Every subscribe frame received, in order. */
  subscribeFrames(): string[] {
    return this.server
      .messages<{ type: string; symbol: string }>()
      .flatMap((m) => (m.type === 'subscribe' ? [m.symbol] : []));
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
