import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { waitUntil } from '../client.js';

/** What a fake provider does with a connection; `conn` counts connections from 1. */
export interface FakeHandlers {
  /** HTTP status to refuse the upgrade with, or null to accept. */
  refuse?(req: IncomingMessage): number | null;
  onConnection?(ws: WebSocket, conn: number, req: IncomingMessage): void;
  onMessage?(ws: WebSocket, text: string, conn: number): void;
}

/**
 * A WebSocket server on 127.0.0.1 (port 0) standing in for a provider: counts connections,
 * keeps what clients sent, and can drop every connection or go silent (no frames, no pongs) like
 * a half-open link.
 */
export class FakeWsServer {
  /** Connections accepted so far. */
  connections = 0;
  /** Upgrades refused so far. */
  refused = 0;
  /** Every text frame received, with the number of its connection. */
  readonly received: { conn: number; text: string }[] = [];
  /** Connections that went silent; new connections are not. */
  private readonly silent = new WeakSet<WebSocket>();
  private readonly open = new Set<WebSocket>();

  private constructor(
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {}

  static async start(handlers: FakeHandlers, path = '/'): Promise<FakeWsServer> {
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      path,
      autoPong: false,
      verifyClient: (info, cb) => {
        const status = handlers.refuse?.(info.req) ?? null;
        if (status === null) return cb(true);
        fake.refused++;
        cb(false, status, status === 401 ? 'Unauthorized' : 'Refused');
      },
    });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const { port } = wss.address() as AddressInfo;
    const fake = new FakeWsServer(wss, `ws://127.0.0.1:${port}${path === '/' ? '' : path}`);
    wss.on('connection', (ws, req) => {
      const conn = ++fake.connections;
      fake.open.add(ws);
      ws.on('close', () => fake.open.delete(ws));
      ws.on('ping', (data) => {
        if (!fake.silent.has(ws)) ws.pong(data);
      });
      ws.on('message', (data) => {
        const text = data.toString();
        fake.received.push({ conn, text });
        if (!fake.silent.has(ws)) handlers.onMessage?.(ws, text, conn);
      });
      handlers.onConnection?.(ws, conn, req);
    });
    return fake;
  }

  /** Sends a frame to every open connection that is not silent. */
  broadcast(data: string | Buffer): void {
    for (const ws of this.open) if (!this.silent.has(ws)) ws.send(data);
  }

  /** Cuts every connection without a close handshake, as a network failure would. */
  dropAll(): void {
    for (const ws of this.open) ws.terminate();
  }

  /** The open connections go silent: nothing is sent, pings are not answered, messages are ignored. */
  silenceAll(): void {
    for (const ws of this.open) this.silent.add(ws);
  }

  get openConnections(): number {
    return this.open.size;
  }

  /** Messages received on connection `conn`, parsed. */
  messages<T = Record<string, unknown>>(conn?: number): T[] {
    return this.received
      .filter((r) => conn === undefined || r.conn === conn)
      .map((r) => JSON.parse(r.text) as T);
  }

  waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    return waitUntil(check, what, timeoutMs);
  }

  async close(): Promise<void> {
    for (const ws of this.open) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
