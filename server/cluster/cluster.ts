import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { z } from 'zod';
import {
  type Article,
  type ClusterHealth,
  MARKET_PROBLEMS,
  type MarketStatus,
  TICK_FLUSH_MS,
  TICK_SOURCES,
  type Tick,
  tickSchema,
} from '../../shared/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/types.js';
import { StoryRelay } from './story-relay.js';
import { type LeaseRedis, TickLease } from './tick-lease.js';

type RedisClient = ReturnType<typeof createClient>;

/** Redis names, all under one prefix. */
const KEYS = {
  lease: 'tickerwire:tick-owner',
  ticks: 'tickerwire:ticks',
  watch: 'tickerwire:watch',
  status: 'tickerwire:market-status',
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
/** How often the owner repeats its market status and each follower what its clients watch. */
export const SHARE_MS = 2_000;
/** A follower's watch counts older than this are forgotten (the node is gone). */
const WATCHERS_KEEP_MS = 10_000;
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

const tickMessageSchema = z.object({ node: z.string(), ticks: z.array(tickSchema).max(100_000) });
const watchMessageSchema = z.object({
  node: z.string(),
  symbols: z.array(z.string().max(20)).max(1_000),
  /** How many of the node's clients watch each symbol (its tick groups), sent every SHARE_MS. */
  counts: z.record(z.string().max(20), z.number().int().nonnegative()).optional(),
});
const statusMessageSchema = z.object({
  node: z.string(),
  status: z.object({
    source: z.enum(TICK_SOURCES),
    connected: z.boolean(),
    liveSymbols: z.array(z.string().max(20)).max(10_000).optional(),
    notLive: z.array(z.string().max(20)).max(10_000),
    symbolLimit: z.number().int().nullable(),
    problem: z.enum(MARKET_PROBLEMS).nullable(),
    reason: z.string().max(2_000).nullable(),
    lastMessageAt: z.number().nullable(),
  }),
});

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
export interface ClusterWiring {
  store: Store;
  /** Runs a task in the gateway's serial queue (publishes and resumes). */
  queue<T>(task: () => Promise<T>): Promise<T>;
  /** Sends a story to this node's clients. */
  emit(article: Article): void;
  /** A story committed elsewhere reached this node; `moves` as its node computed them, if known. */
  learned(article: Article, moves: Record<string, number> | undefined): void;
  /** Another node merged a source into a story. */
  merged(notice: MergeNotice): void;
  /** Ticks of the owner, applied to this node's market (follower only). */
  applyTicks(ticks: Tick[]): void;
  /** Clients on another node watch these symbols (owner only). */
  watch(symbols: string[]): void;
  /** The watch counts of other nodes changed: rank the tick source's symbols again (owner only). */
  demandChanged(): void;
  /** How many of this node's clients watch each symbol. */
  watchers(): ReadonlyMap<string, number>;
  /** This node's tick source status (meaningful while it owns the source). */
  status(): MarketStatus;
  /** The owner's market status changed (follower only): tell this node's clients. */
  statusChanged(status: MarketStatus): void;
  /** This node became the owner of the tick source (`initial`: at start, before the market is filled in). */
  startTicks(initial: boolean): void;
  /** This node no longer owns the tick source. */
  stopTicks(): void;
}

/**
 * One node's link to the others through Redis: the Socket.IO streams adapter (room broadcasts
 * and server-side events), story notices and the ordered relay of every node's stories, the
 * lease of the tick source and the pub/sub channel its ticks travel on.
 */
export class ClusterLink {
  readonly adapter: ReturnType<typeof createAdapter>;
  readonly lease: TickLease;
  relay: StoryRelay | null = null;
  private wiring: ClusterWiring | null = null;
  private readonly outgoing: Tick[] = [];
  private readonly pendingMoves = new Map<number, Record<string, number>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private polling = false;
  private remoteStatus: MarketStatus | null = null;
  private readonly remoteWatchers = new Map<string, { counts: Record<string, number>; at: number }>();
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
        this.outgoing.length = 0;
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
    await this.sub.subscribe(KEYS.ticks, (raw) => this.onTicks(raw));
    await this.sub.subscribe(KEYS.watch, (raw) => this.onWatch(raw));
    await this.sub.subscribe(KEYS.status, (raw) => this.onStatus(raw));
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
    this.timers.push(setInterval(() => this.flushTicks(), TICK_FLUSH_MS));
    this.timers.push(setInterval(() => this.share(), SHARE_MS));
    for (const t of this.timers) t.unref();
    this.lease.start();
  }

  /** Takes in a tick this node's source produced (owner): it goes to the other nodes with the next flush. */
  offerTick(tick: Tick): void {
    if (this.lease.owner) this.outgoing.push(tick);
  }

  /** Asks the owner of the tick source for these symbols too. */
  forwardWatch(symbols: string[]): void {
    if (this.lease.owner || symbols.length === 0 || !this.client.isReady) return;
    this.client
      .publish(KEYS.watch, JSON.stringify({ node: this.node, symbols }))
      .catch((err: unknown) => this.logger.warn({ err }, 'redis: watch request failed'));
  }

  /** The owner's market status on a follower (what its clients are told), else this node's own. */
  marketStatus(own: MarketStatus): MarketStatus {
    return !this.lease.owner && this.remoteStatus ? this.remoteStatus : own;
  }

  /** Tells the other nodes the owner's market status (on change; repeated every SHARE_MS). */
  publishStatus(status: MarketStatus): void {
    if (!this.lease.owner || !this.client.isReady) return;
    this.client
      .publish(KEYS.status, JSON.stringify({ node: this.node, status }))
      .catch((err: unknown) => this.logger.warn({ err }, 'redis: market status not sent'));
  }

  /** What clients watch on every node: this node's counts plus the other nodes' recent ones (owner). */
  watchers(own: ReadonlyMap<string, number>): Map<string, number> {
    const all = new Map(own);
    const now = Date.now();
    for (const [node, { counts, at }] of this.remoteWatchers) {
      if (now - at > WATCHERS_KEEP_MS) {
        this.remoteWatchers.delete(node);
        continue;
      }
      for (const [s, n] of Object.entries(counts)) all.set(s, (all.get(s) ?? 0) + n);
    }
    return all;
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

  /** Every SHARE_MS: the owner repeats its status, a follower says what its clients watch. */
  private share(): void {
    if (!this.wiring || !this.client.isReady) return;
    if (this.lease.owner) {
      this.publishStatus(this.wiring.status());
      return;
    }
    const counts = Object.fromEntries(this.wiring.watchers());
    this.client
      .publish(KEYS.watch, JSON.stringify({ node: this.node, symbols: [], counts }))
      .catch((err: unknown) => this.logger.warn({ err }, 'redis: watch counts not sent'));
  }

  private onStatus(raw: string): void {
    const parsed = parseJson(raw, statusMessageSchema);
    if (!parsed) {
      this.bad('market-status');
      return;
    }
    if (parsed.node === this.node || this.lease.owner) return;
    const status = parsed.status as MarketStatus;
    const { lastMessageAt: _a, ...next } = status;
    const { lastMessageAt: _b, ...prev } = this.remoteStatus ?? status;
    const changed = this.remoteStatus === null || JSON.stringify(next) !== JSON.stringify(prev);
    this.remoteStatus = status;
    if (changed) this.wiring?.statusChanged(status);
  }

  private flushTicks(): void {
    if (this.outgoing.length === 0) return;
    const ticks = this.outgoing.splice(0);
    // Ticks are state: a batch that cannot go now is dropped, the next one carries newer prices.
    if (!this.client.isReady) return;
    this.client
      .publish(KEYS.ticks, JSON.stringify({ node: this.node, ticks }))
      .then(() => this.metrics.clusterTicks.inc({ direction: 'out' }, ticks.length))
      .catch((err: unknown) => this.logger.warn({ err }, 'redis: tick batch not sent'));
  }

  private onTicks(raw: string): void {
    const parsed = parseJson(raw, tickMessageSchema);
    if (!parsed) {
      this.bad('ticks');
      return;
    }
    if (parsed.node === this.node || this.lease.owner) return;
    this.metrics.clusterTicks.inc({ direction: 'in' }, parsed.ticks.length);
    this.wiring?.applyTicks(parsed.ticks);
  }

  private onWatch(raw: string): void {
    const parsed = parseJson(raw, watchMessageSchema);
    if (!parsed) {
      this.bad('watch');
      return;
    }
    if (parsed.node === this.node || !this.lease.owner) return;
    if (parsed.symbols.length) this.wiring?.watch(parsed.symbols);
    if (parsed.counts) {
      const before = JSON.stringify(this.remoteWatchers.get(parsed.node)?.counts ?? {});
      this.remoteWatchers.set(parsed.node, { counts: parsed.counts, at: Date.now() });
      if (JSON.stringify(parsed.counts) !== before) this.wiring?.demandChanged();
    }
  }
}

function parseJson<T>(raw: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
