import type { WebSocket } from 'ws';
import { fixtureLines, readSession } from '../fixtures.js';
import { FakeWsServer } from './fake-ws-server.js';

type Msg = Record<string, unknown> & { T: string };
const session = readSession('ws/alpaca/stocks_session.jsonl');
const recorded = session.filter((l) => l.dir === 'S' && l.frame).map((l) => l.frame as Msg[]);
const find = (pred: (m: Msg) => boolean) => recorded.find((f) => f[0] && pred(f[0])) as Msg[];
/** The frames Alpaca sends, exactly as recorded. */
export const ALPACA_FRAMES = {
  welcome: JSON.stringify(find((m) => m.msg === 'connected')),
  authenticated: JSON.stringify(find((m) => m.msg === 'authenticated')),
  /** Data after the subscription: a trade, a quote, a minute bar, a daily bar, a status. */
  data: recorded
    .filter((f) => ['t', 'q', 'b', 'd', 's'].includes(String(f[0]?.T)))
    .map((f) => JSON.stringify(f)),
  error: Object.fromEntries(
    fixtureLines('ws/alpaca/error_frames.jsonl').map((l) => [(JSON.parse(l) as Msg[])[0]?.code, l]),
  ) as Record<number, string>,
};
const tradeTemplate = find((m) => m.T === 't')[0] as Msg;
const barTemplate = find((m) => m.T === 'b')[0] as Msg;

export interface FakeAlpacaOptions {
  keyId: string;
  secret: string;
  /** Trade symbols past this many are refused with 405 (none by default). */
  symbolLimit?: number;
  /** Every connection is refused with 406, as when another one already uses the keys. */
  connectionLimit?: boolean;
}

/**
 * A stand-in for Alpaca's market data stream v2: the recorded welcome, auth (402 and a close for
 * wrong keys), subscribe/unsubscribe answered with the whole subscription, 405 past the symbol
 * limit, 406 for a second connection, and data on demand.
 */
export class FakeAlpaca {
  /** Trade symbols subscribed on the newest connection. */
  readonly subscribed = new Set<string>();
  private constructor(readonly server: FakeWsServer) {}

  static async start(opts: FakeAlpacaOptions): Promise<FakeAlpaca> {
    let fake: FakeAlpaca | undefined;
    const authed = new WeakSet<WebSocket>();
    const answer = (ws: WebSocket) =>
      ws.send(
        JSON.stringify([{ T: 'subscription', trades: [...(fake?.subscribed ?? [])], quotes: [], bars: [] }]),
      );
    const server = await FakeWsServer.start(
      {
        onConnection: (ws) => {
          fake?.subscribed.clear();
          if (opts.connectionLimit) {
            ws.send(ALPACA_FRAMES.error[406] as string);
            ws.close();
            return;
          }
          ws.send(ALPACA_FRAMES.welcome);
        },
        onMessage: (ws, text) => {
          if (!fake) return;
          const msg = JSON.parse(text) as {
            action: string;
            key?: string;
            secret?: string;
            trades?: string[];
          };
          if (msg.action === 'auth') {
            if (msg.key === opts.keyId && msg.secret === opts.secret) {
              authed.add(ws);
              ws.send(ALPACA_FRAMES.authenticated);
            } else {
              ws.send(ALPACA_FRAMES.error[402] as string);
              ws.close();
            }
            return;
          }
          if (!authed.has(ws)) {
            ws.send(ALPACA_FRAMES.error[401] as string);
            return;
          }
          const symbols = msg.trades ?? [];
          if (msg.action === 'subscribe') {
            const after = new Set([...fake.subscribed, ...symbols]);
            if (opts.symbolLimit !== undefined && after.size > opts.symbolLimit) {
              ws.send(ALPACA_FRAMES.error[405] as string);
              return;
            }
            for (const s of symbols) fake.subscribed.add(s);
            answer(ws);
          } else if (msg.action === 'unsubscribe') {
            for (const s of symbols) fake.subscribed.delete(s);
            answer(ws);
          }
        },
      },
      '/v2/iex',
    );
    fake = new FakeAlpaca(server);
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  /** A trade per symbol given, shaped like the recorded one. */
  trades(prices: Record<string, number>, t = Date.now()): void {
    const iso = new Date(t).toISOString();
    this.server.broadcast(
      JSON.stringify(
        Object.entries(prices).map(([S, p], i) => ({ ...tradeTemplate, i: i + 1, S, p, t: iso })),
      ),
    );
  }

  /** A minute bar, shaped like the recorded one. */
  bar(symbol: string, close: number, start: number): void {
    const t = new Date(start).toISOString();
    this.server.broadcast(
      JSON.stringify([{ ...barTemplate, S: symbol, o: close, h: close, l: close, c: close, t }]),
    );
  }

  send(data: string | Buffer): void {
    this.server.broadcast(data);
  }

  /** The actions received, in order (auth secrets included: the test checks what was sent). */
  actions(conn?: number): { action: string; key?: string; secret?: string; trades?: string[] }[] {
    return this.server.messages(conn);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
