import type { WebSocket } from 'ws';
import { readSession } from '../fixtures.js';
import { ALPACA_FRAMES } from './alpaca.js';
import { FakeWsServer } from './fake-ws-server.js';

type Msg = Record<string, unknown> & { T: string };
const session = readSession('ws/alpaca/news_session.jsonl');
const recorded = session.filter((l) => l.dir === 'S' && l.frame).map((l) => l.frame as Msg[]);
/** The frames Alpaca's news stream sends, exactly as recorded. */
export const ALPACA_NEWS_FRAMES = {
  welcome: JSON.stringify(recorded.find((f) => f[0]?.msg === 'connected')),
  authenticated: JSON.stringify(recorded.find((f) => f[0]?.msg === 'authenticated')),
  subscription: JSON.stringify(recorded.find((f) => f[0]?.T === 'subscription')),
  /** The two recorded Benzinga stories, one frame each. */
  stories: recorded.filter((f) => f[0]?.T === 'n').map((f) => JSON.stringify(f)),
};
const storyTemplate = recorded.find((f) => f[0]?.T === 'n')?.[0] as Msg;

export interface FakeAlpacaNewsOptions {
  keyId: string;
  secret: string;
}

/**
 * A stand-in for Alpaca's news stream (/v1beta1/news): the recorded welcome, auth (402 and a close
 * for wrong keys), the subscription answer, and stories on demand.
 */
export class FakeAlpacaNews {
  private constructor(readonly server: FakeWsServer) {}

  static async start(opts: FakeAlpacaNewsOptions): Promise<FakeAlpacaNews> {
    const authed = new WeakSet<WebSocket>();
    const server = await FakeWsServer.start(
      {
        onConnection: (ws) => ws.send(ALPACA_NEWS_FRAMES.welcome),
        onMessage: (ws, text) => {
          const msg = JSON.parse(text) as { action: string; key?: string; secret?: string; news?: string[] };
          if (msg.action === 'auth') {
            if (msg.key === opts.keyId && msg.secret === opts.secret) {
              authed.add(ws);
              ws.send(ALPACA_NEWS_FRAMES.authenticated);
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
          if (msg.action === 'subscribe')
            ws.send(JSON.stringify([{ T: 'subscription', news: msg.news ?? [] }]));
        },
      },
      '/v1beta1/news',
    );
    return new FakeAlpacaNews(server);
  }

  get url(): string {
    return this.server.url;
  }

  /** Clients that authenticated and subscribed to every story, by connection number. */
  subscribed(conn: number): boolean {
    return this.server
      .messages<{ action: string; news?: string[] }>(conn)
      .some((m) => m.action === 'subscribe' && m.news?.[0] === '*');
  }

  /** A story shaped like the recorded ones. */
  story(s: {
    id: number;
    headline: string;
    symbols?: string[];
    url?: string;
    createdAt?: number;
    summary?: string;
  }): void {
    const created = new Date(s.createdAt ?? Date.now()).toISOString();
    this.server.broadcast(
      JSON.stringify([
        {
          ...storyTemplate,
          id: s.id,
          headline: s.headline,
          summary: s.summary ?? '',
          content: '',
          symbols: s.symbols ?? [],
          url: s.url ?? `https://www.benzinga.com/news/${s.id}`,
          created_at: created,
          updated_at: created,
        },
      ]),
    );
  }

  send(data: string): void {
    this.server.broadcast(data);
  }

  actions(conn?: number): { action: string; key?: string; secret?: string; news?: string[] }[] {
    return this.server.messages(conn);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
