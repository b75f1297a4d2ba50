import type { Server, Socket } from 'socket.io';
import {
  type Ack,
  type Article,
  BENCHMARK_SYMBOL,
  type ClientToServerEvents,
  type FeedSubscribed,
  feedSubscribeSchema,
  HEARTBEAT_MS,
  handshakeSchema,
  MAX_RESUME_ARTICLES,
  type MarketStatus,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  TICK_BATCH_MAX_PER_SYMBOL,
  TICK_FLUSH_MS,
  type Tick,
  type TicksSubscribed,
  ticksSubscribeSchema,
  toIssues,
} from '../../shared/index.js';
import type { ServerSideEvents } from '../cluster/cluster.js';
import type { StoryRelay } from '../cluster/story-relay.js';
import type { LiveStory, ReactionSweep } from '../impact/reaction-engine.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/types.js';
import { CommandBudget } from './command-budget.js';
import type { SerialQueue } from './serial-queue.js';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;

interface SocketData {
  feed: string[];
  /** The feed follows only stories about its tickers (their primary rooms). */
  primaryOnly: boolean;
  /** Tick symbols asked for explicitly; null follows the feed filter. */
  tickSymbols: string[] | null;
  tickGroup: string | null;
  /** Key of the socket's reaction group (its feed filter): one reactions:updated frame per group per sweep. */
  reactionGroup?: string;
  lastSeq?: number;
}

const ALL_ROOM = 'feed:*';
const feedRoom = (symbol: string) => `feed:${symbol}`;
/** Stories about a ticker (primary tag) also go to its primary room. */
const primaryRoom = (symbol: string) => `feed:${symbol}:primary`;
const ALL_TICKS = '*';
const reactionRoom = (key: string) => `reactions:${key}`;

/**
 * Sockets written per slice of a bulk send (tick batches, heartbeats; reactions, paced). The
 * event loop turns between two slices, so a story committed meanwhile goes out after one slice at
 * most instead of after the whole fan-out: writing a frame to every one of 1,000 clients holds the
 * loop for tens of ms.
 */
export const FANOUT_SLICE = 100;

/**
 * A sweep's reactions:updated frames are spread over this long, a slice of FANOUT_SLICE sockets at
 * a time, instead of going to every client at once. Nothing waits on them (a page moves its values
 * from ticks in between), and a burst has a cost a story pays: a client busy with a reactions frame
 * takes the story after it, and the server's writes to every socket come in one block. Below one
 * slice of sockets they go at once.
 */
export const REACTIONS_SPREAD_MS = 500;
/** Longest a tick flush is put off while paced sends are behind (ticks then go at least this often). */
const TICK_DEFER_MAX_MS = 500;

/** A send to some sockets (a slice of a bulk send), for paced sends. */
interface PacedSend {
  sockets: number;
  send: () => void;
}

/** Sockets with the same feed filter: they get the same reactions:updated frame. */
interface ReactionGroup {
  /** null: every story. */
  symbols: Set<string> | null;
  primaryOnly: boolean;
}

/** A story with these tickers is one the group's filter shows. */
const groupMatches = ({ symbols, primaryOnly }: ReactionGroup, tickers: LiveStory['tickers'] | undefined) =>
  !symbols || (tickers ?? []).some((t) => symbols.has(t.symbol) && (t.primary || !primaryOnly));

/**
 * A socket joining a reaction group gets the values that froze this long before (ms), the newest
 * this many at most: after a restart's catch-up freezes thousands at once, every client reconnecting
 * would otherwise get them all (it refetches its lists over REST then anyway).
 */
const MILESTONE_REPLAY_MS = 30_000;
const MILESTONE_REPLAY_MAX = 200;

