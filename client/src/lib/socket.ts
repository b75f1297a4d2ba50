import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  type ApiError,
  type ClientToServerEvents,
  type FeedSubscribe,
  type FeedSubscribed,
  type Handshake,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type TicksSubscribe,
  type TicksSubscribed,
} from '../../../shared/index.js';
import { FeedCursor } from './feed-cursor.js';
import { getViewToken } from './view-token.js';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the next handshake says about this client: the feed position and filter it holds. */
const session = { handshakeSeq: 0, tickers: [] as string[], primaryOnly: false };

/** The client's position in the story log; it moves only over stories it holds (see FeedCursor). */
export const feedCursor = new FeedCursor();

/** The one typed socket. Its handshake is computed at each (re)connect so it carries the current state. */
export const socket: AppSocket = io({
  autoConnect: false,
  transports: ['websocket'],
  reconnectionDelay: 500,
  reconnectionDelayMax: 5_000,
  auth: (cb) => {
    const auth: Handshake = { protocolVersion: PROTOCOL_VERSION, tickers: [...session.tickers] };
    if (session.primaryOnly) auth.primaryOnly = true;
    const token = getViewToken();
    if (token) auth.token = token;
    // Without a position the server sends nothing old; the REST snapshot covers it.
    const lastSeq = feedCursor.complete;
    if (feedCursor.known) auth.lastSeq = lastSeq;
    session.handshakeSeq = lastSeq;
    cb(auth);
  },
});

/** The position this client can resume from: it holds every story of its filter up to it (0 when none). */
export function getLastSeq(): number {
  return feedCursor.complete;
}

/** The position the last handshake carried; a snapshot may have moved past it while connecting. */
export function getHandshakeSeq(): number {
  return session.handshakeSeq;
}

/** Records that the client now holds every story of its filter up to seq (a snapshot, an ack). */
export function noteSeq(seq: number): void {
  feedCursor.confirm(seq);
}

/** Forgets the feed position until the next snapshot gives one (a reload). */
export function forgetLastSeq(): void {
  feedCursor.forget();
}

/** Forgets the feed position, e.g. when the server's log restarted below what we hold. */
export function resetLastSeq(seq: number): void {
  feedCursor.reset(seq);
}

/** The feed filter the next handshake carries. */
export function setHandshakeTickers(tickers: readonly string[], primaryOnly = false): void {
  session.tickers = [...tickers];
  session.primaryOnly = primaryOnly;
  feedCursor.dense = tickers.length === 0;
}

/** The feed filter the socket follows (what a resume must ask for again). */
export function getHandshakeTickers(): { tickers: string[]; primaryOnly: boolean } {
  return { tickers: [...session.tickers], primaryOnly: session.primaryOnly };
}

const COMMAND_TIMEOUT_MS = 5_000;

function unavailable(event: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code: 'UNAVAILABLE', message: `${event} got no answer in time` } };
}

/** feed:subscribe; a timeout or a dropped socket answers UNAVAILABLE instead of throwing. */
export async function subscribeFeed(payload: FeedSubscribe): Promise<Ack<FeedSubscribed>> {
  try {
    return await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('feed:subscribe', payload);
  } catch {
    return unavailable('feed:subscribe');
  }
}

/** ticks:subscribe (replaces the set); a timeout answers UNAVAILABLE instead of throwing. */
export async function subscribeTicks(payload: TicksSubscribe): Promise<Ack<TicksSubscribed>> {
  try {
    return await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('ticks:subscribe', payload);
  } catch {
    return unavailable('ticks:subscribe');
  }
}

// Registered first, so every other 'connect' listener can ask whether this is a reconnect.
let connects = 0;
socket.on('connect', () => {
  connects += 1;
});

/** True from the second successful connect of this page on. */
export function isReconnect(): boolean {
  return connects > 1;
}
