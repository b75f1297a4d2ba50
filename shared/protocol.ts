/** Version of the wire contract; a client with another version is told to reload. */
export const PROTOCOL_VERSION = 1;

/** Socket.IO path (the default) and the most stories a resume may replay before a full reload. */
export const SOCKET_PATH = '/socket.io';
export const MAX_RESUME_ARTICLES = 500;

/**
 * Ticks go to clients in one batch per interval (ms): every tick while a client keeps up, the
 * latest price of each symbol once its link falls behind.
 */
export const TICK_FLUSH_MS = 100;

/**
 * Ticks of one symbol a batch carries at most by default (200 a second at TICK_FLUSH_MS); past it,
 * the newest replaces the last one kept, so a batch always ends on the latest price.
 */
export const TICK_BATCH_MAX_PER_SYMBOL = 20;

/** The server sends a heartbeat this often (ms) so idle clients can tell "quiet" from "dead". */
export const HEARTBEAT_MS = 5_000;

/** The market benchmark every chart can compare against. */
export const BENCHMARK_SYMBOL = 'SPY';
