import { z } from 'zod';
import type { Ack } from './ack.js';
import type { Article, ArticleUpdate, ReactionUpdate } from './article.js';
import type { MarketStatus } from './market.js';
import type { LiveReactionUpdate } from './reaction.js';
import { symbolSchema } from './symbols.js';
import type { TicksBatch } from './tick.js';

/** What a client sends in the Socket.IO handshake (`auth`). */
export const handshakeSchema = z.object({
  protocolVersion: z.number().int().optional(),
  /** The last story seq this client has; the server replays everything after it. */
  lastSeq: z.number().int().min(0).optional(),
  /** The feed filter to start with; empty or absent means every story. */
  tickers: z.array(symbolSchema).max(200).optional(),
  /** With tickers: only stories about them (the tag is primary), not those that merely mention them. */
  primaryOnly: z.boolean().optional(),
  /** The viewer token, required when the server has VIEW_TOKEN set. */
  token: z.string().max(1_024).optional(),
});
export type Handshake = z.input<typeof handshakeSchema>;

export const feedSubscribeSchema = z.object({
  /** Empty list: every story. */
  tickers: z.array(symbolSchema).max(200),
  /** Optional: replay stories after this seq that match the new filter. */
  lastSeq: z.number().int().min(0).optional(),
  /** With tickers: only stories about them (the tag is primary). Default false. */
  primaryOnly: z.boolean().optional(),
});
export type FeedSubscribe = z.input<typeof feedSubscribeSchema>;

export const ticksSubscribeSchema = z.object({
  /** The symbols whose prices the client shows; replaces the previous set. */
  symbols: z.array(symbolSchema).max(500),
});
export type TicksSubscribe = z.input<typeof ticksSubscribeSchema>;

export interface FeedSubscribed {
  tickers: string[];
  primaryOnly: boolean;
  latestSeq: number;
  /** How many missed stories were replayed as article:published before this ack. */
  replayed: number;
}

export interface TicksSubscribed {
  symbols: string[];
}

export interface ServerHello {
  protocolVersion: number;
  serverVersion: string;
  serverTime: number;
  latestSeq: number;
}

export interface FeedReset {
  reason: 'gap-too-large';
  latestSeq: number;
}

export interface Heartbeat {
  serverTime: number;
  latestSeq: number;
}

/** Stories whose reactions changed (a horizon froze, a new high or low, the live move). */
export interface ReactionsUpdated {
  /** Full tickers: a value froze (horizon, late reference, final) since the last push. */
  articles: ReactionUpdate[];
  /** Only the live numbers: the live move changed visibly (see LiveReactionUpdate). */
  live?: LiveReactionUpdate[];
}

/** Events the server pushes. Facts are named domain:verbed. */
export interface ServerToClientEvents {
  'server:hello': (hello: ServerHello) => void;
  'server:heartbeat': (beat: Heartbeat) => void;
  'article:published': (article: Article) => void;
  /** A stored story changed other than its reactions: another source carried it (alsoFrom). */
  'article:updated': (update: ArticleUpdate) => void;
  'feed:reset': (reset: FeedReset) => void;
  'ticks:batch': (batch: TicksBatch) => void;
  /** Which prices are live: sent after server:hello and whenever it changes. */
  'market:status': (status: MarketStatus) => void;
  'reactions:updated': (update: ReactionsUpdated) => void;
}

/** Commands a client sends, each answered through an ack. */
export interface ClientToServerEvents {
  'feed:subscribe': (payload: FeedSubscribe, ack: (res: Ack<FeedSubscribed>) => void) => void;
  'ticks:subscribe': (payload: TicksSubscribe, ack: (res: Ack<TicksSubscribed>) => void) => void;
}