export interface GatewayDeps {
  io: IoServer;
  store: Store;
  queue: SerialQueue;
  logger: Logger;
  metrics: Metrics;
  serverVersion: string;
  /** Called when clients ask for prices of symbols, so the tick source can follow demand. */
  onWatch?: (symbols: string[]) => void;
  /** Called when the set of watched symbols or their watcher counts may have changed (see watchers()). */
  onWatchersChange?: () => void;
  /** Which prices are live, sent to each client after server:hello. */
  marketStatus?: () => MarketStatus;
  /** A socket whose unsent output passes this is dropped (default 4 MiB); past 1/16 of it, ticks wait. */
  maxBacklogBytes?: number;
  /** Ticks of one symbol a batch carries at most (default TICK_BATCH_MAX_PER_SYMBOL); past it, the newest replaces the last. */
  tickBatchMaxPerSymbol?: number;
  /** A reaction group's newest this many stories get live values every sweep (default none); every story's come every 10th. */
  reactionLiveStories?: number;
}

/**
 * Bytes queued for a socket that its link has not taken yet: engine.io's write buffer (packets
 * waiting for the previous write to finish) and the WebSocket's own (written, not yet in the kernel).
 */
export function backlogBytes(socket: { conn: unknown }): number {
  const conn = socket.conn as {
    writeBuffer?: { data?: unknown }[];
    transport?: { writable?: boolean; socket?: { bufferedAmount?: number } };
  };
  // Every write has reached the kernel (engine.io marks the transport writable on the last one's
  // callback) and nothing waits behind it: the common case, answered without asking the socket.
  if (conn.transport?.writable === true && !conn.writeBuffer?.length) return 0;
  let n = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const p of conn.writeBuffer ?? []) n += typeof p.data === 'string' ? p.data.length : 64;
  return n;
}

function failure<T>(
  code: 'BAD_REQUEST' | 'INTERNAL',
  message: string,
  issues?: ReturnType<typeof toIssues>,
): Ack<T> {
  return { ok: false, error: { code, message, ...(issues ? { issues } : {}) } };
}

/**
 * A command's payload and ack, however many arguments the client sent: the ack is the last one
 * when it is a function, so a command with no payload or extra arguments is still answered (and
 * `extra` makes it invalid).
 */
function commandArgs<T>(args: unknown[]): {
  payload: unknown;
  ack: ((res: Ack<T>) => void) | undefined;
  extra: boolean;
} {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as (res: Ack<T>) => void) : undefined;
  const rest = ack ? args.slice(0, -1) : args;
  return { payload: rest[0], ack, extra: rest.length > 1 };
}

/**
 * The realtime side: one room per ticker plus one for "every story", resume from a last seq,
 * and ticks flushed as one batch per subscription group every TICK_FLUSH_MS: every tick while a
 * client keeps up (at most tickBatchMaxPerSymbol of a symbol per batch), the latest prices only
 * once its link is behind.
 */
export class RealtimeGateway {
  /** Ticks since the last flush, per symbol, oldest first. */
  private pending = new Map<string, Tick[]>();
  private readonly maxPerSymbol: number;
  /** Tick subscription group key -> its symbols ('*' = every symbol). */
  private readonly groups = new Map<string, Set<string> | null>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** The latest tick of each symbol, for a client that skipped batches while its link was behind. */
  private readonly latest = new Map<string, Tick>();
  /** Sockets that skipped a tick batch and are owed the latest prices of their symbols. */
  private readonly owed = new Set<string>();
  private readonly maxBacklog: number;
  /** Several nodes: sends every node's stories in seq order (see StoryRelay); null on a single node. */
  private relay: StoryRelay | null = null;
  /** Reaction group key -> the filter its sockets share. */
  private readonly reactionGroups = new Map<string, ReactionGroup>();

