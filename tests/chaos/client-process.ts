// A feed client in its own process, so that a test can freeze it (SIGSTOP) like a stalled machine.
// Env: FEED_URL, FEED_TICKERS (comma list, empty = every story), FEED_TICK_SYMBOLS (comma list).
// Answers the parent's 'report' message (IPC) with what it holds.
import { FeedClient } from '../support/feed-client.js';

export interface ClientReport {
  seqs: number[];
  arrivals: number;
  resumes: number;
  reloads: number;
  resets: number;
  disconnects: { at: number; reason: string }[];
  prices: Record<string, { p: number; t: number }>;
  connected: boolean;
}

const list = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : []);
const tickSymbols = list(process.env.FEED_TICK_SYMBOLS);
const client = new FeedClient(process.env.FEED_URL ?? '', {
  tickers: list(process.env.FEED_TICKERS),
  tickSymbols: tickSymbols.length ? tickSymbols : undefined,
  reconnectionDelay: 200,
});

process.on('message', (msg: unknown) => {
  if (msg === 'close') {
    client.close();
    process.disconnect?.();
    return;
  }
  if (msg !== 'report') return;
  const report: ClientReport = {
    seqs: client.seqs(),
    arrivals: client.arrivals.length,
    resumes: client.resumes,
    reloads: client.reloads,
    resets: client.resets,
    disconnects: client.disconnects,
    prices: Object.fromEntries([...client.prices].map(([s, t]) => [s, { p: t.p, t: t.t }])),
    connected: client.socket.connected,
  };
  process.send?.(report);
});
client.socket.once('connect', () => process.send?.('ready'));
