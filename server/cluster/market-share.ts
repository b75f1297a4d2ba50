import { z } from 'zod';
import {
  MARKET_PROBLEMS,
  type MarketStatus,
  TICK_FLUSH_MS,
  TICK_SOURCES,
  type Tick,
  tickSchema,
} from '../../shared/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

/** Redis pub/sub channels between the tick source's owner and the followers (not the adapter's stream). */
const CHANNELS = {
  ticks: 'tickerwire:ticks',
  watch: 'tickerwire:watch',
  status: 'tickerwire:market-status',
} as const;

/** How often the owner repeats its market status and each follower what its clients watch. */
export const SHARE_MS = 2_000;
/** A follower's watch counts older than this are forgotten (the node is gone). */
const WATCHERS_KEEP_MS = 10_000;

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

/** What the market share drives on this node. */
export interface MarketShareWiring {
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
}

export interface MarketShareDeps {
  node: string;
  publish(channel: string, message: string): Promise<unknown>;
  /** Connected to Redis now. */
  ready(): boolean;
  /** This node owns the tick source now. */
  owner(): boolean;
  logger: Logger;
  metrics: Metrics;
  /** The server's side, once built. */
  wiring(): MarketShareWiring | null;
  /** Counts a malformed message. */
  bad?(kind: string): void;
}

/**
 * The market between nodes, on plain Redis pub/sub: the owner's ticks in 100 ms batches (every
 * node applies them), what each follower's clients watch (the owner's source follows demand over
 * every node), and the owner's market status (followers pass it on to their clients).
 */
export class MarketShare {
  private readonly outgoing: Tick[] = [];
  private remoteStatus: MarketStatus | null = null;
  private readonly remoteWatchers = new Map<string, { counts: Record<string, number>; at: number }>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: MarketShareDeps) {}

  /** Subscribes to the channels (again after a reconnect: the client resubscribes by itself). */
  async subscribe(on: (channel: string, listener: (raw: string) => void) => Promise<unknown>): Promise<void> {
    await on(CHANNELS.ticks, (raw) => this.onTicks(raw));
    await on(CHANNELS.watch, (raw) => this.onWatch(raw));
    await on(CHANNELS.status, (raw) => this.onStatus(raw));
  }

  start(): void {
    this.timers.push(setInterval(() => this.flushTicks(), TICK_FLUSH_MS));
    this.timers.push(setInterval(() => this.repeat(), SHARE_MS));
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
  }

  /** Forgets ticks not yet sent (this node no longer owns the source). */
  drop(): void {
    this.outgoing.length = 0;
  }

  /** Takes in a tick this node's source produced (owner): it goes to the other nodes with the next flush. */
  offerTick(tick: Tick): void {
    if (this.deps.owner()) this.outgoing.push(tick);
  }

  /** Asks the owner of the tick source for these symbols too. */
  forwardWatch(symbols: string[]): void {
    if (this.deps.owner() || symbols.length === 0 || !this.deps.ready()) return;
    this.deps
      .publish(CHANNELS.watch, JSON.stringify({ node: this.deps.node, symbols }))
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'redis: watch request failed'));
  }

  /** The owner's market status on a follower (what its clients are told), else this node's own. */
  marketStatus(own: MarketStatus): MarketStatus {
    return !this.deps.owner() && this.remoteStatus ? this.remoteStatus : own;
  }

  /** Tells the other nodes the owner's market status (on change; repeated every SHARE_MS). */
  publishStatus(status: MarketStatus): void {
    if (!this.deps.owner() || !this.deps.ready()) return;
    this.deps
      .publish(CHANNELS.status, JSON.stringify({ node: this.deps.node, status }))
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'redis: market status not sent'));
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

  /** Every SHARE_MS: the owner repeats its status, a follower says what its clients watch. */
  private repeat(): void {
    const wiring = this.deps.wiring();
    if (!wiring || !this.deps.ready()) return;
    if (this.deps.owner()) {
      this.publishStatus(wiring.status());
      return;
    }
    const counts = Object.fromEntries(wiring.watchers());
    this.deps
      .publish(CHANNELS.watch, JSON.stringify({ node: this.deps.node, symbols: [], counts }))
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'redis: watch counts not sent'));
  }

  private onStatus(raw: string): void {
    const parsed = parseJson(raw, statusMessageSchema);
    if (!parsed) {
      this.deps.bad?.('market-status');
      return;
    }
    if (parsed.node === this.deps.node || this.deps.owner()) return;
    const status = parsed.status as MarketStatus;
    const { lastMessageAt: _a, ...next } = status;
    const { lastMessageAt: _b, ...prev } = this.remoteStatus ?? status;
    const changed = this.remoteStatus === null || JSON.stringify(next) !== JSON.stringify(prev);
    this.remoteStatus = status;
    if (changed) this.deps.wiring()?.statusChanged(status);
  }

  private flushTicks(): void {
    if (this.outgoing.length === 0) return;
    const ticks = this.outgoing.splice(0);
    // Ticks are state: a batch that cannot go now is dropped, the next one carries newer prices.
    if (!this.deps.ready()) return;
    this.deps
      .publish(CHANNELS.ticks, JSON.stringify({ node: this.deps.node, ticks }))
      .then(() => this.deps.metrics.clusterTicks.inc({ direction: 'out' }, ticks.length))
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'redis: tick batch not sent'));
  }

  private onTicks(raw: string): void {
    const parsed = parseJson(raw, tickMessageSchema);
    if (!parsed) {
      this.deps.bad?.('ticks');
      return;
    }
    if (parsed.node === this.deps.node || this.deps.owner()) return;
    this.deps.metrics.clusterTicks.inc({ direction: 'in' }, parsed.ticks.length);
    this.deps.wiring()?.applyTicks(parsed.ticks);
  }

  private onWatch(raw: string): void {
    const parsed = parseJson(raw, watchMessageSchema);
    if (!parsed) {
      this.deps.bad?.('watch');
      return;
    }
    if (parsed.node === this.deps.node || !this.deps.owner()) return;
    if (parsed.symbols.length) this.deps.wiring()?.watch(parsed.symbols);
    if (parsed.counts) {
      const before = JSON.stringify(this.remoteWatchers.get(parsed.node)?.counts ?? {});
      this.remoteWatchers.set(parsed.node, { counts: parsed.counts, at: Date.now() });
      if (JSON.stringify(parsed.counts) !== before) this.deps.wiring()?.demandChanged();
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