  constructor(private readonly deps: GatewayDeps) {
    this.maxBacklog = deps.maxBacklogBytes ?? 4 * 1024 * 1024;
    this.maxPerSymbol = Math.max(1, deps.tickBatchMaxPerSymbol ?? TICK_BATCH_MAX_PER_SYMBOL);
    const { io } = deps;
    io.use((socket, next) => {
      const parsed = handshakeSchema.safeParse(socket.handshake.auth ?? {});
      if (!parsed.success) {
        deps.metrics.rejectedMessages.inc({ kind: 'handshake' });
        const err = Object.assign(new Error('BAD_REQUEST'), {
          data: { code: 'BAD_REQUEST', message: 'invalid handshake auth', issues: toIssues(parsed.error) },
        });
        return next(err);
      }
      const v = parsed.data.protocolVersion;
      if (v !== undefined && v !== PROTOCOL_VERSION) {
        deps.metrics.rejectedMessages.inc({ kind: 'protocol' });
        const err = Object.assign(new Error('PROTOCOL_MISMATCH'), {
          data: {
            code: 'PROTOCOL_MISMATCH',
            message: `This page speaks protocol ${v}, the server ${PROTOCOL_VERSION}: please reload.`,
            serverProtocolVersion: PROTOCOL_VERSION,
          },
        });
        return next(err);
      }
      socket.data.feed = parsed.data.tickers ?? [];
      socket.data.primaryOnly = parsed.data.primaryOnly ?? false;
      socket.data.tickSymbols = null;
      socket.data.tickGroup = null;
      socket.data.lastSeq = parsed.data.lastSeq;
      next();
    });
    io.on('connection', (socket) => this.onConnection(socket));
    this.timers.push(setInterval(() => this.flushTicks(), TICK_FLUSH_MS));
    this.timers.push(setInterval(() => void this.heartbeat(), HEARTBEAT_MS));
    this.timers.push(setInterval(() => this.shedBacklogged(), 1_000));
    for (const t of this.timers) t.unref?.();
    void this.deps.store.latestSeq().then(
      (seq) => {
        this.heartbeatSeq ??= seq;
      },
      () => undefined,
    );
  }

  /** Several nodes: stories go out through the relay from now on. */
  setRelay(relay: StoryRelay): void {
    this.relay = relay;
  }

  /** Sends a committed story to every client whose filter it matches. Call inside the queue. */
  publishArticle(article: Article): void | Promise<void> {
    // Several nodes: sent once every earlier story (maybe another node's) has gone out.
    if (this.relay) return this.relay.local(article);
    this.emitArticle(article);
  }

  /** Sends a story to this node's clients whose filter it matches (other nodes send their own). */
  emitArticle(article: Article): void {
    const rooms = [ALL_ROOM];
    for (const t of article.tickers) {
      rooms.push(feedRoom(t.symbol));
      if (t.primary) rooms.push(primaryRoom(t.symbol));
    }
    this.deps.io.local.to(rooms).emit('article:published', article);
    this.deps.metrics.articlesPushed.inc();
  }

  /** Tells the clients whose filter a story matches that its sources changed (article:updated). */
  publishArticleUpdate(article: Article): void {
    const rooms = [ALL_ROOM];
    for (const t of article.tickers) {
      rooms.push(feedRoom(t.symbol));
      if (t.primary) rooms.push(primaryRoom(t.symbol));
    }
    this.deps.io
      .to(rooms)
      .emit('article:updated', { id: article.id, seq: article.seq, alsoFrom: article.alsoFrom ?? [] });
  }

