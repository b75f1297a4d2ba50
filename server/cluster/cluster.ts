import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { z } from 'zod';
import type { Article, ClusterHealth, MarketStatus, Tick } from '../../shared/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/types.js';
import { MarketShare, type MarketShareWiring } from './market-share.js';
import { StoryRelay } from './story-relay.js';
import { type LeaseRedis, TickLease } from './tick-lease.js';

type RedisClient = ReturnType<typeof createClient>;

/** Redis names, all under one prefix. */
const KEYS = {
  lease: 'tickerwire:tick-owner',
  stream: 'tickerwire:socket.io',
  channels: 'tickerwire:socket.io',
} as const;

/** The tick owner's lease: a dead owner is replaced within this long. */
export const LEASE_TTL_MS = 5_000;
/**
 * Entries kept in the adapter's stream (approximate trim). Only room broadcasts that must reach
 * other nodes' sockets go there (article:updated), so this covers hours, and any outage Redis
 * survives; a node behind by more than this misses updates, never stories (those come from the store).
 */
export const STREAM_MAX_LEN = 10_000;
/** How often each node asks the store whether stories exist that no notice announced (a lost notice). */
export const STORE_POLL_MS = 1_000;

/** Events between nodes (Socket.IO serverSideEmit, over the adapter's Redis pub/sub). */
export interface ServerSideEvents {
  /** A node committed the story `seq` (and tells how it should move prices, for the tick owner). */
  'story:committed': (notice: StoryNotice) => void;
  /** A node added another source to the story `seq` (same-story index). */
  'story:merged': (notice: MergeNotice) => void;
}

const storyNoticeSchema = z.object({
  seq: z.number().int().positive(),
  moves: z.record(z.string().max(20), z.number().finite()).optional(),
});
export type StoryNotice = z.infer<typeof storyNoticeSchema>;

const mergeNoticeSchema = z.object({
  seq: z.number().int().positive(),
  source: z.string().min(1).max(200),
  url: z.string().max(4_000).nullable(),
});
export type MergeNotice = z.infer<typeof mergeNoticeSchema>;

/** The default node id: host name and port (or process id when the port is chosen by the system). */
export function defaultNodeId(port: number): string {
  return `${hostname()}:${port || process.pid}`;
}

