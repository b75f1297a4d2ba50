import net from 'node:net';

export type FaultMode =
  /** Forward everything. */
  | { kind: 'pass' }
  /** Forward everything, each chunk held back this long. */
  | { kind: 'latency'; ms: number }
  /** Keep connections open but forward nothing, in either direction (a dead link, no FIN, no RST). */
  | { kind: 'blackhole' }
  /** Refuse new connections by resetting them at once. */
  | { kind: 'refuse' }
  /** Forward at most this many bytes a second each way (reading pauses when behind: TCP backpressure). */
  | { kind: 'throttle'; bytesPerSecond: number };

/** Text WebSocket frames from the server for which `match` holds are dropped, `count` of them. */
export interface FrameDrop {
  match: (text: string) => boolean;
  count: number;
}

/**
 * A TCP proxy on 127.0.0.1 that can misbehave on command: latency, black-hole, reset, refuse.
 * Loopback only; every socket it opens is closed by close().
 */
export class FaultProxy {
  private readonly server: net.Server;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private readonly throttles = new Set<Throttle>();
  private mode: FaultMode = { kind: 'pass' };
  private drop: FrameDrop | null = null;
  /** Frames dropped so far by dropFrames(). */
  dropped = 0;
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
    // A throttle lifted: what it holds is sent at once (in order, before anything newer).
    if (mode.kind !== 'throttle') for (const t of this.throttles) t.release();
  }

  /**
   * Drops the next `count` server-to-client WebSocket text frames whose payload `match`es, as if
   * they were lost between the server and the client while the connection stays up. Applies to
   * connections opened after the call (their frames are parsed from the handshake on).
   */
  dropFrames(drop: FrameDrop | null): void {
    this.drop = drop;
  }

  /** The frame drop in force (read by the connections' frame filters). */
  frameDrop(): FrameDrop | null {
    return this.drop;
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
    const forward = (from: net.Socket, to: net.Socket, filter?: (chunk: Buffer) => Buffer) => {
      const throttle = new Throttle(from, to);
      this.throttles.add(throttle);
      from.on('data', (raw: Buffer) => {
        const chunk = filter ? filter(raw) : raw;
        if (chunk.length === 0) return;
        const mode = this.mode;
        if (mode.kind === 'blackhole') return;
        // What a throttle still holds goes first, at once, when the link is no longer throttled.
        if (mode.kind !== 'throttle' && throttle.pending > 0) throttle.push(chunk, Number.POSITIVE_INFINITY);
        else if (mode.kind === 'latency') setTimeout(() => to.destroyed || to.write(chunk), mode.ms);
        else if (mode.kind === 'throttle') throttle.push(chunk, mode.bytesPerSecond);
        else if (!to.destroyed) to.write(chunk);
      });
      from.on('close', () => {
        throttle.stop();
        this.throttles.delete(throttle);
      });
    };
    forward(client, upstream);
    forward(upstream, client, this.drop ? frameFilter(this) : undefined);
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

/** Sends what it is given at a bounded rate; pauses the reading side while more than a little waits. */
class Throttle {
  private queue: Buffer[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | null = null;
  private rate = 0;

  constructor(
    private readonly from: net.Socket,
    private readonly to: net.Socket,
  ) {}

  push(chunk: Buffer, bytesPerSecond: number): void {
    this.rate = bytesPerSecond;
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (this.queued > 64 * 1024) this.from.pause();
    this.timer ??= setInterval(() => this.pump(), 20);
  }

  /** Sends what waits at the next pump, at full speed. */
  release(): void {
    if (this.queued === 0) return;
    this.rate = Number.POSITIVE_INFINITY;
    this.timer ??= setInterval(() => this.pump(), 20);
  }

  /** Bytes waiting. */
  get pending(): number {
    return this.queued;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private pump(): void {
    let budget = Number.isFinite(this.rate)
      ? Math.max(1, Math.round(this.rate / 50))
      : Number.POSITIVE_INFINITY;
    while (budget > 0 && this.queue.length > 0) {
      const head = this.queue[0] as Buffer;
      const part = head.subarray(0, budget);
      if (!this.to.destroyed) this.to.write(part);
      budget -= part.length;
      this.queued -= part.length;
      if (part.length === head.length) this.queue.shift();
      else this.queue[0] = head.subarray(part.length);
    }
    if (this.queued <= 16 * 1024 && this.from.isPaused()) this.from.resume();
    if (this.queue.length === 0) this.stop();
  }
}

/**
 * Splits the server's side of a WebSocket connection into whole frames (after the HTTP upgrade
 * answer) and leaves out the text frames the proxy's FrameDrop matches. Server frames are not masked.
 */
function frameFilter(proxy: { dropped: number; frameDrop(): FrameDrop | null }): (chunk: Buffer) => Buffer {
  let pending = Buffer.alloc(0);
  let upgraded = false;
  /** A plain HTTP exchange (REST through the proxy) passes untouched. */
  let plain = false;
  return (chunk) => {
    if (plain) return chunk;
    pending = Buffer.concat([pending, chunk]);
    const out: Buffer[] = [];
    if (!upgraded) {
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return Buffer.alloc(0);
      if (!pending.subarray(0, 13).toString('latin1').startsWith('HTTP/1.1 101')) {
        plain = true;
        const all = pending;
        pending = Buffer.alloc(0);
        return all;
      }
      out.push(pending.subarray(0, end + 4));
      pending = pending.subarray(end + 4);
      upgraded = true;
    }
    for (;;) {
      if (pending.length < 2) break;
      const b1 = pending[1] as number;
      let len = b1 & 0x7f;
      let head = 2;
      if (len === 126) {
        if (pending.length < 4) break;
        len = pending.readUInt16BE(2);
        head = 4;
      } else if (len === 127) {
        if (pending.length < 10) break;
        len = Number(pending.readBigUInt64BE(2));
        head = 10;
      }
      if (pending.length < head + len) break;
      const frame = pending.subarray(0, head + len);
      pending = pending.subarray(head + len);
      const opcode = (frame[0] as number) & 0x0f;
      const drop = proxy.frameDrop();
      if (drop && drop.count > 0 && opcode === 1 && drop.match(frame.subarray(head).toString('utf8'))) {
        drop.count -= 1;
        proxy.dropped += 1;
        continue;
      }
      out.push(frame);
    }
    return Buffer.concat(out);
  };
}