  /**
   * Sends changed reactions: one reactions:updated frame per sweep to each group of sockets sharing a
   * feed filter, holding only the stories that filter matches (serialised once per group, written in
   * slices). Milestones go in full at once. Live values: every sweep for the group's newest
   * reactionLiveStories stories (none by default), and each story's at least every 10 s (a tenth of
   * them each sweep). A page moves a story's live values itself from the ticks of its tickers, ten
   * times a second; a frame of every moving story each second cost each client kilobytes a second
   * and held back the stories published behind it.
   */
  publishReactions(sweep: ReactionSweep): void {
    const { articles: updates, live, slow, stories } = sweep;
    if (updates.length === 0 && live.length === 0 && slow.length === 0) return;
    this.rememberMilestones(updates);
    const newest = this.deps.reactionLiveStories ?? 0;
    const tagsOf = new Map(stories.map((s) => [s.seq, s.tickers]));
    const rooms = this.deps.io.sockets.adapter.rooms;
    const sends: PacedSend[] = [];
    for (const [key, group] of this.reactionGroups) {
      if (!rooms.has(reactionRoom(key))) {
        this.reactionGroups.delete(key);
        continue;
      }
      const matches = (tickers: LiveStory['tickers'] | undefined) => groupMatches(group, tickers);
      const articles = group.symbols ? updates.filter((u) => matches(u.tickers)) : updates;
      // The seq of the group's newest-th story: live values of older ones wait until they are due.
      let floor = Number.POSITIVE_INFINITY;
      if (newest > 0 && live.length) {
        floor = Number.NEGATIVE_INFINITY;
        let n = 0;
        for (const s of stories) {
          if (!matches(s.tickers)) continue;
          if (++n === newest) {
            floor = s.seq;
            break;
          }
        }
      }
      const values = slow.filter((u) => matches(tagsOf.get(u.seq)));
      const due = new Set(values.map((u) => u.seq));
      for (const u of live)
        if (u.seq >= floor && !due.has(u.seq) && matches(tagsOf.get(u.seq))) values.push(u);
      if (articles.length || values.length) {
        const frame = values.length ? { articles, live: values } : { articles };
        sends.push(
          ...this.slices(rooms.get(reactionRoom(key)), (ids) =>
            this.deps.io.local.to(ids).emit('reactions:updated', frame),
          ),
        );
      }
    }
    this.paced(sends, REACTIONS_SPREAD_MS);
  }

  /** One send per slice of at most FANOUT_SLICE of `members` (none when there are none). */
  private slices(
    members: ReadonlySet<string> | ReadonlyMap<string, unknown> | undefined,
    send: (ids: string[]) => void,
  ): PacedSend[] {
    if (!members?.size) return [];
    const ids = [...members.keys()];
    const out: PacedSend[] = [];
    for (let i = 0; i < ids.length; i += FANOUT_SLICE) {
      const slice = ids.slice(i, i + FANOUT_SLICE);
      out.push({ sockets: slice.length, send: () => send(slice) });
    }
    return out;
  }

  /**
   * Runs `sends` (bulk sends nothing waits on, in slices), packed into steps of at most
   * FANOUT_SLICE sockets, one step at a time: the first now and the others spread evenly so that,
   * with the steps queued before, all are done within `withinMs`. Sends to fewer sockets than a
   * slice all go at once. They keep their order, so a client gets its frames in the order they
   * were made.
   */
  private paced(sends: PacedSend[], withinMs: number): void {
    if (sends.length === 0) return;
    let step: (() => void)[] = [];
    let sockets = 0;
    const close = () => {
      if (step.length === 0) return;
      const parts = step;
      this.pacedSends.push(() => {
        for (const send of parts) send();
      });
      step = [];
      sockets = 0;
    };
    for (const s of sends) {
      if (sockets > 0 && sockets + s.sockets > FANOUT_SLICE) close();
      step.push(s.send);
      sockets += s.sockets;
    }
    close();
    this.pacedDeadline = performance.now() + withinMs;
    if (this.pacedTimer === null) this.drainPaced();
  }

  /** Paced sends are still waiting past the time they should all have gone by. */
  private pacedOverdue(): boolean {
    return this.pacedSends.length > 0 && performance.now() > this.pacedDeadline;
  }

  private drainPaced(): void {
    this.pacedTimer = null;
    const send = this.pacedSends.shift();
    if (!send) return;
    send();
    const left = this.pacedSends.length;
    if (left === 0) return;
    const gap = Math.max(0, (this.pacedDeadline - performance.now()) / left);
    this.pacedTimer = setTimeout(() => this.drainPaced(), gap);
    this.pacedTimer.unref?.();
  }
  private readonly pacedSends: (() => void)[] = [];
  private pacedTimer: ReturnType<typeof setTimeout> | null = null;
  private pacedDeadline = 0;

