import type { Logger } from '../logger.js';

/** The few Redis commands the lease needs (a node-redis client, or a fake in unit tests). */
export interface LeaseRedis {
  /** SET key value NX PX ttl: true when set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** PEXPIRE key ttl if key still holds value: true when it did. */
  renewIf(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** DEL key if it still holds value. */
  deleteIf(key: string, value: string): Promise<void>;
}

export interface TickLeaseOptions {
  redis: LeaseRedis;
  key: string;
  /** This node's id, the lease's value. */
  node: string;
  ttlMs: number;
  logger: Logger;
  onAcquire(): void;
  onLose(): void;
}

/** A command that does not answer in this long counts as failed (Redis down: the client queues it). */
const COMMAND_TIMEOUT_MS = 1_000;

function timed<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('redis command timed out')), COMMAND_TIMEOUT_MS).unref(),
    ),
  ]);
}

/**
 * Which node owns the tick source: a Redis key set with NX and a time to live, renewed every
 * third of it. The owner that cannot renew (Redis unreachable) steps down once the lease has run
 * out, since another node may hold it by then; a node that finds the key free takes it.
 */
export class TickLease {
  private owning = false;
  private renewedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(private readonly opts: TickLeaseOptions) {}

  get owner(): boolean {
    return this.owning;
  }

  /** One attempt to take the lease (at start, before the market is filled in). */
  async tryAcquire(): Promise<boolean> {
    try {
      if (await timed(this.opts.redis.setIfAbsent(this.opts.key, this.opts.node, this.opts.ttlMs))) {
        this.renewedAt = Date.now();
        this.become(true);
      }
    } catch (err) {
      this.opts.logger.warn({ err }, 'tick lease: could not ask Redis');
    }
    return this.owning;
  }

  /** Renews or tries to take the lease every third of its time to live. */
  start(): void {
    this.timer = setInterval(() => void this.cycle(), Math.max(50, Math.floor(this.opts.ttlMs / 3)));
    this.timer.unref();
  }

  /** Stops renewing and frees the lease for the next node at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.owning) return;
    this.become(false);
    await timed(this.opts.redis.deleteIf(this.opts.key, this.opts.node)).catch(() => undefined);
  }

  private async cycle(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const { redis, key, node, ttlMs, logger } = this.opts;
    try {
      // Renewing first also finds a lease this node was granted by a command that timed out.
      const held =
        (await timed(redis.renewIf(key, node, ttlMs))) || (await timed(redis.setIfAbsent(key, node, ttlMs)));
      if (held) this.renewedAt = Date.now();
      else if (this.owning) logger.warn('tick lease: another node owns the tick source now');
      this.become(held);
    } catch (err) {
      if (this.owning && Date.now() - this.renewedAt >= ttlMs) {
        logger.warn({ err }, 'tick lease: could not renew in time; stepping down');
        this.become(false);
      }
    } finally {
      this.busy = false;
    }
  }

  private become(owner: boolean): void {
    if (owner === this.owning) return;
    this.owning = owner;
    this.opts.logger.info(
      { node: this.opts.node, owner },
      owner ? 'owns the tick source' : 'follows the tick source',
    );
    if (owner) this.opts.onAcquire();
    else this.opts.onLose();
  }
}
