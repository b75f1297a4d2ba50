/** Version of the wire contract; a client with another version is told to reload. */
export const PROTOCOL_VERSION = 1;

/** Socket.IO path (the default) and the most stories a resume may replay before a full reload. */
export const SOCKET_PATH = '/socket.io';
export const MAX_RESUME_ARTICLES = 500;

/** Ticks are conflated per symbol and flushed to clients at this interval (ms). */
export const TICK_FLUSH_MS = 100;

/** The server sends a heartbeat this often (ms) so idle clients can tell "quiet" from "dead". */
export const HEARTBEAT_MS = 5_000;

/** The market benchmark every chart can compare against. */
export const BENCHMARK_SYMBOL = 'SPY';
