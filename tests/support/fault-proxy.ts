import net from 'node:net';

export type FaultMode =
  /** Forward everything. */
  | { kind: 'pass' }
  /** Forward everything, each chunk held back this long. */
  | { kind: 'latency'; ms: number }
  /** Keep connections open but forward nothing, in either direction (a dead link, no FIN, no RST). */
  | { kind: 'blackhole' }
  /** Refuse new connections by resetting them at once. */
  | { kind: 'refuse' };

/**
 * A TCP proxy on 127.0.0.1 that can misbehave on command: latency, black-hole, reset, refuse.
 * Loopback only; every socket it opens is closed by close().
 */
export class FaultProxy {
  private readonly server: net.Server;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private mode: FaultMode = { kind: 'pass' };
  port = 0;

  constructor(private readonly upstreamPort: number) {
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  set(mode: FaultMode): void {
    this.mode = mode;
  }

  /** Resets every open connection (both sides see ECONNRESET). */
  resetAll(): void {
    for (const [a, b] of this.pairs) {
      a.resetAndDestroy();
      b.resetAndDestroy();
    }
    this.pairs.clear();
  }

  get connections(): number {
    return this.pairs.size;
  }

  async close(): Promise<void> {
    this.resetAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.mode.kind === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.upstreamPort, '127.0.0.1');
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.pairs.add(pair);
    const forward = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk) => {
        const mode = this.mode;
        if (mode.kind === 'blackhole') return;
        if (mode.kind === 'latency') setTimeout(() => to.destroyed || to.write(chunk), mode.ms);
        else if (!to.destroyed) to.write(chunk);
      });
    };
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }
}