  /**
   * A bulk send (tick batches, heartbeats) to `members` (less `except`) in slices of FANOUT_SLICE sockets, the
   * first now and each next one after the event loop has turned (setImmediate); bulk sends run one
   * after another, in call order. `send(null)` sends to all of them at once (a small group, nothing
   * in progress): the caller's room, as before slicing; `send(ids)` to those sockets.
   */
  private sliced(
    members: ReadonlySet<string> | ReadonlyMap<string, unknown>,
    except: ReadonlySet<string> | null,
    send: (ids: string[] | null) => void,
  ): Promise<void> | null {
    if (members.size <= FANOUT_SLICE && !except?.size && !this.bulk) {
      send(null);
      return null;
    }
    const ids: string[] = [];
    for (const id of members.keys()) if (!except?.has(id)) ids.push(id);
    const run = async () => {
      for (let i = 0; i < ids.length; i += FANOUT_SLICE) {
        if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        send(ids.slice(i, i + FANOUT_SLICE));
      }
    };
    const next = (this.bulk ?? Promise.resolve()).then(run);
    const done = next.finally(() => {
      if (this.bulk === done) this.bulk = null;
    });
    this.bulk = done;
    return done;
  }
  /** The bulk sends in progress (see sliced), null when none is. */
  private bulk: Promise<void> | null = null;
  /** When the last tick flush went ahead (performance.now()). */
  private lastTickFlush = 0;
  /** The last tick batch of a flush still going out in slices, null when none is. */
  private ticksInFlight: Promise<void> | null = null;

  /**
   * Takes a tick for the next flush. A tick older than the symbol's newest is late and dropped (a
   * price never moves back in time on the wire); past maxPerSymbol ticks of a symbol since the last
   * flush, the newest replaces the last one kept, so a batch stays bounded and ends on the latest price.
   */
  offerTick(tick: Tick): void {
    const last = this.latest.get(tick.s);
    if (last && tick.t < last.t) return;
    this.latest.set(tick.s, tick);
    const list = this.pending.get(tick.s);
    if (!list) this.pending.set(tick.s, [tick]);
    else if (list.length < this.maxPerSymbol) list.push(tick);
    else list[list.length - 1] = tick;
  }

  /** Tells every client which prices are live (on change). */
  publishMarketStatus(status: MarketStatus): void {
    this.deps.io.local.emit('market:status', status);
  }