function leaseRedis(client: RedisClient): LeaseRedis {
  return {
    setIfAbsent: async (key, value, ttlMs) =>
      (await client.set(key, value, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) === 'OK',
    renewIf: async (key, value, ttlMs) =>
      (await client.eval(
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
        { keys: [key], arguments: [value, String(ttlMs)] },
      )) === 1,
    deleteIf: async (key, value) => {
      await client.eval(
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
        { keys: [key], arguments: [value] },
      );
    },
  };
}

/** What the cluster link drives in the rest of the server, given once everything is built. */
export interface ClusterWiring extends MarketShareWiring {
  store: Store;
  /** Runs a task in the gateway's serial queue (publishes and resumes). */
  queue<T>(task: () => Promise<T>): Promise<T>;
  /** Sends a story to this node's clients. */
  emit(article: Article): void;
  /** A story committed elsewhere reached this node; `moves` as its node computed them, if known. */
  learned(article: Article, moves: Record<string, number> | undefined): void;
  /** Another node merged a source into a story. */
  merged(notice: MergeNotice): void;
  /** This node became the owner of the tick source (`initial`: at start, before the market is filled in). */
  startTicks(initial: boolean): void;
  /** This node no longer owns the tick source. */
  stopTicks(): void;
}

/**
 * One node's link to the others through Redis: the Socket.IO streams adapter (room broadcasts
 * and server-side events), story notices and the ordered relay of every node's stories, the
 * lease of the tick source, and the market share (ticks, watch counts, status; market-share.ts).
 */
export class ClusterLink {
  readonly adapter: ReturnType<typeof createAdapter>;
  readonly lease: TickLease;
  /** Ticks, watch counts and market status between the owner and the followers. */
  readonly share: MarketShare;
  relay: StoryRelay | null = null;
  private wiring: ClusterWiring | null = null;
  private readonly pendingMoves = new Map<number, Record<string, number>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private polling = false;
  private closed = false;

  private constructor(
    readonly node: string,
    private readonly client: RedisClient,
    private readonly sub: RedisClient,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.adapter = createAdapter(client, {
      streamName: KEYS.stream,
      channelPrefix: KEYS.channels,
      maxLen: STREAM_MAX_LEN,
      onlyPlaintext: true,
    });
    this.share = new MarketShare({
      node,
      publish: (channel, message) => client.publish(channel, message),
      ready: () => client.isReady,
      owner: () => this.lease.owner,
      logger,
      metrics,
      wiring: () => this.wiring,
      bad: (kind) => this.bad(kind),
    });
    this.lease = new TickLease({
      redis: leaseRedis(client),
      key: KEYS.lease,
      node,
      ttlMs: LEASE_TTL_MS,
      logger,
      onAcquire: () => {
        metrics.tickOwner.set(1);
        // At start the server fills the market in itself; a takeover continues from the last prices.
        if (this.wiring) this.wiring.startTicks(false);
      },
      onLose: () => {
        metrics.tickOwner.set(0);
        this.share.drop();
        this.wiring?.stopTicks();
      },
    });
  }

  /**
   * Connects to Redis (waiting at most 2 s: a node also starts while Redis is down, and
   * connects when it is back) and subscribes to the tick and watch channels.
   */
  static async open(url: string, node: string, logger: Logger, metrics: Metrics): Promise<ClusterLink> {
    const client: RedisClient = createClient({
      url,
      socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
    });
    let lastError = 0;
    client.on('error', (err: unknown) => {
      // Logged at most every 10 s: a Redis that is down fails every reconnect.
      if (Date.now() - lastError > 10_000) logger.warn({ err }, 'redis connection failed');
      lastError = Date.now();
    });
    client.on('ready', () => {
      metrics.redisUp.set(1);
      logger.info('redis connected');
    });
    client.on('end', () => metrics.redisUp.set(0));
    client.on('reconnecting', () => metrics.redisUp.set(0));
    const sub = client.duplicate();
    sub.on('error', () => undefined);
    const link = new ClusterLink(node, client, sub, logger, metrics);
    const connected = Promise.all([client.connect(), sub.connect()]).then(() => link.subscribe());
    connected.catch((err: unknown) => logger.error({ err }, 'redis: could not subscribe'));
    await Promise.race([connected.catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
    return link;
  }

  private async subscribe(): Promise<void> {
    await this.share.subscribe((channel, listener) => this.sub.subscribe(channel, listener));
  }

  /** Hooks the link to the built server; starts the relay, the store poll and the lease. */
  async wire(
    wiring: ClusterWiring,
    io: { on(event: string, listener: (payload: unknown) => void): unknown },
  ): Promise<void> {
    this.wiring = wiring;
    const relay = new StoryRelay({
      store: wiring.store,
      logger: this.logger,
      emit: (a) => wiring.emit(a),
      learned: (a) => {
        wiring.learned(a, this.pendingMoves.get(a.seq));
        this.pendingMoves.delete(a.seq);
      },
      count: (how) => this.metrics.clusterStories.inc({ how }),
      skipped: (from, to) => this.metrics.clusterStories.inc({ how: 'skipped' }, to - from + 1),
    });
    await relay.start();
    this.relay = relay;
    io.on('story:committed', (payload) => {
      const parsed = storyNoticeSchema.safeParse(payload);
      if (!parsed.success) {
        this.bad('story:committed');
        return;
      }
      this.metrics.clusterMessages.inc({ kind: 'story:committed', result: 'ok' });
      const { seq, moves } = parsed.data;
      if (seq <= relay.seq) return;
      if (moves && this.pendingMoves.size < 1_000) this.pendingMoves.set(seq, moves);
      void wiring
        .queue(() => relay.catchUp())
        .catch((err: unknown) => this.logger.error({ err }, 'relay failed'));
    });
    io.on('story:merged', (payload) => {
      const parsed = mergeNoticeSchema.safeParse(payload);
      if (!parsed.success) {
        this.bad('story:merged');
        return;
      }
      this.metrics.clusterMessages.inc({ kind: 'story:merged', result: 'ok' });
      wiring.merged(parsed.data);
    });
    this.timers.push(setInterval(() => void this.pollStore(), STORE_POLL_MS));
    this.share.start();
    for (const t of this.timers) t.unref();
    this.lease.start();
  }

  /** Owner: a tick of this node's source, for the other nodes. */
  offerTick(tick: Tick): void {
    this.share.offerTick(tick);
  }

  /** Follower: asks the owner of the tick source for these symbols too. */
  forwardWatch(symbols: string[]): void {
    this.share.forwardWatch(symbols);
  }

  /** The owner's market status on a follower, else this node's own. */
  marketStatus(own: MarketStatus): MarketStatus {
    return this.share.marketStatus(own);
  }

  /** Owner: tells the other nodes its market status. */
  publishStatus(status: MarketStatus): void {
    this.share.publishStatus(status);
  }

  /** Owner: what clients watch on every node. */
  watchers(own: ReadonlyMap<string, number>): Map<string, number> {
    return this.share.watchers(own);
  }

  status(): ClusterHealth {
    return {
      node: this.node,
      redis: this.client.isReady ? 'up' : 'down',
      tickOwner: this.lease.owner,
      deliveredSeq: this.relay?.seq ?? 0,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.share.stop();
    await this.lease.stop();
    for (const c of [this.sub, this.client]) {
      if (c.isReady) await c.close().catch(() => c.destroy());
      else c.destroy();
    }
  }

  private bad(kind: string): void {
    this.metrics.clusterMessages.inc({ kind, result: 'invalid' });
  }

  /** A notice lost (Redis down, a node killed between commit and notice) is made up for here. */
  private async pollStore(): Promise<void> {
    const { wiring, relay } = this;
    if (!wiring || !relay || this.polling) return;
    this.polling = true;
    try {
      if ((await wiring.store.latestSeq()) > relay.seq) await wiring.queue(() => relay.catchUp());
    } catch (err) {
      this.logger.error({ err }, 'store poll failed');
    } finally {
      this.polling = false;
    }
  }
}
