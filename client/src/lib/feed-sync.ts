import type { Socket } from 'socket.io-client';
import type {
  Ack,
  Article,
  ClientToServerEvents,
  FeedReset,
  FeedSubscribed,
  Heartbeat,
  ServerToClientEvents,
} from '../../../shared/index.js';
import type { FeedCursor } from './feed-cursor.js';

type SyncSocket = Pick<Socket<ServerToClientEvents, ClientToServerEvents>, 'on' | 'off' | 'connected'>;

export interface FeedSyncOptions {
  socket: SyncSocket;
  cursor: FeedCursor;
  /** Re-subscribes with the current filter, asking for every story after lastSeq (feed:subscribe). */
  resume: (lastSeq: number) => Promise<Ack<FeedSubscribed>>;
  /** Resumes that did not close the gap before the client gives up and reloads the feed. */
  maxAttempts?: number;
  /**
   * How long a suspected gap may last before the client asks (ms): a heartbeat can count a story
   * whose push is still on its way, and a replay in flight fills holes by itself.
   */
  graceMs?: number;
  /** The gap could not be filled: the caller reloads the feed over REST (as on feed:reset). */
  onReload: () => void;
  /** Each resume the sync asked for, for metrics and tests. */
  onResume?: (from: number, ack: Ack<FeedSubscribed>) => void;
}

/**
 * Fills the gaps a connected client finds in its story log: a story whose seq skips past the
 * position (every-story feeds), or a heartbeat whose latestSeq is past it. It resumes from the
 * position (the server replays what matches the filter, in order; duplicates are dropped by seq)
 * and, when that does not close the gap, reloads. Returns a function that stops it.
 */
export function startFeedSync(opts: FeedSyncOptions): () => void {
  const { socket, cursor } = opts;
  const maxAttempts = opts.maxAttempts ?? 3;
  const graceMs = opts.graceMs ?? 1_000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;
  let failures = 0;
  /** Highest latestSeq a heartbeat announced that the position has not reached. */
  let announced = 0;
  let stopped = false;

  const behind = () => cursor.hasGap || announced > cursor.complete;

  const schedule = (ms = graceMs) => {
    if (timer !== null || inFlight || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void sync();
    }, ms);
  };

  const sync = async () => {
    if (inFlight || stopped || !socket.connected || !cursor.known || !behind()) return;
    inFlight = true;
    const from = cursor.complete;
    let ack: Ack<FeedSubscribed>;
    try {
      ack = await opts.resume(from);
    } finally {
      inFlight = false;
    }
    opts.onResume?.(from, ack);
    if (stopped) return;
    if (!ack.ok) {
      schedule(graceMs * 2);
      return;
    }
    const { latestSeq, replayed } = ack.data;
    // The replay came before the ack on the same connection. Following every story, the position
    // moved over it by itself; with a filter, it moves once every replayed story is held.
    if (!cursor.dense && cursor.complete === from && cursor.heldBetween(from, latestSeq) >= replayed)
      cursor.confirm(latestSeq);
    if (announced <= cursor.complete) announced = 0;
    if (cursor.complete >= latestSeq || (!cursor.hasGap && announced === 0)) {
      failures = 0;
      return;
    }
    failures += 1;
    if (failures >= maxAttempts) {
      failures = 0;
      announced = 0;
      opts.onReload();
      return;
    }
    schedule();
  };

  const onArticle = (article: Article) => {
    if (typeof article?.seq !== 'number') return;
    cursor.receive(article.seq);
    if (cursor.hasGap) schedule(graceMs / 4);
  };
  const onHeartbeat = (beat: Heartbeat) => {
    if (typeof beat?.latestSeq !== 'number' || !cursor.known || beat.latestSeq <= cursor.complete) return;
    announced = Math.max(announced, beat.latestSeq);
    schedule();
  };
  const onReset = (_reset: FeedReset) => {
    announced = 0;
    failures = 0;
  };
  const onDisconnect = () => {
    // The next handshake resumes from the position; nothing to ask on this connection.
    if (timer !== null) clearTimeout(timer);
    timer = null;
    announced = 0;
  };
  socket.on('article:published', onArticle);
  socket.on('server:heartbeat', onHeartbeat);
  socket.on('feed:reset', onReset);
  socket.on('disconnect', onDisconnect);
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    socket.off('article:published', onArticle);
    socket.off('server:heartbeat', onHeartbeat);
    socket.off('feed:reset', onReset);
    socket.off('disconnect', onDisconnect);
  };
}