  /** How many connected clients watch each symbol (clients following every symbol are not counted). */
  watchers(): Map<string, number> {
    const counts = new Map<string, number>();
    const rooms = this.deps.io.sockets.adapter.rooms;
    for (const [key, symbols] of this.groups) {
      const n = rooms.get(`ticks:${key}`)?.size ?? 0;
      if (!symbols || n === 0) continue;
      for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + n);
    }
    return counts;
  }

  close(): void {
    for (const t of this.timers) clearInterval(t);
    if (this.pacedTimer !== null) clearTimeout(this.pacedTimer);
    this.pacedTimer = null;
    this.pacedSends.length = 0;
  }

  private onConnection(socket: IoSocket): void {
    const { metrics, logger } = this.deps;
    metrics.socketClients.inc();
    // Handlers are attached before the first await: a command sent right after connecting must not be lost.
    socket.on('disconnect', () => {
      this.owed.delete(socket.id);
      metrics.socketClients.dec();
      this.deps.onWatchersChange?.();
    });

    const budget = new CommandBudget();
    /** Every command is answered; one past the socket's budget gets RATE_LIMITED, an abusive socket is dropped. */
    const allowed = (ack: unknown): ack is (res: never) => void => {
      if (typeof ack !== 'function') {
        metrics.rejectedMessages.inc({ kind: 'no-ack' });
        return false;
      }
      if (budget.take()) return true;
      metrics.rejectedMessages.inc({ kind: 'rate-limited' });
      (ack as (res: Ack<never>) => void)({
        ok: false,
        error: { code: 'RATE_LIMITED', message: 'too many commands; slow down' },
      });
      if (budget.exhausted) socket.disconnect(true);
      return false;
    };

    socket.on('feed:subscribe', (...args: unknown[]) => {
      const { payload, ack, extra } = commandArgs<FeedSubscribed>(args);
      if (!allowed(ack)) return;
      const parsed = feedSubscribeSchema.safeParse(extra ? undefined : payload);
      if (!parsed.success) {
        metrics.rejectedMessages.inc({ kind: 'feed:subscribe' });
        ack(failure('BAD_REQUEST', 'invalid feed:subscribe payload', toIssues(parsed.error)));
        return;
      }
      const { tickers, lastSeq, primaryOnly = false } = parsed.data;
      this.subscribeFeed(socket, tickers, lastSeq, primaryOnly).then(
        (data) => ack({ ok: true, data }),
        (err: unknown) => {
          logger.error({ err }, 'feed:subscribe failed');
          ack(failure('INTERNAL', 'could not subscribe'));
        },
      );
    });

    socket.on('ticks:subscribe', (...args: unknown[]) => {
      const { payload, ack, extra } = commandArgs<TicksSubscribed>(args);
      if (!allowed(ack)) return;
      const parsed = ticksSubscribeSchema.safeParse(extra ? undefined : payload);
      if (!parsed.success) {
        metrics.rejectedMessages.inc({ kind: 'ticks:subscribe' });
        ack(failure('BAD_REQUEST', 'invalid ticks:subscribe payload', toIssues(parsed.error)));
        return;
      }
      const symbols = [...new Set(parsed.data.symbols)];
      socket.data.tickSymbols = symbols;
      this.joinTickGroup(socket);
      this.deps.onWatch?.(symbols);
      ack({ ok: true, data: { symbols } });
    });

    // Queued now, before any command of the client's own, so an explicit feed:subscribe wins.
    this.subscribeFeed(socket, socket.data.feed, socket.data.lastSeq, socket.data.primaryOnly, true).catch(
      (err: unknown) => logger.error({ err }, 'initial subscribe failed'),
    );
  }

  /** Replaces a socket's feed rooms and replays what it missed after lastSeq, inside the publish queue. */
  private subscribeFeed(
    socket: IoSocket,
    tickers: string[],
    lastSeq: number | undefined,
    primaryOnly: boolean,
    hello = false,
  ) {
    const { store, queue, metrics } = this.deps;
    return queue.run(async () => {
      // The rooms first: a store that does not answer (a database restarting) may fail the hello or
      // the replay below, but the socket still gets every story committed from now on, and a gap
      // it then sees in the seqs it fills over REST. Joined after a failed store call, it stayed
      // connected and got nothing.
      const unique = [...new Set(tickers)];
      for (const room of socket.rooms) if (room.startsWith('feed:')) socket.leave(room);
      socket.join(unique.length ? unique.map(primaryOnly ? primaryRoom : feedRoom) : [ALL_ROOM]);
      socket.data.feed = unique;
      socket.data.primaryOnly = primaryOnly;
      this.joinReactionGroup(socket, unique, primaryOnly);
      this.joinTickGroup(socket);
      if (hello) {
        // Like the heartbeat: while the store does not answer, the last seq it gave (0 if none yet).
        const latestSeq = await store.latestSeq().catch(() => this.heartbeatSeq ?? 0);
        socket.emit('server:hello', {
          protocolVersion: PROTOCOL_VERSION,
          serverVersion: this.deps.serverVersion,
          serverTime: Date.now(),
          latestSeq,
        });
        const status = this.deps.marketStatus?.();
        if (status) socket.emit('market:status', status);
      }
      let replayed = 0;
      // A client coming from a node further ahead: this node first sends what it has not yet.
      if (this.relay && lastSeq !== undefined && lastSeq > this.relay.seq) await this.relay.catchUp();
      if (lastSeq !== undefined) {
        const found = await store.articlesAfter(lastSeq, unique, MAX_RESUME_ARTICLES + 1, primaryOnly);
        // Several nodes: stories this node has not sent yet come live, not in the replay.
        const sent = this.relay?.seq;
        const missed = sent === undefined ? found : found.filter((a) => a.seq <= sent);
        if (missed.length > MAX_RESUME_ARTICLES) {
          socket.emit('feed:reset', { reason: 'gap-too-large', latestSeq: await store.latestSeq() });
        } else {
          for (const a of missed) socket.emit('article:published', a);
          replayed = missed.length;
          metrics.articlesReplayed.inc(replayed);
        }
      }
      return { tickers: unique, primaryOnly, latestSeq: await store.latestSeq(), replayed };
    });
  }

  /**
   * Puts the socket in the reaction group of its feed filter, and sends it the values that froze in
   * the last MILESTONE_REPLAY_MS for the stories its filter matches: a page's REST snapshot taken
   * just before it joined would otherwise keep a horizon pending for good (a frozen value is pushed
   * once).
   */
  private joinReactionGroup(socket: IoSocket, tickers: string[], primaryOnly: boolean): void {
    const key = tickers.length
      ? `${primaryOnly ? 'primary:' : ''}${[...tickers].sort().join(',')}`
      : ALL_TICKS;
    if (socket.data.reactionGroup === key) return;
    if (socket.data.reactionGroup !== undefined) socket.leave(reactionRoom(socket.data.reactionGroup));
    socket.join(reactionRoom(key));
    socket.data.reactionGroup = key;
    let group = this.reactionGroups.get(key);
    if (!group) {
      group = { symbols: tickers.length ? new Set(tickers) : null, primaryOnly };
      this.reactionGroups.set(key, group);
    }
    this.pruneMilestones();
    const newest = new Map<string, ReactionSweep['articles'][number]>();
    for (const { update } of this.milestones)
      if (groupMatches(group, update.tickers)) newest.set(update.id, update);
    if (newest.size) socket.emit('reactions:updated', { articles: [...newest.values()] });
  }

  /** Keeps a sweep's frozen values for sockets joining in the next MILESTONE_REPLAY_MS. */
  private rememberMilestones(updates: ReactionSweep['articles']): void {
    const at = performance.now();
    for (const update of updates) this.milestones.push({ at, update });
    this.pruneMilestones();
  }

  private pruneMilestones(): void {
    const cutoff = performance.now() - MILESTONE_REPLAY_MS;
    let drop = 0;
    while (drop < this.milestones.length && (this.milestones[drop]?.at ?? 0) < cutoff) drop++;
    drop = Math.max(drop, this.milestones.length - MILESTONE_REPLAY_MAX);
    if (drop > 0) this.milestones.splice(0, drop);
  }
  /** Frozen values sent in the last MILESTONE_REPLAY_MS, oldest first (at: performance.now()). */
  private readonly milestones: { at: number; update: ReactionSweep['articles'][number] }[] = [];

  /** Puts the socket in the tick group for its symbol set (explicit, else its feed filter plus SPY). */
  private joinTickGroup(socket: IoSocket): void {
    const wanted =
      socket.data.tickSymbols ?? (socket.data.feed.length ? [...socket.data.feed, BENCHMARK_SYMBOL] : null);
    const key = wanted ? [...new Set(wanted)].sort().join(',') : ALL_TICKS;
    if (socket.data.tickGroup === key) return;
    if (socket.data.tickGroup !== null) socket.leave(`ticks:${socket.data.tickGroup}`);
    socket.join(`ticks:${key}`);
    socket.data.tickGroup = key;
    if (!this.groups.has(key)) this.groups.set(key, wanted ? new Set(wanted) : null);
    this.deps.onWatchersChange?.();
  }

  private flushTicks(): void {
    const { io, metrics } = this.deps;
    // The previous flush is still going out in slices: these ticks join the next one (conflated).
    if (this.ticksInFlight) return;
    // So do they while paced sends are behind their schedule, for at most TICK_DEFER_MAX_MS: the
    // server is short of time, and a flush skipped loses nothing (its ticks go in the next one).
    const now = performance.now();
    if (this.pacedOverdue() && now - this.lastTickFlush < TICK_DEFER_MAX_MS) return;
    this.lastTickFlush = now;
    // A socket whose link is behind skips batches (ticks are state: only the latest matters) and
    // gets one batch of the latest prices once it drains, so it never queues stale prices.
    const behind = new Set<string>();
    const skipAbove = this.maxBacklog / 16;
    for (const s of io.sockets.sockets.values()) {
      if (s.data.tickGroup !== null && backlogBytes(s) > skipAbove) behind.add(s.id);
    }
    for (const id of this.owed) {
      if (behind.has(id)) continue;
      this.owed.delete(id);
      const s = io.sockets.sockets.get(id);
      const symbols = s?.data.tickGroup != null ? this.groups.get(s.data.tickGroup) : undefined;
      if (!s || symbols === undefined) continue;
      const ticks = symbols
        ? [...symbols].flatMap((sym) => this.latest.get(sym) ?? [])
        : [...this.latest.values()];
      if (ticks.length) s.emit('ticks:batch', { ticks });
    }
    if (this.pending.size === 0) return;
    const pending = this.pending;
    this.pending = new Map();
    let all: Tick[] | null = null;
    const rooms = io.sockets.adapter.rooms;
    for (const [key, symbols] of this.groups) {
      const room = rooms.get(`ticks:${key}`);
      if (!room) {
        this.groups.delete(key);
        continue;
      }
      let ticks: Tick[];
      if (symbols) {
        ticks = [];
        for (const s of symbols) {
          const list = pending.get(s);
          if (list) for (const t of list) ticks.push(t);
        }
      } else ticks = all ??= [...pending.values()].flat();
      if (ticks.length === 0) continue;
      const skipped = behind.size ? [...behind].filter((id) => room.has(id)) : [];
      for (const id of skipped) this.owed.add(id);
      if (skipped.length) metrics.tickBatchesSkipped.inc(skipped.length);
      if (skipped.length === room.size) continue;
      const batch = { ticks };
      const sending = this.sliced(room, skipped.length ? behind : null, (ids) =>
        io.local.to(ids ?? `ticks:${key}`).emit('ticks:batch', batch),
      );
      if (sending) {
        const inFlight = sending.finally(() => {
          if (this.ticksInFlight === inFlight) this.ticksInFlight = null;
        });
        this.ticksInFlight = inFlight;
      }
      metrics.tickBatches.inc();
    }
  }

  /** Drops sockets whose unsent output passed the bound (a frozen or far too slow client). */
  private shedBacklogged(): void {
    for (const s of this.deps.io.sockets.sockets.values()) {
      const bytes = backlogBytes(s);
      if (bytes <= this.maxBacklog) continue;
      this.deps.metrics.socketsShed.inc();
      this.deps.logger.warn({ socket: s.id, backlogBytes: bytes }, 'client too far behind: dropped');
      // A polite close would wait behind the backlog; discard it.
      (s.conn as unknown as { close(discard: boolean): void }).close(true);
    }
  }

  private async heartbeat(): Promise<void> {
    // While the store does not answer, the last seq it gave (never more than the truth) keeps the beat going.
    const stored = await this.deps.store.latestSeq().catch(() => this.heartbeatSeq);
    if (stored === null) return;
    // Several nodes: what this node has sent so far (a client asking for more would wait for the relay).
    const latestSeq = this.relay ? Math.min(stored, this.relay.seq) : stored;
    this.heartbeatSeq = latestSeq;
    // Not paced like reactions: a wall with a short `stale` setting counts the time between two beats.
    const beat = { serverTime: Date.now(), latestSeq };
    this.sliced(this.deps.io.sockets.sockets, null, (ids) =>
      (ids ? this.deps.io.local.to(ids) : this.deps.io.local).emit('server:heartbeat', beat),
    );
  }
  private heartbeatSeq: number | null = null;
}
